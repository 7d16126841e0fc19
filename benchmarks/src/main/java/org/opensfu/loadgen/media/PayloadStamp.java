package org.opensfu.loadgen.media;

import org.opensfu.core.util.Bytes;

/**
 * The 16 bytes every synthetic media packet ends its RTP payload with, so that a receiver can measure the SFU's
 * transit time and tell which source packet it got, whatever the SFU rewrote in the header:
 *
 * <pre>
 * | send time (System.nanoTime(), 8 bytes) | source index (4 bytes) | magic "OSLG" |
 * </pre>
 *
 * An SFU changes only the RTP header and, for VP8, the picture ID and TL0PICIDX of the payload descriptor (RFC 7741
 * §4.2) at the start of the payload, never its end. {@code System.nanoTime()} reads CLOCK_MONOTONIC, which every
 * process of the machine shares, so a sender and a receiver in different processes can compare stamps.
 */
public final class PayloadStamp {
    /** Bytes taken at the end of the payload. */
    public static final int LENGTH = 16;
    /** "OSLG": marks a payload written by the load generator. */
    public static final int MAGIC = 0x4F534C47;

    private PayloadStamp() {
    }

    /** Writes the stamp into the last {@value #LENGTH} bytes of {@code buf[payloadOffset, payloadEnd)}. */
    public static void write(byte[] buf, int payloadEnd, long sendNanos, int sourceIndex) {
        int at = payloadEnd - LENGTH;
        Bytes.writeInt64(buf, at, sendNanos);
        Bytes.writeInt32(buf, at + 8, sourceIndex);
        Bytes.writeInt32(buf, at + 12, MAGIC);
    }

    /** Whether the payload {@code buf[payloadOffset, payloadOffset + payloadLength)} ends with a stamp. */
    public static boolean present(byte[] buf, int payloadOffset, int payloadLength) {
        return payloadLength >= LENGTH && Bytes.readInt32(buf, payloadOffset + payloadLength - 4) == MAGIC;
    }

    /** The send time of a stamped payload ending at {@code payloadEnd}. */
    public static long sendNanos(byte[] buf, int payloadEnd) {
        return Bytes.readInt64(buf, payloadEnd - LENGTH);
    }

    /** The source index (the publisher's running packet number on that stream) of a stamped payload. */
    public static int sourceIndex(byte[] buf, int payloadEnd) {
        return Bytes.readInt32(buf, payloadEnd - LENGTH + 8);
    }
}
