package org.opensfu.core.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SentPacketHistoryTest {
    private static final long MS = 1_000_000L;
    private static final long RTT = 40 * MS;

    private final SentPacketHistory history = new SentPacketHistory(1024, 1_000 * MS, 100 * MS);
    private final SentPacketInfo info = new SentPacketInfo();

    @Test
    void remembersWhatWasSent() {
        history.onSent(500, 2, 70_123L, 0xFFFF_FFF0L, 12_345, 200, true, 7 * MS);
        assertThat(history.lookup(500, 8 * MS, info)).isTrue();
        assertThat(info.outputSeq()).isEqualTo(500);
        assertThat(info.layer()).isEqualTo(2);
        assertThat(info.sourceExtSeq()).isEqualTo(70_123L);
        assertThat(info.outputTimestamp()).isEqualTo(0xFFFF_FFF0L);
        assertThat(info.codecField1()).isEqualTo(12_345);
        assertThat(info.codecField2()).isEqualTo(200);
        assertThat(info.marker()).isTrue();
        assertThat(info.sentNanos()).isEqualTo(7 * MS);
        assertThat(info.resendCount()).isZero();
        assertThat(history.lookup(501, 8 * MS, info)).isFalse();
        assertThat(history.lookup(500 + 1024, 8 * MS, info)).isFalse();
        assertThat(info.outputSeq()).isEqualTo(500); // untouched by a failed lookup
    }

    @Test
    void outputSequenceNumbersWrapAround() {
        for (int i = 0; i < 40; i++) {
            history.onSent((65_516 + i) & 0xFFFF, 0, 1_000 + i, 90L * i, i, 0, false, i * MS);
        }
        for (int i = 0; i < 40; i++) {
            assertThat(history.lookup((65_516 + i) & 0xFFFF, 50 * MS, info)).isTrue();
            assertThat(info.sourceExtSeq()).isEqualTo(1_000 + i);
        }
        // numbers outside 0..65535 are never known, whatever their low bits
        assertThat(history.lookup(65_536 + 3, 50 * MS, info)).isFalse();
        assertThat(history.lookup(-65_533, 50 * MS, info)).isFalse();
        assertThat(history.mayResend(65_536 + 3, 50 * MS, RTT)).isFalse();
    }

    @Test
    void aSlotIsOverwrittenOneCapacityLater() {
        SentPacketHistory small = new SentPacketHistory(16, 1_000 * MS, 100 * MS);
        small.onSent(3, 0, 3, 0, 0, 0, false, 0);
        small.onSent(19, 1, 19, 0, 0, 0, false, MS);
        assertThat(small.lookup(3, 2 * MS, info)).isFalse();
        assertThat(small.mayResend(3, 2 * MS, RTT)).isFalse();
        assertThat(small.lookup(19, 2 * MS, info)).isTrue();
        assertThat(info.layer()).isEqualTo(1);
    }

    @Test
    void entriesOlderThanTheMaxAgeAreNotReturned() {
        history.onSent(10, 0, 10, 0, 0, 0, false, 100 * MS);
        assertThat(history.lookup(10, 1_100 * MS, info)).isTrue();
        assertThat(history.lookup(10, 1_101 * MS, info)).isFalse();
        assertThat(history.mayResend(10, 1_101 * MS, RTT)).isFalse();
    }

    @Test
    void resendsOfOnePacketAreThrottledToOnePerRtt() {
        history.onSent(10, 0, 10, 0, 0, 0, false, 0);
        assertThat(history.mayResend(10, MS, RTT)).isTrue(); // the first retransmission is never throttled
        assertThat(history.mayResend(10, 2 * MS, RTT)).isFalse();
        assertThat(history.mayResend(10, 40 * MS, RTT)).isFalse();
        assertThat(history.mayResend(10, 41 * MS, RTT)).isTrue();
        assertThat(history.mayResend(10, 60 * MS, RTT)).isFalse();
        assertThat(history.lookup(10, 60 * MS, info)).isTrue();
        assertThat(info.resendCount()).isEqualTo(2);
        assertThat(history.resends()).isEqualTo(2);
        assertThat(history.throttled()).isEqualTo(3);
        // while the RTT is unknown, the default (100 ms) applies
        assertThat(history.mayResend(10, 140 * MS, 0)).isFalse();
        assertThat(history.mayResend(10, 141 * MS, 0)).isTrue();
        // sending the number again (next cycle) starts over
        history.onSent(10, 0, 65_546, 0, 0, 0, false, 150 * MS);
        assertThat(history.mayResend(10, 151 * MS, RTT)).isTrue();
        assertThat(history.lookup(10, 151 * MS, info)).isTrue();
        assertThat(info.resendCount()).isEqualTo(1);
    }

    @Test
    void unknownNumbersAreNeitherFoundNorResent() {
        assertThat(history.lookup(0, 0, info)).isFalse();
        assertThat(history.mayResend(0, 0, RTT)).isFalse();
        assertThat(history.resends()).isZero();
    }

    @Test
    void rejectsBadCapacities() {
        assertThatThrownBy(() -> new SentPacketHistory(1000, MS, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SentPacketHistory(1 << 17, MS, MS)).isInstanceOf(IllegalArgumentException.class);
    }
}
