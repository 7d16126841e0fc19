package org.opensfu.core.rtp;

import java.util.Arrays;

/**
 * Re-maps the header extension IDs of a packet being forwarded to the receiver's IDs, in place, and strips what the
 * receiver must not see by overwriting whole elements with zero bytes, which RFC 8285 §4.2/§4.3 define as padding.
 * The packet keeps its length, so nothing moves.
 */
public final class HeaderExtensionRewriter {
    private HeaderExtensionRewriter() {
    }

    /**
     * @param packet a view wrapped on the copy that will be sent
     * @param table  from {@link HeaderExtensionMap#forwardingTable}: receiver ID per sender ID, 0 to strip
     */
    public static void rewrite(RtpPacket packet, byte[] table) {
        if (!packet.hasExtension()) {
            return;
        }
        byte[] buf = packet.buffer();
        if (!packet.extensionsComplete()) {
            // elements we could not index could carry IDs meaning something else to the receiver: blank them all
            int blockStart = packet.offset() + RtpPacket.FIXED_HEADER_LENGTH + 4 * packet.csrcCount() + 4;
            Arrays.fill(buf, blockStart, packet.offset() + packet.headerLength(), (byte) 0);
            return;
        }
        int elementHeaderLength = packet.isOneByteExtension() ? 1 : 2;
        for (int i = 0; i < packet.extensionCount(); i++) {
            int receiverId = table[packet.extensionId(i)] & 0xFF;
            if (receiverId == 0 || !packet.setExtensionId(i, receiverId)) {
                int dataOffset = packet.extensionDataOffset(i);
                Arrays.fill(buf, dataOffset - elementHeaderLength, dataOffset + packet.extensionDataLength(i),
                        (byte) 0);
            }
        }
    }
}
