package org.opensfu.core.transport.ice;

/** What an {@link IceTransport} reports. Called on ice4j's threads (for datagrams: the port's receive thread). */
public interface IceListener {
    /** A candidate pair was validated: datagrams can flow (start DTLS). Called once. */
    void onIceWritable();

    /** ICE processing failed: no pair works. */
    void onIceFailed();

    /** A consent freshness check succeeded (RFC 7675): the peer is still there. */
    void onConsentRefreshed();

    /**
     * A non-STUN datagram from the peer's validated address. The bytes are valid only during the call: copy what
     * must be kept. Must not block: it runs on the shared receive thread of the media port.
     */
    void onDatagram(byte[] buf, int off, int len);
}
