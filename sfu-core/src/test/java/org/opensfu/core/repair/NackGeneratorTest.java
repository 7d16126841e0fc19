package org.opensfu.core.repair;

import org.opensfu.core.rtp.SequenceNumberUnwrapper;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Virtual time throughout: the tests pass {@code nowNanos} themselves. */
class NackGeneratorTest {
    private static final long MS = 1_000_000L;
    private static final long RTT = 50 * MS;

    private final NackGenerator generator = new NackGenerator();
    private final int[] out = new int[600];

    private int[] collect(long nowNanos, long rttNanos) {
        int n = generator.collectNacks(nowNanos, rttNanos, out);
        return Arrays.copyOf(out, n);
    }

    private void receive(long nowNanos, long... extSeqs) {
        for (long seq : extSeqs) {
            generator.onPacket(seq, nowNanos);
        }
    }

    @Test
    void aSingleLossIsNackedAfterTheReorderToleranceThenEveryRtt() {
        receive(0, 100, 101, 103);
        assertThat(generator.missingCount()).isEqualTo(1);
        assertThat(collect(14 * MS, RTT)).isEmpty(); // within the 15 ms reorder tolerance
        assertThat(collect(15 * MS, RTT)).containsExactly(102);
        assertThat(collect(16 * MS, RTT)).isEmpty();
        assertThat(collect(64 * MS, RTT)).isEmpty();
        assertThat(collect(65 * MS, RTT)).containsExactly(102);
        assertThat(collect(100 * MS, RTT)).isEmpty();
        assertThat(collect(115 * MS, RTT)).containsExactly(102);
        assertThat(generator.nacksSent()).isEqualTo(3);
    }

    @Test
    void aBurstIsNackedTogetherOldestFirst() {
        receive(0, 10, 11);
        receive(2 * MS, 20);
        receive(3 * MS, 21, 22);
        receive(4 * MS, 25);
        assertThat(collect(17 * MS, RTT)).containsExactly(12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(collect(19 * MS, RTT)).containsExactly(23, 24);
        assertThat(generator.missingCount()).isEqualTo(10);
    }

    @Test
    void reorderingWithinTheToleranceIsNeverNacked() {
        receive(0, 1, 3);
        receive(5 * MS, 2);
        receive(6 * MS, 6, 5, 4);
        for (long t = 0; t < 2_000 * MS; t += 5 * MS) {
            assertThat(collect(t, RTT)).isEmpty();
        }
        assertThat(generator.lateArrivals()).isEqualTo(3);
        assertThat(generator.missingCount()).isZero();
        assertThat(generator.nacksSent()).isZero();
    }

    @Test
    void retriesUpToTheLimitThenGivesUp() {
        receive(0, 1, 3);
        List<Long> nackTimesMs = new ArrayList<>();
        for (long t = 0; t <= 1_000 * MS; t += MS) {
            if (collect(t, RTT).length > 0) {
                nackTimesMs.add(t / MS);
            }
        }
        assertThat(nackTimesMs).containsExactly(15L, 65L, 115L, 165L, 215L, 265L, 315L, 365L, 415L, 465L);
        assertThat(generator.givenUp()).isEqualTo(1);
        assertThat(generator.missingCount()).isZero();
        // a retransmission arriving after giving up changes nothing
        receive(1_001 * MS, 2);
        assertThat(generator.recoveredAfterNack()).isZero();
    }

    @Test
    void retryIntervalIsTheRttButAtLeast20MsAnd100MsWhileUnknown() {
        receive(0, 1, 3);
        assertThat(collect(15 * MS, 5 * MS)).containsExactly(2);
        assertThat(collect(34 * MS, 5 * MS)).isEmpty();
        assertThat(collect(35 * MS, 5 * MS)).containsExactly(2);
        assertThat(collect(134 * MS, 0)).isEmpty();
        assertThat(collect(135 * MS, 0)).containsExactly(2);
        assertThat(collect(234 * MS, -1)).isEmpty();
        assertThat(collect(235 * MS, -1)).containsExactly(2);
    }

    @Test
    void aRecoveredPacketIsNoLongerNacked() {
        receive(0, 1, 4);
        assertThat(collect(20 * MS, RTT)).containsExactly(2, 3);
        receive(45 * MS, 3); // the retransmission (restored from RTX) arrives
        assertThat(generator.recoveredAfterNack()).isEqualTo(1);
        assertThat(collect(70 * MS, RTT)).containsExactly(2);
        receive(80 * MS, 2);
        assertThat(generator.missingCount()).isZero();
        assertThat(collect(200 * MS, RTT)).isEmpty();
        assertThat(generator.recoveredAfterNack()).isEqualTo(2);
    }

    @Test
    void duplicatesAndOldPacketsChangeNothing() {
        receive(0, 1, 2, 4);
        receive(MS, 4, 2, 1, -50);
        assertThat(generator.missingCount()).isEqualTo(1);
        assertThat(collect(20 * MS, RTT)).containsExactly(3);
    }

    @Test
    void nacksAcrossTheSequenceNumberWrapCarryThe16BitNumbers() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        for (int seq : new int[] {65_533, 65_534, 1, 3}) { // 65535, 0 and 2 lost
            generator.onPacket(unwrapper.unwrap(seq), 0);
        }
        assertThat(collect(20 * MS, RTT)).containsExactly(65_535, 0, 2);
        generator.onPacket(unwrapper.unwrap(0), 30 * MS);
        assertThat(collect(70 * MS, RTT)).containsExactly(65_535, 2);
    }

