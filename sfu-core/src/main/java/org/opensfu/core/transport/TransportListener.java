package org.opensfu.core.transport;

import org.opensfu.core.buffer.PacketBuffer;

/** Events of a {@link WebRtcTransport}, all called on its media loop thread. */
public interface TransportListener {
    /** DTLS finished and SRTP is keyed: media can be sent. */
    void onTransportConnected(WebRtcTransport transport);

    /**
     * A decrypted RTP packet. The listener now owns the buffer and must release it (or hand it on).
     */
    void onRtp(WebRtcTransport transport, PacketBuffer packet);

    /** A decrypted (compound) RTCP packet. The listener now owns the buffer. */
    void onRtcp(WebRtcTransport transport, PacketBuffer packet);

    /** The transport is closed; nothing more will be called. */
    void onTransportClosed(WebRtcTransport transport, CloseReason reason);
}
