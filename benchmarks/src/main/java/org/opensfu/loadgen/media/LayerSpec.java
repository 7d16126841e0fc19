package org.opensfu.loadgen.media;

import java.util.List;

/**
 * One simulcast encoding of a synthetic camera: its rid (RFC 8851), resolution (written into key frame headers) and
 * target bitrate of RTP payload.
 */
public record LayerSpec(String rid, int widthPx, int heightPx, long bitrateBps) {
    /** Chrome's three layers for a 1280x720 camera: quarter, half and full resolution, lowest first. */
    public static final List<LayerSpec> DEFAULT_LADDER = List.of(
            new LayerSpec("q", 320, 180, 150_000),
            new LayerSpec("h", 640, 360, 500_000),
            new LayerSpec("f", 1280, 720, 1_500_000));

    public LayerSpec {
        if (rid == null || rid.isEmpty() || rid.length() > 16 || widthPx <= 0 || heightPx <= 0 || bitrateBps <= 0) {
            throw new IllegalArgumentException("invalid layer " + rid + " " + widthPx + "x" + heightPx + " "
                    + bitrateBps + " bit/s");
        }
    }
}