    @Test
    void packetsMissingForLongerThanTheMaxAgeAreForgotten() {
        receive(0, 1, 3);
        long rtt = 400 * MS;
        assertThat(collect(15 * MS, rtt)).containsExactly(2);
        assertThat(collect(415 * MS, rtt)).containsExactly(2);
        assertThat(collect(815 * MS, rtt)).containsExactly(2);
        assertThat(collect(1_001 * MS, rtt)).isEmpty();
        assertThat(generator.missingCount()).isZero();
        assertThat(generator.expired()).isEqualTo(1);
    }

    @Test
    void aGapTooLargeForTheListAsksForAKeyframeOnceAndClearsTheList() {
        receive(0, 1, 5); // 3 missing
        assertThat(generator.keyframeNeeded()).isFalse();
        receive(MS, 5 + 600);
        assertThat(generator.keyframeNeeded()).isTrue();
        assertThat(generator.keyframeNeeded()).isFalse();
        assertThat(generator.missingCount()).isZero();
        assertThat(collect(100 * MS, RTT)).isEmpty();
        assertThat(generator.overflows()).isEqualTo(1);
        // the stream goes on normally afterwards
        receive(110 * MS, 607);
        assertThat(collect(130 * MS, RTT)).containsExactly(606);
    }

    @Test
    void lossesAccumulatingPastTheBoundAlsoOverflow() {
        receive(0, 0, 301); // 300 missing
        receive(MS, 500); // 198 more: 498
        assertThat(generator.missingCount()).isEqualTo(498);
        assertThat(generator.keyframeNeeded()).isFalse();
        receive(2 * MS, 503); // 2 more: 500, the bound itself is fine
        assertThat(generator.missingCount()).isEqualTo(500);
        receive(3 * MS, 505); // 501 would exceed it
        assertThat(generator.keyframeNeeded()).isTrue();
        assertThat(generator.missingCount()).isZero();
    }

    @Test
    void expiredLossesDoNotCountTowardTheBound() {
        receive(0, 0, 401); // 400 missing, never collected
        receive(1_500 * MS, 600); // 198 more, the 400 are too old by now
        assertThat(generator.keyframeNeeded()).isFalse();
        assertThat(generator.missingCount()).isEqualTo(198);
        assertThat(generator.expired()).isEqualTo(400);
    }

    @Test
    void aSmallOutputArrayLeavesTheRestDueForTheNextCall() {
        receive(0, 0, 11); // 1..10 missing
        int[] small = new int[4];
        assertThat(generator.collectNacks(20 * MS, RTT, small)).isEqualTo(4);
        assertThat(small).containsExactly(1, 2, 3, 4);
        assertThat(generator.collectNacks(21 * MS, RTT, small)).isEqualTo(4);
        assertThat(small).containsExactly(5, 6, 7, 8);
        assertThat(collect(22 * MS, RTT)).containsExactly(9, 10);
        assertThat(collect(23 * MS, RTT)).isEmpty();
    }

    @Test
    void resetForgetsTheStream() {
        receive(0, 1, 3);
        generator.reset();
        assertThat(generator.missingCount()).isZero();
        receive(MS, 50_000, 50_001);
        assertThat(collect(100 * MS, RTT)).isEmpty();
    }

    @Test
    void aCustomPolicyIsFollowed() {
        NackGenerator custom = new NackGenerator(new NackPolicy(0, 10 * MS, 2, 300 * MS, 8, 30 * MS));
        custom.onPacket(1, 0);
        custom.onPacket(3, 0);
        int[] o = new int[8];
        assertThat(custom.collectNacks(0, 0, o)).isEqualTo(1); // no reorder tolerance
        assertThat(custom.collectNacks(29 * MS, 0, o)).isZero();
        assertThat(custom.collectNacks(30 * MS, 0, o)).isEqualTo(1);
        assertThat(custom.collectNacks(60 * MS, 0, o)).isZero(); // two retries at most: given up
        assertThat(custom.givenUp()).isEqualTo(1);
        custom.onPacket(13, 70 * MS); // 9 missing > 8
        assertThat(custom.keyframeNeeded()).isTrue();
    }
}
