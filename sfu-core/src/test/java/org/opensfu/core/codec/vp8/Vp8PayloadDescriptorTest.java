package org.opensfu.core.codec.vp8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensfu.core.testing.HexFixtures.hex;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.testing.HexFixtures;

/** RFC 7741 §4.2/§4.3 payload descriptors built bit by bit, and RFC 6386 §9.1 key frame headers. */
class Vp8PayloadDescriptorTest {
    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();

    /** An interframe's VP8 payload header (P=1) and a few bytes of frame data. */
    private static final byte[] INTERFRAME_DATA = hex("31 02 00 aa bb");

    @Test
    void minimalDescriptorWithoutExtension() {
        // X=0 R=0 N=0 S=1 R=0 PID=0, then an interframe
        byte[] b = concat(hex("10"), INTERFRAME_DATA);
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.isValid()).isTrue();
        assertThat(vp8.descriptorLength()).isEqualTo(1);
        assertThat(vp8.extended()).isFalse();
        assertThat(vp8.nonReference()).isFalse();
        assertThat(vp8.startOfPartition()).isTrue();
        assertThat(vp8.partitionIndex()).isZero();
        assertThat(vp8.isStartOfFrame()).isTrue();
        assertThat(vp8.hasPictureId()).isFalse();
        assertThat(vp8.pictureId()).isEqualTo(-1);
        assertThat(vp8.pictureIdLength()).isZero();
        assertThat(vp8.hasTl0PicIdx()).isFalse();
        assertThat(vp8.tl0PicIdx()).isEqualTo(-1);
        assertThat(vp8.hasTid()).isFalse();
        assertThat(vp8.temporalLayer()).isEqualTo(-1);
        assertThat(vp8.layerSync()).isFalse();
        assertThat(vp8.hasKeyIdx()).isFalse();
        assertThat(vp8.keyIdx()).isEqualTo(-1);
        assertThat(vp8.isKeyframe()).isFalse();
        assertThat(vp8.frameWidth()).isEqualTo(-1);
    }

    @Test
    void firstOctetBits() {
        // N=1 S=0 PID=5: a non-reference frame's continuation packet in partition 5
        byte[] b = hex("25 00");
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.nonReference()).isTrue();
        assertThat(vp8.startOfPartition()).isFalse();
        assertThat(vp8.partitionIndex()).isEqualTo(5);
        assertThat(vp8.isStartOfFrame()).isFalse();
        // S=1 but PID=1: starts a partition, not a frame
        b = hex("11 00");
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.startOfPartition()).isTrue();
        assertThat(vp8.isStartOfFrame()).isFalse();
        assertThat(vp8.isKeyframe()).isFalse();
    }

    /** Every combination of I, L, T, K, with 7- and 15-bit picture IDs (RFC 7741 §4.2). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void everyCombinationOfOptionalFields(int ilTk) {
        for (boolean longPictureId : new boolean[] {false, true}) {
            boolean i = (ilTk & 8) != 0;
            boolean l = (ilTk & 4) != 0;
            boolean t = (ilTk & 2) != 0;
            boolean k = (ilTk & 1) != 0;
            int pictureId = longPictureId ? 0x5A3C : 0x5C;
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            d.write(0x90); // X=1, S=1, PID=0
            d.write((i ? 0x80 : 0) | (l ? 0x40 : 0) | (t ? 0x20 : 0) | (k ? 0x10 : 0));
            if (i) {
                if (longPictureId) {
                    d.write(0x80 | (pictureId >> 8));
                    d.write(pictureId & 0xFF);
                } else {
                    d.write(pictureId);
                }
            }
            if (l) {
                d.write(0xC7);
            }
            if (t || k) {
                d.write((2 << 6) | 0x20 | 0x15); // TID=2, Y=1, KEYIDX=21
            }
            int expectedLength = d.size();
            byte[] b = concat(d.toByteArray(), INTERFRAME_DATA);
            assertThat(vp8.wrap(b, 0, b.length)).as("ILTK=%s long=%s", ilTk, longPictureId).isTrue();
            assertThat(vp8.descriptorLength()).isEqualTo(expectedLength);
            assertThat(vp8.extended()).isTrue();
            assertThat(vp8.hasPictureId()).isEqualTo(i);
            assertThat(vp8.pictureId()).isEqualTo(i ? pictureId : -1);
            assertThat(vp8.pictureIdLength()).isEqualTo(i ? (longPictureId ? 15 : 7) : 0);
            assertThat(vp8.hasTl0PicIdx()).isEqualTo(l);
            assertThat(vp8.tl0PicIdx()).isEqualTo(l ? 0xC7 : -1);
            assertThat(vp8.hasTid()).isEqualTo(t);
            assertThat(vp8.temporalLayer()).isEqualTo(t ? 2 : -1);
            assertThat(vp8.layerSync()).isEqualTo(t);
            assertThat(vp8.hasKeyIdx()).isEqualTo(k);
            assertThat(vp8.keyIdx()).isEqualTo(k ? 21 : -1);
            assertThat(vp8.isKeyframe()).isFalse();
            // truncating anywhere inside the descriptor, or right after it, fails
            for (int cut = 0; cut <= expectedLength; cut++) {
                assertThat(vp8.wrap(b, 0, cut)).as("cut at %s", cut).isFalse();
                assertThat(vp8.isValid()).isFalse();
            }
        }
    }

    @Test
    void extensionOctetWithNoOptionalFields() {
        byte[] b = hex("90 00 31");
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.descriptorLength()).isEqualTo(2);
        assertThat(vp8.hasPictureId() || vp8.hasTl0PicIdx() || vp8.hasTid() || vp8.hasKeyIdx()).isFalse();
    }

    @Test
    void keyIdxWithoutTidHidesTidAndY() {
        // K=1 T=0: the octet carries KEYIDX only; its TID/Y bits must be ignored (RFC 7741 §4.2)
        byte[] b = hex("90 10 ff 31");
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.hasTid()).isFalse();
        assertThat(vp8.temporalLayer()).isEqualTo(-1);
        assertThat(vp8.layerSync()).isFalse();
        assertThat(vp8.keyIdx()).isEqualTo(31);
    }

    @Test
    void tidWithoutKeyIdxHidesKeyIdx() {
        byte[] b = hex("90 20 5f 31"); // TID=1 Y=0 KEYIDX bits 11111
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.temporalLayer()).isEqualTo(1);
        assertThat(vp8.layerSync()).isFalse();
        assertThat(vp8.hasKeyIdx()).isFalse();
        assertThat(vp8.keyIdx()).isEqualTo(-1);
    }

    @Test
    void keyframeWithFrameSize() {
        // Chromium-style L1T3 start of a key frame: X S PID=0 | I L T | M + 15-bit picture ID 0x1234 | TL0PICIDX 7 |
        // TID 0 Y 0; then the 10-byte key frame header: frame tag with P=0 (show_frame=1), start code, 640 x 360
        // with scale bits set (they are not part of the size)
        byte[] b = hex("90 e0 92 34 07 00  50 2a 01 9d 01 2a 80 42 68 c1  00 11 22");
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.descriptorLength()).isEqualTo(6);
        assertThat(vp8.pictureId()).isEqualTo(0x1234);
        assertThat(vp8.tl0PicIdx()).isEqualTo(7);
        assertThat(vp8.temporalLayer()).isZero();
        assertThat(vp8.isKeyframe()).isTrue();
        assertThat(vp8.frameWidth()).isEqualTo(640);
        assertThat(vp8.frameHeight()).isEqualTo(360);
    }

    @Test
    void keyframeWithTruncatedOrCorruptHeaderHasNoSize() {
        byte[] b = hex("10 50 2a 01 9d 01 2a 80 02"); // cut inside the sizes
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.isKeyframe()).isTrue();
        assertThat(vp8.frameWidth()).isEqualTo(-1);
        assertThat(vp8.frameHeight()).isEqualTo(-1);
        b = hex("10 50 2a 01 9d 01 2b 80 02 68 01"); // wrong start code
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.isKeyframe()).isTrue();
        assertThat(vp8.frameWidth()).isEqualTo(-1);
    }

    @Test
    void keyframeNeedsTheStartOfPartitionZero() {
        byte[] keyframeData = hex("50 2a 01 9d 01 2a 80 02 68 01");
        assertThat(wrapWith(0x10, keyframeData)).isTrue();
        assertThat(vp8.isKeyframe()).isTrue();
        assertThat(wrapWith(0x00, keyframeData)).isTrue(); // S=0: a continuation packet
        assertThat(vp8.isKeyframe()).isFalse();
        assertThat(vp8.frameWidth()).isEqualTo(-1);
        assertThat(wrapWith(0x12, keyframeData)).isTrue(); // S=1 PID=2
        assertThat(vp8.isKeyframe()).isFalse();
        assertThat(wrapWith(0x10, INTERFRAME_DATA)).isTrue(); // P=1
        assertThat(vp8.isKeyframe()).isFalse();
    }

    private boolean wrapWith(int firstOctet, byte[] data) {
        byte[] b = concat(new byte[] {(byte) firstOctet}, data);
        return vp8.wrap(b, 0, b.length);
    }

    @Test
    void descriptorWithoutDataIsRejected() {
        byte[] b = hex("90 e0 92 34 07 00");
        assertThat(vp8.wrap(b, 0, b.length)).isFalse();
        assertThat(vp8.wrap(b, 0, 0)).isFalse();
        assertThat(vp8.wrap(hex("10"), 0, 1)).isFalse();
    }

    @Test
    void badBoundsAreRejected() {
        byte[] b = hex("10 31 02 00");
        assertThat(vp8.wrap(null, 0, 2)).isFalse();
        assertThat(vp8.wrap(b, -1, 2)).isFalse();
        assertThat(vp8.wrap(b, 3, 2)).isFalse();
        assertThat(vp8.wrap(b, 0, -1)).isFalse();
    }

    @Test
    void setPictureIdKeepsLengthAndMBit() {
        byte[] b = hex("90 e0 92 34 07 20 31 02 00");
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.setPictureId(0x7FFF + 3)).isTrue(); // 15-bit wrap: writes 2
        assertThat(vp8.pictureId()).isEqualTo(2);
        assertThat(Arrays.copyOfRange(b, 0, 6)).isEqualTo(hex("90 e0 80 02 07 20"));
        assertThat(vp8.setTl0PicIdx(0x1FF)).isTrue();
        assertThat(Arrays.copyOfRange(b, 0, 6)).isEqualTo(hex("90 e0 80 02 ff 20"));
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.pictureId()).isEqualTo(2);
        assertThat(vp8.pictureIdLength()).isEqualTo(15);
        assertThat(vp8.tl0PicIdx()).isEqualTo(0xFF);
        assertThat(vp8.temporalLayer()).isZero();
        assertThat(vp8.layerSync()).isTrue();

        byte[] shortId = hex("90 80 7f 31");
        assertThat(vp8.wrap(shortId, 0, shortId.length)).isTrue();
        assertThat(vp8.setPictureId(0x181)).isTrue(); // 7 bits written, M stays 0
        assertThat(shortId).isEqualTo(hex("90 80 01 31"));
        assertThat(vp8.pictureId()).isEqualTo(1);
        assertThat(vp8.setTl0PicIdx(3)).isFalse();
        assertThat(shortId).isEqualTo(hex("90 80 01 31"));
    }

    @Test
    void settersWithoutTheFieldChangeNothing() {
        byte[] b = hex("10 31 02 00");
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.setPictureId(5)).isFalse();
        assertThat(vp8.setTl0PicIdx(5)).isFalse();
        assertThat(b).isEqualTo(hex("10 31 02 00"));
    }

    /**
     * A real Chromium simulcast RTP header (rid "q", one-byte extensions; its payload is encrypted in the capture) with
     * the VP8 payload Chromium sends with L1T3 put behind it: the descriptor is found at the RTP payload offset.
     */
    @Test
    void chromiumPacketWithHandBuiltL1T3Payload() {
        List<HexFixtures.Fixture> fixtures = HexFixtures.load("chromium-rtp.hex");
        HexFixtures.Fixture fixture = fixtures.stream().filter(f -> "32".equals(f.expect().get("headerlen")))
                .findFirst().orElseThrow();
        byte[] header = Arrays.copyOf(fixture.bytes(), 32);
        // TL2 frame continuation: X, S=0 | I L T | 15-bit picture ID 0x2A51 | TL0PICIDX 0x81 | TID 2 Y 1
        byte[] payload = hex("80 e0 aa 51 81 a0 de ad be ef");
        byte[] packet = concat(header, payload);
        RtpPacket rtp = new RtpPacket();
        assertThat(rtp.wrap(packet, 0, packet.length)).isTrue();
        assertThat(vp8.wrap(packet, rtp.payloadOffset(), rtp.payloadLength())).isTrue();
        assertThat(vp8.pictureId()).isEqualTo(0x2A51);
        assertThat(vp8.pictureIdLength()).isEqualTo(15);
        assertThat(vp8.tl0PicIdx()).isEqualTo(0x81);
        assertThat(vp8.temporalLayer()).isEqualTo(2);
        assertThat(vp8.layerSync()).isTrue();
        assertThat(vp8.startOfPartition()).isFalse();
        assertThat(vp8.isKeyframe()).isFalse();
        assertThat(vp8.setPictureId(0x0102)).isTrue();
        assertThat(Arrays.copyOfRange(packet, 32, 36)).isEqualTo(hex("80 e0 81 02"));
        assertThat(Arrays.copyOf(packet, 32)).isEqualTo(header);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
