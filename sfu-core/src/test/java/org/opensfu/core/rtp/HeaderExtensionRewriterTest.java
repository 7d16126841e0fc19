package org.opensfu.core.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opensfu.core.testing.TestPackets;

class HeaderExtensionRewriterTest {
    private static final HeaderExtensionMap PUBLISHER = new HeaderExtensionMap(Map.of(
            HeaderExtension.AUDIO_LEVEL, 1, HeaderExtension.ABS_SEND_TIME, 2, HeaderExtension.TRANSPORT_CC, 3,
            HeaderExtension.MID, 4));
    private static final HeaderExtensionMap SUBSCRIBER = new HeaderExtensionMap(Map.of(
            HeaderExtension.AUDIO_LEVEL, 10, HeaderExtension.TRANSPORT_CC, 5, HeaderExtension.MID, 7));

    @Test
    void remapsForwardableExtensionsKeepsTransportCcForRestampingAndBlanksOtherHopByHopOnes() {
        byte[] bytes = TestPackets.rtpWithExtensions(111, 1, 960, 42, new int[] {1, 2, 3, 4},
                new byte[][] {{(byte) 0x85}, {1, 2, 3}, {0, 7}, {'0'}}, new byte[] {9, 9, 9});
        RtpPacket packet = new RtpPacket();
        assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();

        HeaderExtensionRewriter.rewrite(packet, HeaderExtensionMap.forwardingTable(PUBLISHER, SUBSCRIBER));

        RtpPacket after = new RtpPacket();
        assertThat(after.wrap(bytes, 0, bytes.length)).isTrue();
        // abs-send-time and mid were blanked into padding; transport-cc stays (under the receiver's ID) to be
        // overwritten with the receiver's own transport-wide sequence number
        assertThat(after.extensionCount()).isEqualTo(2);
        assertThat(after.extensionId(0)).isEqualTo(10);
        assertThat(bytes[after.extensionDataOffset(0)]).isEqualTo((byte) 0x85);
        assertThat(after.extensionId(1)).isEqualTo(5);
        assertThat(after.payloadLength()).isEqualTo(3);
        assertThat(after.length()).isEqualTo(bytes.length);
    }

    @Test
    void blanksElementsWhoseNewIdDoesNotFitTheOneByteForm() {
        HeaderExtensionMap receiver = new HeaderExtensionMap(Map.of(HeaderExtension.AUDIO_LEVEL, 200));
        byte[] bytes = TestPackets.rtpWithExtensions(111, 1, 960, 42, new int[] {1},
                new byte[][] {{(byte) 0x85}}, new byte[] {9});
        RtpPacket packet = new RtpPacket();
        packet.wrap(bytes, 0, bytes.length);

        HeaderExtensionRewriter.rewrite(packet, HeaderExtensionMap.forwardingTable(PUBLISHER, receiver));

        RtpPacket after = new RtpPacket();
        assertThat(after.wrap(bytes, 0, bytes.length)).isTrue();
        assertThat(after.extensionCount()).isZero();
    }

    @Test
    void aStrippedElementIsNoLongerFoundInTheSameView() {
        // the publisher's MID (ID 4, stripped) comes first; the subscriber uses ID 4 for transport-cc
        HeaderExtensionMap publisher = new HeaderExtensionMap(Map.of(HeaderExtension.MID, 4,
                HeaderExtension.TRANSPORT_CC, 3));
        HeaderExtensionMap subscriber = new HeaderExtensionMap(Map.of(HeaderExtension.TRANSPORT_CC, 4));
        byte[] bytes = TestPackets.rtpWithExtensions(96, 1, 90, 42, new int[] {4, 3},
                new byte[][] {{'1', '0'}, {0, 7}}, new byte[] {9});
        RtpPacket packet = new RtpPacket();
        assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();

        HeaderExtensionRewriter.rewrite(packet, HeaderExtensionMap.forwardingTable(publisher, subscriber));

        // the view the forwarder goes on using finds the transport-cc element, not the blanked MID before it
        int index = packet.findExtension(4);
        assertThat(index).isEqualTo(1);
        assertThat(packet.extensionDataLength(index)).isEqualTo(2);
        RtpPacket after = new RtpPacket();
        assertThat(after.wrap(bytes, 0, bytes.length)).isTrue();
        assertThat(after.extensionCount()).isEqualTo(1);
        assertThat(after.findExtension(4)).isZero();
    }

    @Test
    void anUnindexableBlockIsBlankedAndForgotten() {
        RtpPacket packet = new RtpPacket();
        byte[] bytes = TestPackets.rtpWithExtensions(96, 1, 90, 42, new int[] {3},
                new byte[][] {{0, 7}}, new byte[] {9});
        assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();
        packet.blankAllExtensions();
        assertThat(packet.findExtension(3)).isEqualTo(-1);
        RtpPacket after = new RtpPacket();
        assertThat(after.wrap(bytes, 0, bytes.length)).isTrue();
        assertThat(after.extensionCount()).isZero();
    }
}
