package org.opensfu.core.codec.vp8;

import org.opensfu.core.util.Bytes;

/**
 * Reusable flyweight view of the VP8 payload descriptor (RFC 7741 §4.2) at the start of an RTP payload, and of the
 * VP8 payload header (RFC 7741 §4.3) and key frame header (RFC 6386 §9.1) that follow it at the start of a frame.
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL)     M=1: 15-bit picture ID over two octets
 *      +-+-+-+-+-+-+-+-+
 * M:   | PictureID     |
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL)     present when T or K is set
 *      +-+-+-+-+-+-+-+-+
 *      |Size0|H| VER |P|  VP8 payload header, first octet (only at the start of partition 0)
 * </pre>
 *
 * <p>{@link #wrap} copies and allocates nothing and never throws; it returns {@code false} when the descriptor runs
 * past the payload or leaves no VP8 data after it (a packet must carry at least one octet of the frame). TID and Y
 * are only meaningful with T=1 and KEYIDX only with K=1 (RFC 7741 §4.2), so the accessors report them absent
 * otherwise. Accessors are only meaningful after a {@code wrap} that returned {@code true}; {@link #isValid()} says
 * whether the last one did.
 *
 * <p>The in-place setters rewrite the picture ID and TL0PICIDX of a packet being forwarded without changing the
 * descriptor's length or layout. Not thread-safe: one instance per thread / pipeline stage.
 */
public final class Vp8PayloadDescriptor {
    /** Length of the VP8 key frame header after the payload descriptor: frame tag, start code, sizes. */
    public static final int KEYFRAME_HEADER_LENGTH = 10;

    private byte[] buf;
    private int off;
    private int len;
    private boolean valid;
    private int descriptorLength;
    private int first;
    private int extension;
    /** Absolute offsets of the optional fields in {@code buf}, -1 when absent. */
    private int pictureIdOffset;
    private int tl0PicIdxOffset;
    private int tidKeyIdxOffset;
    private int pictureIdLength;
    private int pictureId;

    /**
     * Points this view at the RTP payload {@code buf[payloadOffset, payloadOffset + payloadLength)}; returns
     * {@code false} (never throws) if it does not start with a complete VP8 payload descriptor followed by at least
     * one octet of VP8 data.
     */
    public boolean wrap(byte[] buf, int payloadOffset, int payloadLength) {
        valid = false;
        if (!Bytes.inBounds(buf, payloadOffset, payloadLength) || payloadLength < 2) {
            return false;
        }
        int end = payloadOffset + payloadLength;
        int p = payloadOffset;
        int b0 = buf[p++] & 0xFF;
        int x = 0;
        int pidOff = -1;
        int pidLen = 0;
        int pid = -1;
        int tl0Off = -1;
        int tkOff = -1;
        if ((b0 & 0x80) != 0) {
            x = buf[p++] & 0xFF;
            if ((x & 0x80) != 0) { // I: picture ID, 7 or 15 bits (M)
                if (p >= end) {
                    return false;
                }
                pidOff = p;
                int m = buf[p++] & 0xFF;
                if ((m & 0x80) != 0) {
                    if (p >= end) {
                        return false;
                    }
                    pid = ((m & 0x7F) << 8) | (buf[p++] & 0xFF);
                    pidLen = 15;
                } else {
                    pid = m;
                    pidLen = 7;
                }
            }
            if ((x & 0x40) != 0) { // L: TL0PICIDX
                if (p >= end) {
                    return false;
                }
                tl0Off = p++;
            }
            if ((x & 0x30) != 0) { // T or K: TID/Y/KEYIDX
                if (p >= end) {
                    return false;
                }
                tkOff = p++;
            }
        }
        if (p >= end) { // no VP8 data after the descriptor
            return false;
        }
        this.buf = buf;
        this.off = payloadOffset;
        this.len = payloadLength;
        this.first = b0;
        this.extension = x;
        this.pictureIdOffset = pidOff;
        this.pictureIdLength = pidLen;
        this.pictureId = pid;
        this.tl0PicIdxOffset = tl0Off;
        this.tidKeyIdxOffset = tkOff;
        this.descriptorLength = p - payloadOffset;
        this.valid = true;
        return true;
    }

    /** Whether the last {@link #wrap} succeeded. */
    public boolean isValid() {
        return valid;
    }

    /** Length of the payload descriptor in octets, 1..6; the VP8 data starts right after it. */
    public int descriptorLength() {
        return descriptorLength;
    }

    /** The X bit: the extension octet (I, L, T, K) is present. */
    public boolean extended() {
        return (first & 0x80) != 0;
    }

    /** The N bit: the frame is not used as a reference and may be discarded. */
    public boolean nonReference() {
        return (first & 0x20) != 0;
    }

    /** The S bit: this packet starts a VP8 partition. */
    public boolean startOfPartition() {
        return (first & 0x10) != 0;
    }

