package org.opensfu.core.rtcp;

/**
 * Common state of the typed, reusable RTCP views: the wrapped packet and the length of its
 * content without RTCP padding (RFC 3550 §6.4.1 header, validated by
 * {@link RtcpHeader#contentLength}).
 *
 * <p>Subclasses implement {@code wrap(byte[], int, int)} by calling {@link #wrapHeader} and then
 * checking their own body; a {@code wrap} that returns {@code false} leaves the view unusable
 * until the next successful one. Views never throw on malformed input and never allocate.
 */
public abstract class RtcpPacketView {
    /** The wrapped array; null before a successful wrap. */
    protected byte[] buf;
    /** Offset of the packet's first byte. */
    protected int off;
    /** Packet length in bytes, padding included. */
    protected int len;
    /** Packet length in bytes without trailing padding. */
    protected int contentLength;

    /**
     * Validates the common header: one well-formed packet of type {@code packetType}, with FMT
     * {@code format} unless that is -1, and at least {@code minContentLength} bytes of content.
     */
    protected final boolean wrapHeader(byte[] b, int o, int l, int packetType, int format, int minContentLength) {
        buf = null;
        int content = RtcpHeader.contentLength(b, o, l);
        if (content < minContentLength || RtcpHeader.packetType(b, o) != packetType
                || (format >= 0 && RtcpHeader.countOrFormat(b, o) != format)) {
            return false;
        }
        buf = b;
        off = o;
        len = l;
        contentLength = content;
        return true;
    }

    /** The wrapped array (not a copy). */
    public final byte[] buffer() {
        return buf;
    }

    /** Offset of the packet in {@link #buffer()}. */
    public final int offset() {
        return off;
    }

    /** Length of the packet in bytes, header and padding included. */
    public final int length() {
        return len;
    }

    /** The 5-bit RC/SC/FMT header field. */
    public final int countOrFormat() {
        return RtcpHeader.countOrFormat(buf, off);
    }
}
