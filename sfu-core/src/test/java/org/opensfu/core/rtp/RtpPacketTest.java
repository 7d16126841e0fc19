package org.opensfu.core.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensfu.core.testing.HexFixtures.hex;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensfu.core.testing.HexFixtures;
import org.opensfu.core.testing.HexFixtures.Fixture;

class RtpPacketTest {
    private final RtpPacket rtp = new RtpPacket();

    /** V=2, no P/X/CC, M=1, PT=96, seq 0xABCD, ts 0xDEADBEEF, SSRC 0x11223344, 4-byte payload. */
    private static final String MINIMAL = "80e0abcd deadbeef 11223344 01020304";

    @Test
    void parsesFixedHeader() {
        byte[] b = hex(MINIMAL);
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.version()).isEqualTo(2);
        assertThat(rtp.padding()).isFalse();
        assertThat(rtp.hasExtension()).isFalse();
        assertThat(rtp.csrcCount()).isZero();
        assertThat(rtp.marker()).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(96);
        assertThat(rtp.sequenceNumber()).isEqualTo(0xABCD);
        assertThat(rtp.timestamp()).isEqualTo(0xDEADBEEFL);
        assertThat(rtp.ssrc()).isEqualTo(0x11223344);
        assertThat(rtp.headerLength()).isEqualTo(12);
        assertThat(rtp.payloadOffset()).isEqualTo(12);
        assertThat(rtp.payloadLength()).isEqualTo(4);
        assertThat(rtp.paddingLength()).isZero();
        assertThat(rtp.extensionProfile()).isEqualTo(-1);
        assertThat(rtp.extensionCount()).isZero();
        assertThat(rtp.findExtension(1)).isEqualTo(-1);
    }

    @Test
    void headerOnlyPacketIsValid() {
        byte[] b = hex("8060 0001 00000000 00000001");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.payloadLength()).isZero();
    }

    @Test
    void parsesCsrcsAtAnOffsetInsideALargerBuffer() {
        byte[] pkt = hex("8260 0001 00000002 00000003 0000000a 0000000b ff");
        byte[] b = new byte[pkt.length + 10];
        System.arraycopy(pkt, 0, b, 7, pkt.length);
        assertThat(rtp.wrap(b, 7, pkt.length)).isTrue();
        assertThat(rtp.csrcCount()).isEqualTo(2);
        assertThat(rtp.csrc(0)).isEqualTo(10);
        assertThat(rtp.csrc(1)).isEqualTo(11);
        assertThat(rtp.headerLength()).isEqualTo(20);
        assertThat(rtp.payloadOffset()).isEqualTo(27);
        assertThat(rtp.payloadLength()).isEqualTo(1);
        assertThat(rtp.buffer()).isSameAs(b);
        assertThat(rtp.offset()).isEqualTo(7);
        assertThat(rtp.length()).isEqualTo(pkt.length);
    }

    /** RFC 8285 §4.2 example: elements L=0, L=1, two padding bytes, L=3 (IDs chosen 1, 2, 3). */
    @Test
    void parsesRfc8285OneByteExample() {
        byte[] b = hex("9060 0001 00000002 00000003 bede0003 10aa 21bbcc 0000 33dddddddd cafe");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.isOneByteExtension()).isTrue();
        assertThat(rtp.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(rtp.extensionCount()).isEqualTo(3);
        assertThat(rtp.extensionsComplete()).isTrue();
        assertThat(rtp.extensionId(0)).isEqualTo(1);
        assertThat(rtp.extensionDataOffset(0)).isEqualTo(17);
        assertThat(rtp.extensionDataLength(0)).isEqualTo(1);
        assertThat(rtp.extensionId(1)).isEqualTo(2);
        assertThat(rtp.extensionDataLength(1)).isEqualTo(2);
        assertThat(b[rtp.extensionDataOffset(1)]).isEqualTo((byte) 0xbb);
        assertThat(rtp.extensionId(2)).isEqualTo(3);
        assertThat(rtp.extensionDataOffset(2)).isEqualTo(24);
        assertThat(rtp.extensionDataLength(2)).isEqualTo(4);
        assertThat(rtp.findExtension(3)).isEqualTo(2);
        assertThat(rtp.findExtension(4)).isEqualTo(-1);
        assertThat(rtp.headerLength()).isEqualTo(28);
        assertThat(rtp.payloadLength()).isEqualTo(2);
    }

    /** RFC 8285 §4.3 example: L=0, L=1, one padding byte, L=4 (IDs chosen 1, 2, 3), appbits 5. */
    @Test
    void parsesRfc8285TwoByteExample() {
        byte[] b = hex("9060 0001 00000002 00000003 10050003 0100 0201aa 00 0304bbbbbbbb cafe");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.isTwoByteExtension()).isTrue();
        assertThat(rtp.extensionAppBits()).isEqualTo(5);
        assertThat(rtp.extensionCount()).isEqualTo(3);
        assertThat(rtp.extensionId(0)).isEqualTo(1);
        assertThat(rtp.extensionDataLength(0)).isZero();
        assertThat(rtp.extensionDataOffset(0)).isEqualTo(18);
        assertThat(rtp.extensionId(1)).isEqualTo(2);
        assertThat(rtp.extensionDataLength(1)).isEqualTo(1);
        assertThat(b[rtp.extensionDataOffset(1)]).isEqualTo((byte) 0xaa);
        assertThat(rtp.extensionId(2)).isEqualTo(3);
        assertThat(rtp.extensionDataOffset(2)).isEqualTo(24);
        assertThat(rtp.extensionDataLength(2)).isEqualTo(4);
        assertThat(rtp.payloadLength()).isEqualTo(2);
    }

    @Test
    void oneByteId15StopsParsing() {
        byte[] b = hex("9060 0001 00000002 00000003 bede0002 10aa f0ff 20bb 000000");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.extensionCount()).isEqualTo(1);
        assertThat(rtp.extensionsComplete()).isTrue();
        assertThat(rtp.findExtension(2)).isEqualTo(-1);
    }

    @Test
    void twoByteIdsAbove15AreIndexed() {
        byte[] b = hex("9060 0001 00000002 00000003 10000001 ff0101 00");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.extensionId(0)).isEqualTo(255);
        assertThat(rtp.findExtension(255)).isZero();
    }

    @Test
    void elementOverrunningTheBlockKeepsEarlierElementsAndThePacket() {
        // second element claims 16 bytes but the block has 2 left
        byte[] b = hex("9060 0001 00000002 00000003 bede0001 10aa 2f00 cafe");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.extensionCount()).isEqualTo(1);
        assertThat(rtp.extensionsComplete()).isFalse();
        assertThat(rtp.payloadLength()).isEqualTo(2);
        // two-byte form: an ID byte as the last byte of the block has no room for its length
        byte[] c = hex("9060 0001 00000002 00000003 10000001 010100 07");
        assertThat(rtp.wrap(c, 0, c.length)).isTrue();
        assertThat(rtp.extensionCount()).isEqualTo(1);
        assertThat(rtp.extensionsComplete()).isFalse();
    }

    @Test
    void indexesAtMost16Elements() {
        StringBuilder s = new StringBuilder("9060 0001 00000002 00000003 bede0009");
        for (int i = 0; i < 18; i++) {
            s.append(String.format("%x0%02x", 1 + i % 14, i));
        }
        byte[] b = hex(s.toString());
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.extensionCount()).isEqualTo(RtpPacket.MAX_INDEXED_EXTENSIONS);
        assertThat(rtp.extensionsComplete()).isFalse();
        assertThat(b[rtp.extensionDataOffset(15)]).isEqualTo((byte) 15);
    }

    @Test
    void otherProfilesAreAcceptedButNotIndexed() {
        byte[] b = hex("9060 0001 00000002 00000003 abcd0001 10aa0000");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.extensionProfile()).isEqualTo(0xABCD);
        assertThat(rtp.isOneByteExtension()).isFalse();
        assertThat(rtp.isTwoByteExtension()).isFalse();
        assertThat(rtp.extensionCount()).isZero();
        assertThat(rtp.headerLength()).isEqualTo(20);
    }

    @Test
    void emptyExtensionBlock() {
        byte[] b = hex("9060 0001 00000002 00000003 bede0000 ff");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.extensionCount()).isZero();
        assertThat(rtp.headerLength()).isEqualTo(16);
        assertThat(rtp.payloadLength()).isEqualTo(1);
    }

    @Test
    void paddingIsExcludedFromThePayload() {
        byte[] b = hex("a060 0001 00000002 00000003 0102 000003");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.padding()).isTrue();
        assertThat(rtp.paddingLength()).isEqualTo(3);
        assertThat(rtp.payloadLength()).isEqualTo(2);
        // padding-only packet (RTX probe style): the whole body is padding
        byte[] p = hex("a060 0001 00000002 00000003 00000004");
        assertThat(rtp.wrap(p, 0, p.length)).isTrue();
        assertThat(rtp.payloadLength()).isZero();
    }

    @Test
    void rejectsMalformedInput() {
        List<String> bad = List.of(
                "4060 0001 00000002 00000003",                      // version 1
                "c060 0001 00000002 00000003",                      // version 3
                "8060 0001 00000002 000000",                        // 11 bytes
                "8160 0001 00000002 00000003",                      // CC=1, no CSRC
                "8260 0001 00000002 00000003 00000004 000000",      // CC=2, CSRC cut
                "9060 0001 00000002 00000003 bede",                 // extension header cut
                "9060 0001 00000002 00000003 bede0002 10aa0000",    // extension length past the end
                "a060 0001 00000002 00000003",                      // P without any byte after the header
                "a060 0001 00000002 00000003 010200",               // pad count 0
                "a060 0001 00000002 00000003 010205",               // pad count > body
                "b060 0001 00000002 00000003 bede0001 10aa0000 02"); // pad count > payload after extension
        for (String h : bad) {
            byte[] b = hex(h);
            assertThat(rtp.wrap(b, 0, b.length)).as(h).isFalse();
        }
    }

    @Test
    void rejectsBadArgumentsWithoutThrowing() {
        byte[] b = hex(MINIMAL);
        assertThat(rtp.wrap(null, 0, 16)).isFalse();
        assertThat(rtp.wrap(b, -1, 16)).isFalse();
        assertThat(rtp.wrap(b, 0, -1)).isFalse();
        assertThat(rtp.wrap(b, 1, 16)).isFalse();
        assertThat(rtp.wrap(b, 0, 17)).isFalse();
        assertThat(rtp.wrap(b, Integer.MAX_VALUE, Integer.MAX_VALUE)).isFalse();
        assertThat(rtp.wrap(b, 16, 0)).isFalse();
        assertThat(rtp.wrap(b, 0, 16)).isTrue(); // and the view is reusable
    }

    @Test
    void settersRewriteInPlace() {
        byte[] b = hex("9060 0001 00000002 00000003 bede0001 10aa0000 cafe");
        byte[] before = b.clone();
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        rtp.setSequenceNumber(0x1FFFF);
        rtp.setTimestamp(0x1_FFFF_FFFEL);
        rtp.setSsrc(-5);
        rtp.setPayloadType(0xFF);
        rtp.setMarker(true);
        assertThat(rtp.sequenceNumber()).isEqualTo(0xFFFF);
        assertThat(rtp.timestamp()).isEqualTo(0xFFFF_FFFEL);
        assertThat(rtp.ssrc()).isEqualTo(-5);
        assertThat(rtp.payloadType()).isEqualTo(0x7F);
        assertThat(rtp.marker()).isTrue();
        rtp.setPayloadType(111);
        assertThat(rtp.marker()).isTrue();
        rtp.setMarker(false);
        assertThat(rtp.payloadType()).isEqualTo(111);
        assertThat(rtp.marker()).isFalse();
        assertThat(Arrays.copyOfRange(b, 12, b.length)).isEqualTo(Arrays.copyOfRange(before, 12, before.length));
        assertThat(b[0]).isEqualTo(before[0]);
    }

    @Test
    void remapsOneByteExtensionIds() {
        byte[] b = hex("9060 0001 00000002 00000003 bede0002 10aa21bbcc000000 dd");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.setExtensionId(1, 14)).isTrue();
        assertThat(rtp.setExtensionId(1, 15)).isFalse();
        assertThat(rtp.setExtensionId(1, 0)).isFalse();
        assertThat(rtp.setExtensionId(2, 3)).isFalse();
        assertThat(rtp.setExtensionId(-1, 3)).isFalse();
        assertThat(rtp.extensionId(1)).isEqualTo(14);
        assertThat(b[18]).isEqualTo((byte) 0xE1); // length nibble kept
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.findExtension(14)).isEqualTo(1);
        assertThat(rtp.extensionDataLength(1)).isEqualTo(2);
    }

    @Test
    void remapsTwoByteExtensionIds() {
        byte[] b = hex("9060 0001 00000002 00000003 10000002 0101aa 0202bbcc 000000");
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.setExtensionId(1, 200)).isTrue();
        assertThat(rtp.setExtensionId(1, 256)).isFalse();
        assertThat(rtp.setExtensionId(1, 0)).isFalse();
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.extensionId(1)).isEqualTo(200);
        assertThat(rtp.extensionDataLength(1)).isEqualTo(2);
        assertThat(b[rtp.extensionDataOffset(1)]).isEqualTo((byte) 0xbb);
    }

    static Stream<Fixture> chromiumPackets() {
        return HexFixtures.load("chromium-rtp.hex").stream();
    }

    /** Real Chromium 156 packets, checked against tshark's decode in the fixture's expect line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("chromiumPackets")
    void parsesRealChromiumPackets(Fixture f) {
        byte[] b = f.bytes();
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(Integer.parseInt(f.get("pt")));
        assertThat(rtp.sequenceNumber()).isEqualTo(Integer.parseInt(f.get("seq")));
        assertThat(rtp.timestamp()).isEqualTo(Long.parseLong(f.get("ts")));
        assertThat(rtp.ssrc()).isEqualTo((int) Long.parseLong(f.get("ssrc"), 16));
        assertThat(rtp.marker()).isEqualTo(f.get("m").equals("1"));
        assertThat(rtp.padding()).isEqualTo(f.get("p").equals("1"));
        assertThat(rtp.extensionProfile()).isEqualTo(Integer.parseInt(f.get("profile"), 16));
        assertThat(rtp.headerLength()).isEqualTo(Integer.parseInt(f.get("headerlen")));
        String[] ids = f.get("ids").split(",");
        String[] lens = f.get("lens").split(",");
        String[] data = f.get("data").split(",");
        assertThat(rtp.extensionCount()).isEqualTo(ids.length);
        assertThat(rtp.extensionsComplete()).isTrue();
        for (int i = 0; i < ids.length; i++) {
            assertThat(rtp.extensionId(i)).isEqualTo(Integer.parseInt(ids[i]));
            assertThat(rtp.extensionDataLength(i)).isEqualTo(Integer.parseInt(lens[i]));
            byte[] value = Arrays.copyOfRange(b, rtp.extensionDataOffset(i),
                    rtp.extensionDataOffset(i) + rtp.extensionDataLength(i));
            assertThat(value).isEqualTo(hex(data[i]));
        }
        // mid (ID 4) is "1" for the video/RTX m-line and "0" for audio in this call
        int mid = rtp.findExtension(4);
        if (mid >= 0) {
            assertThat(rtp.extensionDataLength(mid)).isEqualTo(1);
        }
    }
}
