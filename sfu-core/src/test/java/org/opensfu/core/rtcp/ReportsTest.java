package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensfu.core.testing.HexFixtures.hex;

import org.junit.jupiter.api.Test;

/** SenderReport, ReceiverReport and the shared ReportBlock (RFC 3550 §6.4.1, §6.4.2). */
class ReportsTest {
    private final SenderReport sr = new SenderReport();
    private final ReceiverReport rr = new ReceiverReport();

    /** A hand-assembled SR: RC=1, sender 0x01020304, NTP 0xE1234567_89ABCDEF, one block. */
    private static final String SR_ONE_BLOCK = "81c8000c 01020304 e1234567 89abcdef 00015f90 00000064 0000fa00"
            + "0a0b0c0d 40fffffe 0001ffff 00000020 45678901 00018000";

    @Test
    void parsesAHandAssembledSenderReport() {
        byte[] b = hex(SR_ONE_BLOCK);
        assertThat(sr.wrap(b, 0, b.length)).isTrue();
        assertThat(sr.senderSsrc()).isEqualTo(0x01020304);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xE123456789ABCDEFL);
        assertThat(sr.rtpTimestamp()).isEqualTo(90000);
        assertThat(sr.senderPacketCount()).isEqualTo(100);
        assertThat(sr.senderOctetCount()).isEqualTo(64000);
        assertThat(sr.reportCount()).isEqualTo(1);
        assertThat(sr.profileExtensionLength()).isZero();
        int blk = sr.reportBlockOffset(0);
        assertThat(blk).isEqualTo(28);
        assertThat(ReportBlock.ssrc(b, blk)).isEqualTo(0x0a0b0c0d);
        assertThat(ReportBlock.fractionLost(b, blk)).isEqualTo(0x40);
        assertThat(ReportBlock.cumulativeLost(b, blk)).isEqualTo(-2); // 24-bit signed
        assertThat(ReportBlock.extendedHighestSequenceNumber(b, blk)).isEqualTo(0x1FFFFL);
        assertThat(ReportBlock.interarrivalJitterRtpUnits(b, blk)).isEqualTo(32);
        assertThat(ReportBlock.lastSrCompactNtp(b, blk)).isEqualTo(0x45678901L);
        assertThat(ReportBlock.delaySinceLastSrCompactNtp(b, blk)).isEqualTo(0x18000L);
        assertThat(ReportBlock.compactNtpToMicros(0x18000L)).isEqualTo(1_500_000L);
        assertThat(rr.wrap(b, 0, b.length)).isFalse(); // wrong PT for the RR view
    }

    @Test
    void writerRoundTripsWithBlocksFilledInPlace() {
        byte[] b = new byte[100];
        int len = SenderReport.write(b, 4, 7, 0x8000000000000001L, 0xFFFFFFFFL, 5, 6, 2);
        assertThat(len).isEqualTo(28 + 48);
        ReportBlock.write(b, SenderReport.reportBlockOffset(4, 0), 11, 255, ReportBlock.MIN_CUMULATIVE_LOST - 5,
                0xFFFFFFFFL, 1, 2, 3);
        ReportBlock.write(b, SenderReport.reportBlockOffset(4, 1), 12, 1, 1 << 30, 7, 8, 9, 10);
        assertThat(sr.wrap(b, 4, len)).isTrue();
        assertThat(sr.senderSsrc()).isEqualTo(7);
        assertThat(sr.ntpTimestamp()).isEqualTo(0x8000000000000001L);
        assertThat(sr.rtpTimestamp()).isEqualTo(0xFFFFFFFFL);
        assertThat(sr.senderPacketCount()).isEqualTo(5);
        assertThat(sr.senderOctetCount()).isEqualTo(6);
        assertThat(sr.reportCount()).isEqualTo(2);
        int b0 = sr.reportBlockOffset(0);
        int b1 = sr.reportBlockOffset(1);
        assertThat(ReportBlock.ssrc(b, b0)).isEqualTo(11);
        assertThat(ReportBlock.fractionLost(b, b0)).isEqualTo(255);
        assertThat(ReportBlock.cumulativeLost(b, b0)).isEqualTo(ReportBlock.MIN_CUMULATIVE_LOST); // clamped
        assertThat(ReportBlock.extendedHighestSequenceNumber(b, b0)).isEqualTo(0xFFFFFFFFL);
        assertThat(ReportBlock.cumulativeLost(b, b1)).isEqualTo(ReportBlock.MAX_CUMULATIVE_LOST); // clamped
        assertThat(ReportBlock.interarrivalJitterRtpUnits(b, b1)).isEqualTo(8);
        assertThat(ReportBlock.lastSrCompactNtp(b, b1)).isEqualTo(9);
        assertThat(ReportBlock.delaySinceLastSrCompactNtp(b, b1)).isEqualTo(10);
    }

    @Test
    void receiverReportRoundTripAndProfileExtension() {
        byte[] b = new byte[64];
        int len = ReceiverReport.write(b, 0, 0x1234, 1);
        assertThat(len).isEqualTo(32);
        ReportBlock.write(b, ReceiverReport.reportBlockOffset(0, 0), 99, 3, 4, 5, 6, 7, 8);
        assertThat(rr.wrap(b, 0, len)).isTrue();
        assertThat(rr.senderSsrc()).isEqualTo(0x1234);
        assertThat(rr.reportCount()).isEqualTo(1);
        assertThat(ReportBlock.ssrc(b, rr.reportBlockOffset(0))).isEqualTo(99);
        assertThat(ReportBlock.cumulativeLost(b, rr.reportBlockOffset(0))).isEqualTo(4);
        // RR with RC=0 and a 4-byte profile-specific extension
        byte[] ext = hex("80c90002 00000001 cafebabe");
        assertThat(rr.wrap(ext, 0, ext.length)).isTrue();
        assertThat(rr.profileExtensionOffset()).isEqualTo(8);
        assertThat(rr.profileExtensionLength()).isEqualTo(4);
    }

    @Test
    void rejectsMalformedReports() {
        assertThat(sr.wrap(hex("80c80005 01020304 e1234567 89abcdef 00015f90 00000064"), 0, 24)).isFalse(); // too short
        byte[] b = hex(SR_ONE_BLOCK);
        b[0] = (byte) 0x82; // RC=2 but only one block
        assertThat(sr.wrap(b, 0, b.length)).isFalse();
        assertThat(rr.wrap(hex("81c90001 00000001"), 0, 8)).isFalse(); // RC=1 without a block
        assertThat(rr.wrap(hex("80c90001 00000001"), 0, 4)).isFalse(); // len differs from the length field
        assertThat(rr.wrap(hex("80c90001 00000001 00000000"), 0, 12)).isFalse();
        assertThat(rr.wrap(hex("40c90001 00000001"), 0, 8)).isFalse(); // version 1
        assertThat(rr.wrap(null, 0, 8)).isFalse();
        // padding: RC=0, P set, 4 padding bytes after the SSRC -> still a valid RR
        byte[] padded = hex("a0c90002 00000001 00000004");
        assertThat(rr.wrap(padded, 0, padded.length)).isTrue();
        assertThat(rr.profileExtensionLength()).isZero();
    }

    @Test
    void writersRefuseTooSmallBuffersWithoutWriting() {
        byte[] small = new byte[27];
        assertThatThrownBy(() -> SenderReport.write(small, 0, 1, 2, 3, 4, 5, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(small).containsOnly(0);
        assertThatThrownBy(() -> ReceiverReport.write(new byte[31], 0, 1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
