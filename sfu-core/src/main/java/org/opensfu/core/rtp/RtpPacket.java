package org.opensfu.core.rtp;

import java.util.Arrays;
import org.opensfu.core.util.Bytes;

/**
 * Reusable flyweight view of one RTP packet (RFC 3550 §5.1) with its header extension indexed
 * per RFC 8285 (§4.2 one-byte form, §4.3 two-byte form).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |  CC x 32 bits
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  profile (0xBEDE or 0x100X)   |   length (32-bit words)       |  if X (RFC 3550 §5.3.1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  one-byte: ID(4) L(4) data[L+1] ... | two-byte: ID(8) L(8) data[L] ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  payload ...                  | padding ... | pad count (if P)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #wrap} copies nothing and allocates nothing: it validates the header and records the
 * positions of up to {@link #MAX_INDEXED_EXTENSIONS} extension elements in small primitive arrays.
 * It returns {@code false} (never throws) for any malformed input: version other than 2, a buffer
 * too short for the CSRC list, the extension header or the declared extension length, a padding
 * count of 0 or larger than the bytes after the header. Accessors are only meaningful after a
 * {@code wrap} that returned {@code true}.
 *
 * <p>Extension elements, in order of appearance: padding bytes (value 0) are skipped; in the
 * one-byte form an element with ID 15 ends the parsing (RFC 8285 §4.2). An element whose declared
 * length runs past the end of the extension block also ends the parsing; the elements before it
 * stay indexed and the packet stays valid (what a forwarding SFU wants: the RTP header itself is
 * sound), and {@link #extensionsComplete()} reports {@code false}. Elements past the 16th are not
 * indexed either (also reported by {@code extensionsComplete()}); Chrome sends at most about 8.
 * Extension blocks of other profiles are accepted but not indexed (count 0).
 *
 * <p>Not thread-safe: one instance per thread / pipeline stage.
 */
public final class RtpPacket {
    /** Size of the fixed RTP header, before CSRCs. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** Profile of the RFC 8285 §4.2 one-byte header form. */
    public static final int PROFILE_ONE_BYTE = 0xBEDE;
    /** Profile of the RFC 8285 §4.3 two-byte header form, with the 4 "appbits" cleared. */
    public static final int PROFILE_TWO_BYTE = 0x1000;
    /** How many extension elements {@link #wrap} records. */
    public static final int MAX_INDEXED_EXTENSIONS = 16;

    private byte[] buf;
    private int off;
    private int len;
    private int headerLength;
    private int paddingLength;
    /** -1 when the X bit is clear. */
    private int extensionProfile;
    private int extensionCount;
    private boolean extensionsComplete;
    private final byte[] extIds = new byte[MAX_INDEXED_EXTENSIONS];
    private final int[] extDataOffsets = new int[MAX_INDEXED_EXTENSIONS]; // relative to off
    private final byte[] extDataLengths = new byte[MAX_INDEXED_EXTENSIONS]; // 0..255 as unsigned

    /**
     * Points this view at {@code buf[off, off + len)}; returns {@code false} if that is not a
     * well-formed RTP packet (see the class comment). Never throws.
     */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        extensionCount = 0;
        if (!Bytes.inBounds(buf, off, len) || len < FIXED_HEADER_LENGTH) {
            return false;
        }
        int b0 = buf[off] & 0xFF;
        if ((b0 >>> 6) != 2) {
            return false;
        }
        int hdr = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if (hdr > len) {
            return false;
        }
        int profile = -1;
        boolean complete = true;
        if ((b0 & 0x10) != 0) {
            if (hdr + 4 > len) {
                return false;
            }
            profile = Bytes.readUint16(buf, off + hdr);
            int blockStart = hdr + 4;
            hdr = blockStart + 4 * Bytes.readUint16(buf, off + hdr + 2);
            if (hdr > len) {
                return false;
            }
            if (profile == PROFILE_ONE_BYTE) {
                complete = indexOneByte(buf, off, blockStart, hdr);
            } else if ((profile & 0xFFF0) == PROFILE_TWO_BYTE) {
                complete = indexTwoByte(buf, off, blockStart, hdr);
            }
        }
        int pad = 0;
        if ((b0 & 0x20) != 0) {
            if (hdr >= len) {
                return false;
            }
            pad = buf[off + len - 1] & 0xFF;
            if (pad == 0 || pad > len - hdr) {
                return false;
            }
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.headerLength = hdr;
        this.paddingLength = pad;
        this.extensionProfile = profile;
        this.extensionsComplete = complete;
        return true;
    }

