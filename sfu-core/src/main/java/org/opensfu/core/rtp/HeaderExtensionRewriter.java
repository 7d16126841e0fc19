package org.opensfu.core.rtp;

/**
 * Re-maps the header extension IDs of a packet being forwarded to the receiver's IDs, in place, and strips what the
 * receiver must not see by overwriting whole elements with zero bytes, which RFC 8285 §4.2/§4.3 define as padding.
 * The packet keeps its length, so nothing moves, and the view's index follows: a stripped element is no longer found.
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
        if (!packet.extensionsComplete()) {
            // elements we could not index could carry IDs meaning something else to the receiver: blank them all
            packet.blankAllExtensions();
            return;
        }
        for (int i = 0; i < packet.extensionCount(); i++) {
            int receiverId = table[packet.extensionId(i)] & 0xFF;
            if (receiverId == 0 || !packet.setExtensionId(i, receiverId)) {
                packet.blankExtension(i); // also out of the view's index: a later findExtension must not see it
            }
        }
    }
}
