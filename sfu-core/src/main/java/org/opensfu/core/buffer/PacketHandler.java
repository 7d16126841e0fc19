package org.opensfu.core.buffer;

/** Receives ownership of a packet buffer on a media loop thread. */
@FunctionalInterface
public interface PacketHandler {
    /** Processes the packet; the handler now owns the buffer and must release it or hand it on. */
    void handlePacket(PacketBuffer packet);
}
