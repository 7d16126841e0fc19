package org.opensfu.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.opensfu.core.testing.TestPackets;

class PacketClassifierTest {
    @Test
    void sortsByFirstByteAsRfc7983Says() {
        assertThat(classify(TestPackets.stunBindingRequest("abcd:efgh", new byte[12]))).isEqualTo(PacketKind.STUN);
        assertThat(classify(withLength(22, 60))).isEqualTo(PacketKind.DTLS);
        assertThat(classify(withLength(63, 60))).isEqualTo(PacketKind.DTLS);
        assertThat(classify(TestPackets.rtp(96, 1, 1, 1, new byte[10]))).isEqualTo(PacketKind.RTP);
        assertThat(classify(TestPackets.pli(1, 2))).isEqualTo(PacketKind.RTCP);
        assertThat(classify(TestPackets.emptyReceiverReport(1))).isEqualTo(PacketKind.RTCP);
        assertThat(classify(withLength(17, 60))).isEqualTo(PacketKind.UNKNOWN); // ZRTP
        assertThat(classify(withLength(70, 60))).isEqualTo(PacketKind.UNKNOWN); // TURN channel
        assertThat(classify(withLength(200, 60))).isEqualTo(PacketKind.UNKNOWN);
    }

    @Test
    void tellsRtcpFromRtpByPayloadTypeEvenWithTheMarkerBit() {
        byte[] rtpWithMarker = TestPackets.rtp(96, 1, 1, 1, new byte[10]);
        rtpWithMarker[1] = (byte) (0x80 | 96);
        assertThat(classify(rtpWithMarker)).isEqualTo(PacketKind.RTP);
        byte[] rtpPt63WithMarker = TestPackets.rtp(63, 1, 1, 1, new byte[10]);
        rtpPt63WithMarker[1] = (byte) (0x80 | 63);
        assertThat(classify(rtpPt63WithMarker)).isEqualTo(PacketKind.RTP);
    }

    @Test
    void refusesPacketsTooShortForTheirProtocol() {
        assertThat(classify(new byte[] {0, 1, 0, 0})).isEqualTo(PacketKind.UNKNOWN);
        assertThat(classify(new byte[] {22, (byte) 0xFE, (byte) 0xFD})).isEqualTo(PacketKind.UNKNOWN);
        assertThat(classify(new byte[] {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0})).isEqualTo(PacketKind.UNKNOWN);
        assertThat(classify(new byte[0])).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(null, 0, 10)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(new byte[4], 2, 10)).isEqualTo(PacketKind.UNKNOWN);
    }

    @Property
    void neverThrows(@ForAll byte[] bytes, @ForAll int offset, @ForAll int length) {
        PacketClassifier.classify(bytes, offset, length);
        PacketClassifier.classify(bytes, 0, bytes.length);
    }

    private static PacketKind classify(byte[] bytes) {
        return PacketClassifier.classify(bytes, 0, bytes.length);
    }

    private static byte[] withLength(int firstByte, int length) {
        byte[] bytes = new byte[length];
        bytes[0] = (byte) firstByte;
        return bytes;
    }
}
