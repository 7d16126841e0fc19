package org.opensfu.core.sdp;

import java.util.Objects;

/**
 * One {@code a=} line (RFC 8866 §5.13): {@code a=<name>} for a flag such as {@code a=rtcp-mux} ({@link #value()}
 * is null) or {@code a=<name>:<value>}. The value is kept exactly as written, including leading spaces
 * ({@code a=msid-semantic: WMS} has the value {@code " WMS"}), so unknown attributes survive a round trip.
 *
 * <p>Attributes that this package understands (see {@link TypedAttributes}) are checked against their grammar on
 * construction, so a parsed or built description never holds, say, an {@code a=rtpmap} without a payload type.
 * Unknown attributes are accepted with any value that fits on a line.
 */
public record Attribute(String name, String value) {

    /**
     * @throws IllegalArgumentException if the name is not a token, the value holds control characters, or a known
     *                                  attribute's value does not follow its grammar
     */
    public Attribute {
        Objects.requireNonNull(name, "name");
        SdpSyntax.requireToken(name, "attribute name");
        if (value != null) {
            SdpSyntax.requireText(value, "a=" + name + " value");
        }
        TypedAttributes.validate(name, value);
    }

    /** A flag attribute without a value, e.g. {@code a=rtcp-mux}. */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** Parses the text after {@code "a="}: the name runs up to the first colon. */
    static Attribute parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new Attribute(text, null) : new Attribute(text.substring(0, colon), text.substring(colon + 1));
    }

    /** True for an attribute written without a colon. */
    public boolean isFlag() {
        return value == null;
    }

    /** The text after {@code "a="}. */
    public String toSdpValue() {
        return value == null ? name : name + ":" + value;
    }
}
