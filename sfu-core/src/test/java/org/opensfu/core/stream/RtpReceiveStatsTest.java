package org.opensfu.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opensfu.core.rtcp.ReportBlock;
import org.opensfu.core.util.NtpTime;

class RtpReceiveStatsTest {
    private static final long MS = 1_000_000L;

    @Test
    void countsLossAcrossASequenceWrapAndReportsTheFractionPerInterval() {
        RtpReceiveStats stats = new RtpReceiveStats(90_000);
        long t = 0;
        int seq = 65_530;
        int received = 0;
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) { // lose one packet in ten
                stats.onPacket(seq & 0xFFFF, 3000L * i, t, 1000);
                received++;
            }
            seq++;
            t += 33 * MS;
        }
        assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(65_536 + ((65_530 + 99) & 0xFFFF));
        assertThat(stats.packetsReceived()).isEqualTo(received - 1); // the first (probation) packet is not counted
        assertThat(stats.cumulativeLost()).isEqualTo(10);

        byte[] block = new byte[24];
        stats.writeReportBlock(block, 0, 0xCAFE, t);
        assertThat(ReportBlock.ssrc(block, 0)).isEqualTo(0xCAFE);
        assertThat(ReportBlock.cumulativeLost(block, 0)).isEqualTo(10);
        assertThat(ReportBlock.fractionLost(block, 0)).isBetween(25, 26); // 10 of 99 expected, out of 256
        assertThat(ReportBlock.extendedHighestSequenceNumber(block, 0))
                .isEqualTo(stats.extendedHighestSequenceNumber());

        // the next interval has no loss: fraction 0, cumulative unchanged
        for (int i = 0; i < 10; i++) {
            stats.onPacket(seq++ & 0xFFFF, 3000L * (100 + i), t, 1000);
            t += 33 * MS;
        }
        stats.writeReportBlock(block, 0, 0xCAFE, t);
        assertThat(ReportBlock.fractionLost(block, 0)).isZero();
        assertThat(ReportBlock.cumulativeLost(block, 0)).isEqualTo(10);
    }

    @Test
    void jitterIsZeroForPerfectPacingAndGrowsWithVariation() {
        RtpReceiveStats steady = new RtpReceiveStats(48_000);
        RtpReceiveStats jittery = new RtpReceiveStats(48_000);
        for (int i = 0; i < 500; i++) {
            steady.onPacket(i, 960L * i, 20 * MS * i, 100);
            long wobble = (i % 2 == 0 ? 0 : 10 * MS); // every other packet 10 ms late
            jittery.onPacket(i, 960L * i, 20 * MS * i + wobble, 100);
        }
        assertThat(steady.jitterRtpUnits()).isZero();
        // |D| alternates 480 units (10 ms at 48 kHz); J converges to 480
        assertThat(jittery.jitterRtpUnits()).isBetween(470L, 490L);
    }

    @Test
    void echoesTheLastSenderReportAsLsrAndDlsr() {
        RtpReceiveStats stats = new RtpReceiveStats(90_000);
        for (int i = 0; i < 5; i++) {
            stats.onPacket(100 + i, 3000L * i, i * MS, 500);
        }
        long ntp = NtpTime.fromUnixMillis(1_767_225_600_000L);
        stats.onSenderReport(ntp, 10 * MS);
        byte[] block = new byte[24];
        stats.writeReportBlock(block, 0, 1, 10 * MS + 500 * MS);
        assertThat(ReportBlock.lastSrCompactNtp(block, 0)).isEqualTo(NtpTime.compact(ntp));
        assertThat(ReportBlock.delaySinceLastSrCompactNtp(block, 0)).isEqualTo(65_536 / 2); // 0.5 s
    }

    @Test
    void aLargeJumpIsAcceptedOnlyWhenConfirmedByTheNextPacket() {
        RtpReceiveStats stats = new RtpReceiveStats(90_000);
        for (int i = 0; i < 10; i++) {
            assertThat(stats.onPacket(1000 + i, i, i * MS, 100)).isEqualTo(i >= 1);
        }
        assertThat(stats.onPacket(30_000, 0, 20 * MS, 100)).isFalse(); // a lone jump: rejected
        assertThat(stats.onPacket(1010, 0, 21 * MS, 100)).isTrue();
        assertThat(stats.onPacket(40_000, 0, 22 * MS, 100)).isFalse();
        assertThat(stats.onPacket(40_001, 0, 23 * MS, 100)).isTrue(); // confirmed: the sender restarted
        assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(40_001);
    }
}
