package org.opensfu.core.router;

import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.repair.NackResponder;
import org.opensfu.core.rtp.RtpPacket;

/**
 * The reusable state of one router's packet path: the buffer every outgoing copy is built in, the views that parse
 * it, and the views that parse the source packet. One per router, used only on its loop, so that forwarding,
 * retransmitting and probing allocate nothing per packet. Whoever fills {@link #packet} sends it before anyone else
 * uses it.
 */
final class ForwardingScratch implements AutoCloseable {
    /** Most sequence numbers one subscriber NACK is answered for (a generic NACK entry names up to 17). */
    static final int MAX_NACKED_PER_PACKET = 256;

    /** The outgoing copy. */
    final PacketBuffer packet;
    /** A view of {@link #packet}. */
    final RtpPacket packetView = new RtpPacket();
    /** A view of the VP8 payload descriptor of the source packet. */
    final Vp8PayloadDescriptor sourceVp8 = new Vp8PayloadDescriptor();
    /** A view of the VP8 payload descriptor of the copy. */
    final Vp8PayloadDescriptor copyVp8 = new Vp8PayloadDescriptor();
    /** A view of packets taken from a cache to be resent. */
    final RtpPacket cachedView = new RtpPacket();
    /** Walks a subscriber's NACK. */
    final NackResponder nackResponder = new NackResponder(MAX_NACKED_PER_PACKET);

    ForwardingScratch(PacketBufferPool pool) {
        this.packet = pool.acquire();
    }

    @Override
    public void close() {
        packet.release();
    }
}
