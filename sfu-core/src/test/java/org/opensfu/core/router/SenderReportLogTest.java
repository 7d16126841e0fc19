package org.opensfu.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderReportLogTest {
    private static final long SECOND_NANOS = 1_000_000_000L;

    @Test
    void roundTripIsArrivalMinusSendMinusTheReceiversDelay() {
        SenderReportLog log = new SenderReportLog();
        log.record(0xABCD_0001L, 10 * SECOND_NANOS);
        log.record(0xABCD_0002L, 11 * SECOND_NANOS);
        // echoed 5 ms after it arrived there, back 30 ms after we sent it: 25 ms round trip
        assertThat(log.roundTripNanos(0xABCD_0001L, 5_000, 10 * SECOND_NANOS + 30_000_000L)).isEqualTo(25_000_000L);
        assertThat(log.roundTripNanos(0xABCD_0002L, 0, 11 * SECOND_NANOS + 40_000_000L)).isEqualTo(40_000_000L);
    }

    @Test
    void unknownOrAbsentReportsGiveNoSample() {
        SenderReportLog log = new SenderReportLog();
        assertThat(log.roundTripNanos(0x1234L, 0, SECOND_NANOS)).isEqualTo(-1);
        log.record(0x1234L, SECOND_NANOS);
        assertThat(log.roundTripNanos(0, 0, 2 * SECOND_NANOS)).as("LSR 0: no report received yet").isEqualTo(-1);
        assertThat(log.roundTripNanos(0x9999L, 0, 2 * SECOND_NANOS)).isEqualTo(-1);
        for (int i = 1; i <= 4; i++) {
            log.record(0x2000L + i, SECOND_NANOS + i);
        }
        assertThat(log.roundTripNanos(0x1234L, 0, 2 * SECOND_NANOS)).as("forgotten after four newer").isEqualTo(-1);
    }

    @Test
    void aDelayLongerThanTheElapsedTimeIsClampedToZero() {
        SenderReportLog log = new SenderReportLog();
        log.record(0x10L, SECOND_NANOS);
        assertThat(log.roundTripNanos(0x10L, 50_000, SECOND_NANOS + 10_000_000L)).isZero();
    }
}
