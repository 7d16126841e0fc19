package org.opensfu.core.sdp;

import java.util.List;

/**
 * {@code a=group:<semantics> <mid>...} (RFC 5888 §5). With semantics {@link #BUNDLE} (RFC 8843 §7) the listed
 * m-sections share one transport; the first mid names the tagged m-section whose transport parameters apply to all
 * of them (RFC 8843 §7.2.1, §7.3.1). Mids must be tokens; a group may list none.
 */
public record Group(String semantics, List<String> mids) {
    public static final String BUNDLE = "BUNDLE";

    public Group {
        SdpSyntax.requireToken(semantics, "group semantics");
        mids = List.copyOf(mids);
        for (String mid : mids) {
            SdpSyntax.requireToken(mid, "group mid");
        }
    }

    public static Group bundle(List<String> mids) {
        return new Group(BUNDLE, mids);
    }

    public static Group bundle(String... mids) {
        return new Group(BUNDLE, List.of(mids));
    }

    public boolean isBundle() {
        return BUNDLE.equals(semantics);
    }

    public static Group parse(String value) {
        String[] w = SdpSyntax.words(value);
        if (w.length < 1) {
            throw new IllegalArgumentException("needs '<semantics> <mid>...'");
        }
        return new Group(w[0], List.of(w).subList(1, w.length));
    }

    public String toSdpValue() {
        return mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids);
    }
}