    /** Indexes one-byte elements in {@code [start, end)} (relative offsets); false if cut short. */
    private boolean indexOneByte(byte[] b, int base, int start, int end) {
        int i = start;
        while (i < end) {
            int h = b[base + i] & 0xFF;
            int id = h >>> 4;
            if (id == 0) { // padding byte (RFC 8285 §4.1)
                i++;
                continue;
            }
            if (id == 15) { // reserved: stop here (RFC 8285 §4.2)
                return true;
            }
            int dataLen = (h & 0x0F) + 1;
            if (i + 1 + dataLen > end || !record(id, i + 1, dataLen)) {
                return false;
            }
            i += 1 + dataLen;
        }
        return true;
    }

    /** Indexes two-byte elements in {@code [start, end)} (relative offsets); false if cut short. */
    private boolean indexTwoByte(byte[] b, int base, int start, int end) {
        int i = start;
        while (i < end) {
            int id = b[base + i] & 0xFF;
            if (id == 0) { // padding byte (RFC 8285 §4.1)
                i++;
                continue;
            }
            if (i + 2 > end) {
                return false;
            }
            int dataLen = b[base + i + 1] & 0xFF;
            if (i + 2 + dataLen > end || !record(id, i + 2, dataLen)) {
                return false;
            }
            i += 2 + dataLen;
        }
        return true;
    }

    private boolean record(int id, int relDataOffset, int dataLen) {
        int n = extensionCount;
        if (n == MAX_INDEXED_EXTENSIONS) {
            return false;
        }
        extIds[n] = (byte) id;
        extDataOffsets[n] = relDataOffset;
        extDataLengths[n] = (byte) dataLen;
        extensionCount = n + 1;
        return true;
    }

    // ---- the buffer ----

    /** The wrapped array (not a copy). */
    public byte[] buffer() {
        return buf;
    }

    /** Offset of the packet's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /** Length of the whole packet in bytes (header, payload and padding). */
    public int length() {
        return len;
    }

    // ---- fixed header ----

    /** RTP version; always 2 after a successful wrap. */
    public int version() {
        return (buf[off] & 0xFF) >>> 6;
    }

    /** The P bit. */
    public boolean padding() {
        return (buf[off] & 0x20) != 0;
    }

    /** The X bit. */
    public boolean hasExtension() {
        return (buf[off] & 0x10) != 0;
    }

    /** Number of CSRC identifiers, 0..15. */
    public int csrcCount() {
        return buf[off] & 0x0F;
    }

    /** CSRC identifier {@code i} (0-based, below {@link #csrcCount()}). */
    public int csrc(int i) {
        return Bytes.readInt32(buf, off + FIXED_HEADER_LENGTH + 4 * i);
    }

    /** The M bit. */
    public boolean marker() {
        return (buf[off + 1] & 0x80) != 0;
    }

    /** Payload type, 0..127. */
    public int payloadType() {
        return buf[off + 1] & 0x7F;
    }

    /** Sequence number, 0..65535. */
    public int sequenceNumber() {
        return Bytes.readUint16(buf, off + 2);
    }

    /** RTP timestamp, unsigned 0..2^32-1, in the media clock's units. */
    public long timestamp() {
        return Bytes.readUint32(buf, off + 4);
    }

    /** Synchronization source. */
    public int ssrc() {
        return Bytes.readInt32(buf, off + 8);
    }

    /** Bytes from the packet start to the payload: fixed header, CSRCs and extension block. */
    public int headerLength() {
        return headerLength;
    }

    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /** Payload length in bytes, excluding padding. */
    public int payloadLength() {
        return len - headerLength - paddingLength;
    }

    /** Padding length in bytes including the count octet; 0 when P is clear. */
    public int paddingLength() {
        return paddingLength;
    }

    // ---- header extensions (RFC 8285) ----

    /** The 16-bit "defined by profile" field of the extension block, or -1 without X. */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** True for the one-byte form (0xBEDE). */
    public boolean isOneByteExtension() {
        return extensionProfile == PROFILE_ONE_BYTE;
    }

    /** True for the two-byte form (0x100X). */
    public boolean isTwoByteExtension() {
        return extensionProfile >= 0 && (extensionProfile & 0xFFF0) == PROFILE_TWO_BYTE;
    }

