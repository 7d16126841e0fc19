package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.opensfu.core.rtcp.TransportCcFeedback;
import org.opensfu.core.rtcp.TransportCcFeedbackBuilder;

/**
 * Whatever the receiver (or an attacker) sends back, the estimator never throws and its outputs stay sane: random and
 * duplicated sequence numbers, 16-bit wraps, absurd and backwards arrival times, feedback about packets never sent,
 * raw bytes that merely parse as transport-cc feedback.
 */
class SendSideBandwidthEstimatorPropertiesTest {
    private static final long MIN = 50_000;
    private static final long MAX = 10_000_000;

    private final TransportCcFeedback view = new TransportCcFeedback();
    private final byte[] out = new byte[1500];

    private static void assertSane(SendSideBandwidthEstimator bwe) {
        assertThat(bwe.targetBitrateBps()).isBetween(MIN, MAX);
        assertThat(bwe.rttMillis()).isNotNegative();
        assertThat(bwe.lossFraction()).isBetween(0.0, 1.0);
    }

    private static long absurdTime(SplittableRandom r, long plausible) {
        return switch (r.nextInt(8)) {
            case 0 -> r.nextLong();
            case 1 -> r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(1000) : Long.MIN_VALUE + r.nextInt(1000);
            case 2 -> plausible - r.nextLong(0, 1L << 40);
            default -> plausible;
        };
    }

    @Property(tries = 300)
    void randomFeedbackNeverThrowsAndKeepsTheEstimateInRange(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 400) int rounds,
            @ForAll @IntRange(min = 64, max = 1024) int historyCapacity,
            @ForAll @IntRange(min = 0, max = 100) int absurdPercent) {
        SplittableRandom r = new SplittableRandom(seed);
        int capacity = Integer.highestOneBit(historyCapacity);
        SendSideBandwidthEstimator bwe = new SendSideBandwidthEstimator(new BweConfig(300_000, MIN, MAX, capacity,
                true));
        TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder(r.nextInt(24, 1500));
        int seq = r.nextInt(65536);
        long now = r.nextLong(-1L << 50, 1L << 50);
        long receiverMicros = r.nextLong();
        for (int round = 0; round < rounds; round++) {
            boolean absurd = r.nextInt(100) < absurdPercent;
            int sends = r.nextInt(0, 30);
            for (int i = 0; i < sends; i++) {
                seq = switch (r.nextInt(10)) {
                    case 0 -> r.nextInt(65536); // jump anywhere
                    case 1 -> seq; // duplicate
                    default -> (seq + 1) & 0xFFFF;
                };
                now += r.nextLong(0, 20_000_000);
                bwe.onPacketSent(seq, absurd ? absurdTime(r, now) : now, r.nextInt(-10, 1500), r.nextInt(-3, 10));
            }
            builder.reset(r.nextInt(), r.nextInt(), round);
            int fbSeq = r.nextBoolean() ? (seq - r.nextInt(0, 200)) & 0xFFFF : r.nextInt(65536);
            if (r.nextBoolean()) {
                builder.setBaseSequenceNumber((fbSeq - r.nextInt(0, 50)) & 0xFFFF);
            }
            int packets = r.nextInt(1, 120);
            for (int i = 0; i < packets; i++) {
                receiverMicros += absurd ? r.nextLong(-10_000_000, 10_000_000) : r.nextLong(0, 20_000);
                if (!builder.addReceived(fbSeq, receiverMicros) && builder.isEmpty()) {
                    break;
                }
                fbSeq = (fbSeq + r.nextInt(1, 4)) & 0xFFFF;
            }
            if (!builder.isEmpty()) {
                int len = builder.write(out, 0);
                assertThat(view.wrap(out, 0, len)).isTrue();
                now += r.nextLong(0, 100_000_000);
                bwe.onTransportFeedback(view, absurd ? absurdTime(r, now) : now);
                if (r.nextInt(4) == 0) { // the same feedback again
                    bwe.onTransportFeedback(view, now);
                }
            }
            assertSane(bwe);
            ProbeCluster cluster = bwe.probeIfWanted(absurd ? absurdTime(r, now) : now,
                    absurd ? r.nextLong() : r.nextLong(0, 20_000_000));
            if (cluster != null) {
                assertThat(cluster.bitrateBps()).isBetween(1L, MAX);
            }
            assertSane(bwe);
        }
    }

    @Property(tries = 300)
    void bytesThatParseAsFeedbackNeverThrow(@ForAll long seed,
            @ForAll @Size(min = 1, max = 40) java.util.List<@IntRange(min = 0, max = 300) Integer> bodyWords,
            @ForAll @LongRange(min = 0, max = 1L << 40) long startNanos) {
        SplittableRandom r = new SplittableRandom(seed);
        SendSideBandwidthEstimator bwe = new SendSideBandwidthEstimator(new BweConfig(300_000, MIN, MAX, 256, true));
        long now = startNanos;
        int seq = r.nextInt(65536);
        for (int i = 0; i < 600; i++) {
            bwe.onPacketSent(seq, now, 1200, i % 7 == 0 ? 0 : -1);
            seq = (seq + 1) & 0xFFFF;
            now += 2_000_000;
        }
        bwe.probeIfWanted(now, 5_000_000);
        int parsed = 0;
        for (int words : bodyWords) {
            int len = 20 + 4 * (words % 64);
            byte[] b = new byte[len];
            r.nextBytes(b);
            b[0] = (byte) (0x80 | 15); // V=2, no padding, FMT=15
            b[1] = (byte) 205;
            b[2] = (byte) ((len / 4 - 1) >>> 8);
            b[3] = (byte) (len / 4 - 1);
            if (r.nextBoolean()) { // a base sequence near what was sent, so that packets match
                int base = (seq - r.nextInt(1, 600)) & 0xFFFF;
                b[12] = (byte) (base >>> 8);
                b[13] = (byte) base;
                b[14] = 0;
                b[15] = (byte) r.nextInt(1, 100);
            }
            if (view.wrap(b, 0, len)) {
                parsed++;
                now += r.nextLong(-50_000_000, 100_000_000);
                bwe.onTransportFeedback(view, now);
                assertSane(bwe);
            }
        }
        net.jqwik.api.statistics.Statistics.collect(parsed > 0 ? "some parsed" : "none parsed");
    }
}
