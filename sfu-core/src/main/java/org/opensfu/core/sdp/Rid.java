package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code a=rid:<id> <send|recv> [<restrictions>]} (RFC 8851 §4, grammar §10): names an RTP stream, e.g. a
 * simulcast layer, and optionally restricts it ({@code pt=96,97;max-width=1280}).
 *
 * @param restrictions the text after the direction, or null
 */
public record Rid(String id, RidDirection direction, String restrictions) {

    public Rid {
        checkId(id, "rid id");
        Objects.requireNonNull(direction, "direction");
        if (restrictions != null) {
            SdpSyntax.requireText(restrictions, "rid restrictions");
            if (restrictions.isBlank() || !restrictions.strip().equals(restrictions)) {
                throw new IllegalArgumentException("rid restrictions must be non-empty without surrounding spaces");
            }
        }
    }

    public Rid(String id, RidDirection direction) {
        this(id, direction, null);
    }

    /** The same rid seen from the other side ({@code send} becomes {@code recv}), restrictions kept. */
    public Rid reversed() {
        return new Rid(id, direction.reversed(), restrictions);
    }

    /** The restrictions as an ordered map, read like fmtp parameters ({@code ;}-separated, first {@code =}). */
    public Map<String, String> restrictionMap() {
        return Fmtp.parseParameterList(restrictions);
    }

    /** The payload types of a {@code pt=} restriction (RFC 8851 §4), empty if there is none; bad numbers skipped. */
    public List<Integer> payloadTypes() {
        String pts = restrictionMap().get("pt");
        List<Integer> out = new ArrayList<>();
        if (pts != null) {
            for (String p : pts.split(",")) {
                String s = p.strip();
                if (SdpSyntax.isDigits(s) && s.length() <= 3 && Integer.parseInt(s) <= 127) {
                    out.add(Integer.parseInt(s));
                }
            }
        }
        return List.copyOf(out);
    }

    public static Rid parse(String value) {
        String v = value.strip();
        int sp = v.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException("needs '<id> <send|recv> [<restrictions>]', got " + SdpSyntax.quote(value));
        }
        String rest = v.substring(sp + 1).strip();
        int sp2 = rest.indexOf(' ');
        RidDirection dir = RidDirection.parse(sp2 < 0 ? rest : rest.substring(0, sp2));
        return new Rid(v.substring(0, sp), dir, sp2 < 0 ? null : rest.substring(sp2 + 1).strip());
    }

    public String toSdpValue() {
        return id + " " + direction.sdpValue() + (restrictions == null ? "" : " " + restrictions);
    }

    /** RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_"). */
    static void checkId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException(what + " " + SdpSyntax.quote(id) + " may only hold letters, digits, - and _");
            }
        }
    }
}
