package org.opensfu.core.sdp;

import java.util.List;

/**
 * {@code a=msid-semantic: WMS [<stream id>...]}: the session-level list of media streams from the drafts that
 * became RFC 8830. RFC 8830 dropped it, but Chromium still writes it, with a space after the colon; this reads it
 * leniently and writes it the way Chromium does.
 */
public record MsidSemantic(String semantic, List<String> streamIds) {
    public static final String WMS = "WMS";

    public MsidSemantic {
        SdpSyntax.requireToken(semantic, "msid-semantic");
        streamIds = List.copyOf(streamIds);
        for (String id : streamIds) {
            SdpSyntax.requireWord(id, "msid-semantic stream id");
        }
    }

    public static MsidSemantic parse(String value) {
        String[] w = SdpSyntax.words(value);
        if (w.length < 1) {
            throw new IllegalArgumentException("needs '<semantic> [<stream id>...]'");
        }
        return new MsidSemantic(w[0], List.of(w).subList(1, w.length));
    }

    /** The attribute value as Chromium writes it: a space, the semantic, then the stream ids. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(" ").append(semantic);
        for (String id : streamIds) {
            sb.append(' ').append(id);
        }
        return sb.toString();
    }
}