    /** PID: the index of the partition this packet belongs to, 0..7. */
    public int partitionIndex() {
        return first & 0x07;
    }

    /** True when this packet starts a frame: S=1 and PID=0 (RFC 7741 §4.1). */
    public boolean isStartOfFrame() {
        return (first & 0x17) == 0x10;
    }

    /** The I bit: a picture ID is present. */
    public boolean hasPictureId() {
        return pictureIdOffset >= 0;
    }

    /** The picture ID, 0..127 or 0..32767 (see {@link #pictureIdLength()}); -1 when absent. */
    public int pictureId() {
        return pictureId;
    }

    /** Bits of the picture ID as sent: 7 (M=0) or 15 (M=1); 0 when absent. */
    public int pictureIdLength() {
        return pictureIdLength;
    }

    /** The L bit: TL0PICIDX is present. */
    public boolean hasTl0PicIdx() {
        return tl0PicIdxOffset >= 0;
    }

    /** TL0PICIDX, the running index of base-layer frames, 0..255; -1 when absent. */
    public int tl0PicIdx() {
        return tl0PicIdxOffset >= 0 ? buf[tl0PicIdxOffset] & 0xFF : -1;
    }

    /** The T bit: TID and Y are present. */
    public boolean hasTid() {
        return (extension & 0x20) != 0;
    }

    /** TID, the temporal layer index, 0..3; -1 when T=0. */
    public int temporalLayer() {
        return hasTid() ? (buf[tidKeyIdxOffset] & 0xFF) >>> 6 : -1;
    }

    /** The Y bit (layer sync: the frame depends only on base-layer frames); false when T=0. */
    public boolean layerSync() {
        return hasTid() && (buf[tidKeyIdxOffset] & 0x20) != 0;
    }

    /** The K bit: KEYIDX is present. */
    public boolean hasKeyIdx() {
        return (extension & 0x10) != 0;
    }

    /** KEYIDX, the temporal key frame index, 0..31; -1 when K=0. */
    public int keyIdx() {
        return hasKeyIdx() ? buf[tidKeyIdxOffset] & 0x1F : -1;
    }

    /**
     * True when this packet starts a key frame: the start of partition 0 whose VP8 payload header has the inverse
     * key frame flag P cleared (RFC 7741 §4.3, RFC 6386 §9.1).
     */
    public boolean isKeyframe() {
        return isStartOfFrame() && (buf[off + descriptorLength] & 0x01) == 0;
    }

    /** The key frame's width in pixels (14 bits, RFC 6386 §9.1); -1 unless a complete key frame header is here. */
    public int frameWidth() {
        int h = keyframeHeader();
        return h < 0 ? -1 : ((buf[h + 6] & 0xFF) | ((buf[h + 7] & 0xFF) << 8)) & 0x3FFF;
    }

    /** The key frame's height in pixels (14 bits, RFC 6386 §9.1); -1 unless a complete key frame header is here. */
    public int frameHeight() {
        int h = keyframeHeader();
        return h < 0 ? -1 : ((buf[h + 8] & 0xFF) | ((buf[h + 9] & 0xFF) << 8)) & 0x3FFF;
    }

    /** Absolute offset of the key frame header (3-byte frame tag, start code 9d 01 2a, sizes), or -1. */
    private int keyframeHeader() {
        if (!isKeyframe() || len - descriptorLength < KEYFRAME_HEADER_LENGTH) {
            return -1;
        }
        int h = off + descriptorLength;
        if ((buf[h + 3] & 0xFF) != 0x9D || buf[h + 4] != 0x01 || buf[h + 5] != 0x2A) {
            return -1;
        }
        return h;
    }

    /**
     * Overwrites the picture ID in place with the low 7 or 15 bits of {@code pictureId}, whichever the packet
     * carries (the M bit is kept). Returns {@code false} and changes nothing when the packet has no picture ID.
     */
    public boolean setPictureId(int pictureId) {
        if (pictureIdOffset < 0) {
            return false;
        }
        if (pictureIdLength == 15) {
            int v = pictureId & 0x7FFF;
            Bytes.writeUint16(buf, pictureIdOffset, 0x8000 | v);
            this.pictureId = v;
        } else {
            int v = pictureId & 0x7F;
            buf[pictureIdOffset] = (byte) v;
            this.pictureId = v;
        }
        return true;
    }

    /**
     * Overwrites TL0PICIDX in place with the low 8 bits of {@code tl0PicIdx}. Returns {@code false} and changes
     * nothing when the packet has none.
     */
    public boolean setTl0PicIdx(int tl0PicIdx) {
        if (tl0PicIdxOffset < 0) {
            return false;
        }
        buf[tl0PicIdxOffset] = (byte) tl0PicIdx;
        return true;
    }
}
