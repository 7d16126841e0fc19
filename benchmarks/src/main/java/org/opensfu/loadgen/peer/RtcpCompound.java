package org.opensfu.loadgen.peer;

import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.transport.WebRtcTransport;

/**
 * Gathers RTCP packets into one compound datagram (RFC 3550 §6.1; reduced-size packets, RFC 5506, are allowed since
 * every offer negotiates {@code a=rtcp-rsize}) and sends it when it is full or flushed. Writers append at
 * {@link #writeOffset()} into {@link #array()}, after checking {@link #room()}. Loop thread only.
 */
final class RtcpCompound {
    /** Compound datagrams stay below this many bytes (before the SRTCP trailer). */
    static final int MAX_BYTES = 1200;

    private final WebRtcTransport transport;
    private final PacketBufferPool pool;
    private PacketBuffer buffer;
    private int length;
    private long datagramsSent;

    RtcpCompound(WebRtcTransport transport, PacketBufferPool pool) {
        this.transport = transport;
        this.pool = pool;
    }

    /** Makes sure {@code bytes} more fit, sending what is gathered if they would not. */
    void ensureRoom(int bytes) {
        if (buffer != null && length + bytes > MAX_BYTES) {
            flush();
        }
        if (buffer == null) {
            buffer = pool.acquire();
            length = 0;
        }
    }

    byte[] array() {
        return buffer.array();
    }

    int writeOffset() {
        return PacketBuffer.HEADROOM + length;
    }

    /** Bytes still free in the current datagram. */
    int room() {
        return MAX_BYTES - length;
    }

    /** Accounts for {@code bytes} just written at {@link #writeOffset()}. */
    void appended(int bytes) {
        length += bytes;
    }

    /** Sends what is gathered, if anything. */
    void flush() {
        if (buffer == null) {
            return;
        }
        PacketBuffer packet = buffer;
        buffer = null;
        if (length > 0) {
            packet.setOffsetAndLength(PacketBuffer.HEADROOM, length);
            if (transport.sendRtcp(packet)) {
                datagramsSent++;
            }
        }
        packet.release();
        length = 0;
    }

    long datagramsSent() {
        return datagramsSent;
    }

    /** Drops anything gathered (the transport closed). */
    void discard() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
