package org.opensfu.core.sdp;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2): the MediaStream the m-section's track belongs to, and
 * the track's application data (the sender's track id in browsers). A track that belongs to no stream has
 * stream id {@link #NO_STREAM} (RFC 8829 §5.2.1).
 *
 * @param trackId null when the line has only a stream id
 */
public record Msid(String streamId, String trackId) {
    public static final String NO_STREAM = "-";

    public Msid {
        checkId(streamId, "msid stream id");
        if (trackId != null) {
            checkId(trackId, "msid track id");
        }
    }

    public static Msid parse(String value) {
        String[] w = SdpSyntax.words(value);
        if (w.length < 1 || w.length > 2) {
            throw new IllegalArgumentException("needs '<stream id> [<track id>]', got " + SdpSyntax.quote(value));
        }
        return new Msid(w[0], w.length == 2 ? w[1] : null);
    }

    public String toSdpValue() {
        return trackId == null ? streamId : streamId + " " + trackId;
    }

    /** RFC 8830 §2: msid-id and msid-appdata are 1*64token-char. */
    private static void checkId(String id, String what) {
        SdpSyntax.requireToken(id, what);
        if (id.length() > 64) {
            throw new IllegalArgumentException(what + " is longer than 64 characters");
        }
    }
}