    /** The 4 "appbits" of the two-byte form (RFC 8285 §4.3); 0 otherwise. */
    public int extensionAppBits() {
        return isTwoByteExtension() ? extensionProfile & 0x0F : 0;
    }

    /** Number of indexed extension elements, 0..{@value #MAX_INDEXED_EXTENSIONS}. */
    public int extensionCount() {
        return extensionCount;
    }

    /**
     * False when parsing of the extension elements stopped early: an element ran past the
     * extension block, or there were more than {@value #MAX_INDEXED_EXTENSIONS} elements.
     */
    public boolean extensionsComplete() {
        return extensionsComplete;
    }

    /** Local ID of indexed element {@code i}: 1..14 (one-byte form) or 1..255 (two-byte form). */
    public int extensionId(int i) {
        return extIds[i] & 0xFF;
    }

    /** Absolute offset in {@link #buffer()} of the data of indexed element {@code i}. */
    public int extensionDataOffset(int i) {
        return off + extDataOffsets[i];
    }

    /** Data length in bytes of indexed element {@code i}: 1..16 (one-byte) or 0..255 (two-byte). */
    public int extensionDataLength(int i) {
        return extDataLengths[i] & 0xFF;
    }

    /** Index of the first element with local ID {@code id}, or -1. */
    public int findExtension(int id) {
        for (int i = 0; i < extensionCount; i++) {
            if ((extIds[i] & 0xFF) == id) {
                return i;
            }
        }
        return -1;
    }

    // ---- in-place rewriting for forwarding ----

    /** Overwrites the sequence number (low 16 bits of {@code seq}). */
    public void setSequenceNumber(int seq) {
        Bytes.writeUint16(buf, off + 2, seq);
    }

    /** Overwrites the RTP timestamp (low 32 bits of {@code timestamp}). */
    public void setTimestamp(long timestamp) {
        Bytes.writeUint32(buf, off + 4, timestamp);
    }

    /** Overwrites the SSRC. */
    public void setSsrc(int ssrc) {
        Bytes.writeInt32(buf, off + 8, ssrc);
    }

    /** Overwrites the payload type (low 7 bits of {@code pt}); keeps the marker bit. */
    public void setPayloadType(int pt) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (pt & 0x7F));
    }

    /** Sets or clears the M bit. */
    public void setMarker(boolean marker) {
        buf[off + 1] = (byte) (marker ? buf[off + 1] | 0x80 : buf[off + 1] & 0x7F);
    }

    /**
     * Rewrites the local ID of indexed element {@code index} in place (re-mapping extmap IDs
     * between endpoints). Returns {@code false} and changes nothing when {@code index} is out of
     * range or {@code newId} does not fit the form: 1..14 for one-byte, 1..255 for two-byte.
     */
    public boolean setExtensionId(int index, int newId) {
        if (index < 0 || index >= extensionCount) {
            return false;
        }
        int dataOff = off + extDataOffsets[index];
        if (isOneByteExtension()) {
            if (newId < 1 || newId > 14) {
                return false;
            }
            buf[dataOff - 1] = (byte) ((newId << 4) | (buf[dataOff - 1] & 0x0F));
        } else {
            if (newId < 1 || newId > 255) {
                return false;
            }
            buf[dataOff - 2] = (byte) newId;
        }
        extIds[index] = (byte) newId;
        return true;
    }

    /**
     * Overwrites indexed element {@code index}, header and data, with zero bytes, which RFC 8285 §4.2/§4.3 define as
     * padding, and drops it from this view's index so that {@link #findExtension} no longer finds it.
     */
    public void blankExtension(int index) {
        int dataOff = off + extDataOffsets[index];
        int headerLength = isOneByteExtension() ? 1 : 2;
        Arrays.fill(buf, dataOff - headerLength, dataOff + (extDataLengths[index] & 0xFF), (byte) 0);
        extIds[index] = 0;
    }

    /** Overwrites the whole extension block with padding (RFC 8285 §4.2) and forgets every indexed element. */
    public void blankAllExtensions() {
        int blockStart = off + FIXED_HEADER_LENGTH + 4 * csrcCount() + 4;
        Arrays.fill(buf, blockStart, off + headerLength(), (byte) 0);
        extensionCount = 0;
    }
}
