package org.opensfu.core.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.util.Bytes;

class RtxPacketTest {
    private static final int MEDIA_SSRC = 0x11223344;
    private static final int RTX_SSRC = 0x55667788;
    private static final int MEDIA_PT = 96;
    private static final int RTX_PT = 97;

    private final PacketBufferPool pool = new PacketBufferPool(8);
    private final RtpPacket original = new RtpPacket();
    private final RtpPacket rtxView = new RtpPacket();

    @AfterEach
    void noLeaks() {
        assertThat(pool.outstanding()).isZero();
    }

    private static byte[] withCsrcsExtensionsAndPadding(byte[] extensionBlock, int profile) {
        byte[] payload = new byte[57];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 + 1);
        }
        return RepairTestPackets.rtp(true, MEDIA_PT, 40_000, 0xDEADBEEFL, MEDIA_SSRC, new int[] {0xA1, 0xB2, 0xC3},
                profile, extensionBlock, payload, 7);
    }

    /** The original without its padding and with P cleared: what a restored RTX packet must equal. */
    private byte[] unpadded(byte[] packet) {
        assertThat(original.wrap(packet, 0, packet.length)).isTrue();
        byte[] expected = Arrays.copyOf(packet, packet.length - original.paddingLength());
        expected[0] &= (byte) ~0x20;
        return expected;
    }

    private void roundTrip(byte[] packet) {
        byte[] expected = unpadded(packet);
        assertThat(original.wrap(packet, 0, packet.length)).isTrue();
        int headerLength = original.headerLength();
        int payloadLength = original.payloadLength();
        int mediaSsrc = original.ssrc();
        int mediaSeq = original.sequenceNumber();

        PacketBuffer rtx = pool.acquire();
        try {
            int length = RtxPacket.write(rtx.array(), PacketBuffer.HEADROOM, original, RTX_SSRC, RTX_PT, 7);
            assertThat(length).isEqualTo(headerLength + 2 + payloadLength);
            rtx.setOffsetAndLength(PacketBuffer.HEADROOM, length);

            assertThat(rtxView.wrap(rtx.array(), rtx.offset(), rtx.length())).isTrue();
            assertThat(rtxView.ssrc()).isEqualTo(RTX_SSRC);
            assertThat(rtxView.payloadType()).isEqualTo(RTX_PT);
            assertThat(rtxView.sequenceNumber()).isEqualTo(7);
            assertThat(rtxView.timestamp()).isEqualTo(original.timestamp());
            assertThat(rtxView.marker()).isEqualTo(original.marker());
            assertThat(rtxView.padding()).isFalse();
            assertThat(rtxView.csrcCount()).isEqualTo(original.csrcCount());
            assertThat(rtxView.extensionCount()).isEqualTo(original.extensionCount());
            assertThat(rtxView.headerLength()).isEqualTo(headerLength);
            assertThat(RtxPacket.originalSequenceNumber(rtxView)).isEqualTo(original.sequenceNumber());
            assertThat(Arrays.copyOfRange(rtx.array(), rtxView.payloadOffset() + 2, rtx.offset() + length))
                    .isEqualTo(Arrays.copyOfRange(packet, original.payloadOffset(),
                            original.payloadOffset() + payloadLength));

            assertThat(RtxPacket.restore(rtx, rtxView, mediaSsrc, MEDIA_PT)).isTrue();
            assertThat(Arrays.copyOfRange(rtx.array(), rtx.offset(), rtx.offset() + rtx.length()))
                    .isEqualTo(expected);
            // the view follows the restored packet
            assertThat(rtxView.offset()).isEqualTo(rtx.offset());
            assertThat(rtxView.sequenceNumber()).isEqualTo(mediaSeq);
            assertThat(rtxView.ssrc()).isEqualTo(mediaSsrc);
            assertThat(rtxView.extensionCount()).isEqualTo(original.extensionCount());
        } finally {
            rtx.release();
        }
    }

    @Test
    void roundTripWithCsrcsOneByteExtensionsAndPadding() {
        roundTrip(withCsrcsExtensionsAndPadding(RepairTestPackets.oneByteExtensions(), RtpPacket.PROFILE_ONE_BYTE));
    }

    @Test
    void roundTripWithTwoByteExtensions() {
        roundTrip(withCsrcsExtensionsAndPadding(RepairTestPackets.twoByteExtensions(), RtpPacket.PROFILE_TWO_BYTE));
    }

    @Test
    void roundTripOfAPlainPacketAndOfAnEmptyPayload() {
        roundTrip(RepairTestPackets.simple(65_535, 100));
        roundTrip(RepairTestPackets.simple(3, 0));
    }

    @Test
    void writeInPlaceOrToAnOverlappingOffsetGivesTheSameBytes() {
        byte[] packet = withCsrcsExtensionsAndPadding(RepairTestPackets.oneByteExtensions(),
                RtpPacket.PROFILE_ONE_BYTE);
        original.wrap(packet, 0, packet.length);
        byte[] reference = new byte[packet.length + 2];
        int length = RtxPacket.write(reference, 0, original, RTX_SSRC, RTX_PT, 1234);
        for (int shift : new int[] {-40, -5, -2, -1, 0, 1, 2, 3, 30, 200}) {
            byte[] buf = new byte[400];
            int srcOff = 100;
            System.arraycopy(packet, 0, buf, srcOff, packet.length);
            assertThat(original.wrap(buf, srcOff, packet.length)).isTrue();
            assertThat(RtxPacket.write(buf, srcOff + shift, original, RTX_SSRC, RTX_PT, 1234)).isEqualTo(length);
            assertThat(Arrays.copyOfRange(buf, srcOff + shift, srcOff + shift + length))
                    .as("shift %d", shift).isEqualTo(Arrays.copyOf(reference, length));
        }
    }

    @Test
    void writeReturnsZeroWhenItDoesNotFit() {
        byte[] packet = RepairTestPackets.simple(9, 50);
        original.wrap(packet, 0, packet.length);
        byte[] dst = new byte[63];
        assertThat(RtxPacket.write(dst, 0, original, RTX_SSRC, RTX_PT, 1)).isZero();
        assertThat(dst).containsOnly(0);
        assertThat(RtxPacket.write(new byte[100], 40, original, RTX_SSRC, RTX_PT, 1)).isZero();
        assertThat(RtxPacket.write(new byte[100], -1, original, RTX_SSRC, RTX_PT, 1)).isZero();
        assertThat(RtxPacket.write(null, 0, original, RTX_SSRC, RTX_PT, 1)).isZero();
        assertThat(RtxPacket.write(new byte[100], 0, new RtpPacket(), RTX_SSRC, RTX_PT, 1)).isZero();
        assertThat(RtxPacket.write(new byte[64], 0, original, RTX_SSRC, RTX_PT, 1)).isEqualTo(64);
    }

    @Test
    void aPaddingOnlyRtxPacketIsNotRestored() {
        // a bandwidth probe: RTX SSRC and payload type, no payload, 200 bytes of padding
        byte[] probe = RepairTestPackets.rtp(false, RTX_PT, 77, 1, RTX_SSRC, new int[0], 0, null, new byte[0], 200);
        PacketBuffer buffer = pool.acquire();
        try {
            buffer.copyFrom(probe, 0, probe.length);
            assertThat(rtxView.wrap(buffer.array(), buffer.offset(), buffer.length())).isTrue();
            assertThat(RtxPacket.restore(buffer, rtxView, MEDIA_SSRC, MEDIA_PT)).isFalse();
            assertThat(buffer.offset()).isEqualTo(PacketBuffer.HEADROOM);
            assertThat(Arrays.copyOfRange(buffer.array(), buffer.offset(), buffer.offset() + buffer.length()))
                    .isEqualTo(probe);
            assertThat(RtxPacket.originalSequenceNumber(rtxView)).isEqualTo(-1);
        } finally {
            buffer.release();
        }
    }

    @Test
    void aOneBytePayloadIsTooShortToRestore() {
        byte[] runt = RepairTestPackets.rtp(false, RTX_PT, 77, 1, RTX_SSRC, new int[0], 0, null, new byte[1], 0);
        PacketBuffer buffer = pool.acquire();
        try {
            buffer.copyFrom(runt, 0, runt.length);
            rtxView.wrap(buffer.array(), buffer.offset(), buffer.length());
            assertThat(RtxPacket.restore(buffer, rtxView, MEDIA_SSRC, MEDIA_PT)).isFalse();
        } finally {
            buffer.release();
        }
    }

    @Test
    void restoreRefusesAViewThatIsNotOnTheBuffer() {
        byte[] packet = RepairTestPackets.simple(5, 20);
        PacketBuffer buffer = pool.acquire();
        try {
            buffer.copyFrom(packet, 0, packet.length);
            assertThat(RtxPacket.restore(buffer, new RtpPacket(), MEDIA_SSRC, MEDIA_PT)).isFalse();
            rtxView.wrap(packet, 0, packet.length); // another array
            assertThat(RtxPacket.restore(buffer, rtxView, MEDIA_SSRC, MEDIA_PT)).isFalse();
            rtxView.wrap(buffer.array(), buffer.offset(), buffer.length() - 1); // other length
            assertThat(RtxPacket.restore(buffer, rtxView, MEDIA_SSRC, MEDIA_PT)).isFalse();
            assertThat(Bytes.readUint16(buffer.array(), buffer.offset() + 2)).isEqualTo(5);
        } finally {
            buffer.release();
        }
    }

    @Test
    void restoreKeepsPaddingTheRtxPacketCarried() {
        byte[] payload = {(byte) 0x9C, 0x40, 1, 2, 3}; // OSN 40000, then 3 payload bytes
        byte[] rtxBytes = RepairTestPackets.rtp(false, RTX_PT, 9, 5, RTX_SSRC, new int[0], 0, null, payload, 4);
        PacketBuffer buffer = pool.acquire();
        try {
            buffer.copyFrom(rtxBytes, 0, rtxBytes.length);
            rtxView.wrap(buffer.array(), buffer.offset(), buffer.length());
            assertThat(RtxPacket.restore(buffer, rtxView, MEDIA_SSRC, MEDIA_PT)).isTrue();
            assertThat(rtxView.sequenceNumber()).isEqualTo(40_000);
            assertThat(rtxView.padding()).isTrue();
            assertThat(rtxView.paddingLength()).isEqualTo(4);
            assertThat(rtxView.payloadLength()).isEqualTo(3);
            assertThat(rtxView.payloadType()).isEqualTo(MEDIA_PT);
            assertThat(buffer.length()).isEqualTo(rtxBytes.length - 2);
        } finally {
            buffer.release();
        }
    }
}
