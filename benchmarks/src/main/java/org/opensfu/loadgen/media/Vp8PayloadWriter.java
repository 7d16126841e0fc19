package org.opensfu.loadgen.media;

/**
 * Writes the start of a synthetic VP8 RTP payload: the payload descriptor (RFC 7741 §4.2) with a 15-bit picture ID,
 * TL0PICIDX and TID/Y, and at the start of a frame the VP8 payload header (RFC 7741 §4.3): the 3-byte frame tag of
 * RFC 6386 §9.1, followed on key frames by the start code and the 14-bit width and height, which is what an SFU reads
 * to learn a simulcast layer's resolution.
 *
 * <pre>
 *   |X|R|N|S|R| PID |   X=1, N on non-reference frames, S on the first packet of the frame, PID=0
 *   |I|L|T|K| RSV   |   I=1, L=1, T=1, K=0
 *   |M| PictureID   |   M=1: 15-bit picture ID
 *   |   PictureID   |
 *   |   TL0PICIDX   |
 *   |TID|Y| KEYIDX  |
 * frame tag (little-endian 24 bits): size0..18 << 5 | show_frame << 4 | version << 1 | P (0 = key frame)
 * key frame: 9d 01 2a | width (14 bits) + scale (2) | height (14 bits) + scale (2), little-endian
 * </pre>
 */
public final class Vp8PayloadWriter {
    /** Length of the descriptor written here (X, I with M=1, L, T). */
    public static final int DESCRIPTOR_LENGTH = 6;
    /** Frame tag plus start code plus sizes. */
    public static final int KEYFRAME_HEADER_LENGTH = 10;
    /** Frame tag only. */
    public static final int INTERFRAME_HEADER_LENGTH = 3;

    private Vp8PayloadWriter() {
    }

    /** Writes the payload descriptor at {@code buf[off]}; returns {@value #DESCRIPTOR_LENGTH}. */
    public static int writeDescriptor(byte[] buf, int off, boolean startOfFrame, boolean nonReference, int pictureId,
                                      int tl0PicIdx, int temporalLayer, boolean layerSync) {
        if (temporalLayer < 0 || temporalLayer > 3) {
            throw new IllegalArgumentException("TID is 0..3: " + temporalLayer);
        }
        buf[off] = (byte) (0x80 | (nonReference ? 0x20 : 0) | (startOfFrame ? 0x10 : 0));
        buf[off + 1] = (byte) 0xE0; // I, L, T
        buf[off + 2] = (byte) (0x80 | ((pictureId >>> 8) & 0x7F));
        buf[off + 3] = (byte) pictureId;
        buf[off + 4] = (byte) tl0PicIdx;
        buf[off + 5] = (byte) ((temporalLayer << 6) | (layerSync ? 0x20 : 0));
        return DESCRIPTOR_LENGTH;
    }

    /**
     * Writes the frame tag, start code and dimensions of a key frame (RFC 6386 §9.1, §9.2); returns
     * {@value #KEYFRAME_HEADER_LENGTH}.
     */
    public static int writeKeyframeHeader(byte[] buf, int off, int firstPartitionBytes, int widthPx, int heightPx) {
        if (widthPx <= 0 || widthPx > 0x3FFF || heightPx <= 0 || heightPx > 0x3FFF) {
            throw new IllegalArgumentException("VP8 sizes are 1..16383: " + widthPx + "x" + heightPx);
        }
        writeFrameTag(buf, off, true, firstPartitionBytes);
        buf[off + 3] = (byte) 0x9D;
        buf[off + 4] = 0x01;
        buf[off + 5] = 0x2A;
        buf[off + 6] = (byte) widthPx;
        buf[off + 7] = (byte) (widthPx >>> 8);
        buf[off + 8] = (byte) heightPx;
        buf[off + 9] = (byte) (heightPx >>> 8);
        return KEYFRAME_HEADER_LENGTH;
    }

    /** Writes the frame tag of an inter frame; returns {@value #INTERFRAME_HEADER_LENGTH}. */
    public static int writeInterframeHeader(byte[] buf, int off, int firstPartitionBytes) {
        writeFrameTag(buf, off, false, firstPartitionBytes);
        return INTERFRAME_HEADER_LENGTH;
    }

    private static void writeFrameTag(byte[] buf, int off, boolean keyframe, int firstPartitionBytes) {
        int size = Math.max(0, Math.min(firstPartitionBytes, (1 << 19) - 1));
        int tag = (size << 5) | 0x10 | (keyframe ? 0 : 1); // show_frame = 1, version 0
        buf[off] = (byte) tag;
        buf[off + 1] = (byte) (tag >>> 8);
        buf[off + 2] = (byte) (tag >>> 16);
    }
}
