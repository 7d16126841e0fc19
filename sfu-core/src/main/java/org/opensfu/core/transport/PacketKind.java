package org.opensfu.core.transport;

/** What a datagram on the shared media port carries, as told by {@link PacketClassifier}. */
public enum PacketKind {
    STUN,
    DTLS,
    RTP,
    RTCP,
    /** Anything else (ZRTP, TURN channel data, garbage): dropped and counted. */
    UNKNOWN
}
