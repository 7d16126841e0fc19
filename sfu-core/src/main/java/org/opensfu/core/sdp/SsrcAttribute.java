package org.opensfu.core.sdp;

/**
 * {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576 §4.1): a source-level attribute such as
 * {@code cname:clinQX9COmrqxr2s} (RFC 5576 §6.1) or {@code msid:<stream> <track>} (RFC 8830 §2, as Chromium
 * still writes it).
 *
 * @param ssrc  the RTP SSRC, 0 to 2^32-1
 * @param value the text after the first colon (may contain spaces), or null
 */
public record SsrcAttribute(long ssrc, String attribute, String value) {
    public static final String CNAME = "cname";
    public static final String MSID = "msid";

    public SsrcAttribute {
        checkSsrc(ssrc);
        SdpSyntax.requireToken(attribute, "ssrc attribute name");
        if (value != null) {
            SdpSyntax.requireText(value, "ssrc attribute value");
            if (!value.stripTrailing().equals(value)) {
                throw new IllegalArgumentException("ssrc attribute value must not end with a space");
            }
        }
    }

    public static SsrcAttribute parse(String value) {
        String v = value.strip();
        int sp = v.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException("needs '<ssrc> <attribute>[:<value>]', got " + SdpSyntax.quote(value));
        }
        long ssrc = parseSsrc(v.substring(0, sp));
        String rest = v.substring(sp + 1).strip();
        int colon = rest.indexOf(':');
        return colon < 0 ? new SsrcAttribute(ssrc, rest, null)
                : new SsrcAttribute(ssrc, rest.substring(0, colon), rest.substring(colon + 1));
    }

    public String toSdpValue() {
        return ssrc + " " + attribute + (value == null ? "" : ":" + value);
    }

    static long parseSsrc(String s) {
        return SdpSyntax.parseLong(s, 0, 0xFFFF_FFFFL, "SSRC");
    }

    static void checkSsrc(long ssrc) {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC " + ssrc + " is not in 0-4294967295");
        }
    }
}
