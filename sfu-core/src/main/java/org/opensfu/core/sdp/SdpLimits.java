package org.opensfu.core.sdp;

/**
 * Size limits the parser enforces before anything else, so that hostile input costs bounded work. Lengths are in
 * Java {@code char}s (UTF-16 code units) of the text handed to the parser; line lengths exclude the line ending.
 *
 * @param maxTotalChars   the longest accepted text
 * @param maxLineChars    the longest accepted line
 * @param maxMediaSections the most m= sections accepted
 */
public record SdpLimits(int maxTotalChars, int maxLineChars, int maxMediaSections) {
    /** 256 KiB of text, 4 KiB per line, 1000 media sections: far above what browsers produce. */
    public static final SdpLimits DEFAULT = new SdpLimits(256 * 1024, 4 * 1024, 1000);

    public SdpLimits {
        if (maxTotalChars < 1 || maxLineChars < 1 || maxMediaSections < 0) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }
}
