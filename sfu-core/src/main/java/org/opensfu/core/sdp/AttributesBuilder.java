package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opensfu.core.transport.dtls.DtlsFingerprint;

/**
 * The attribute part shared by {@link SessionDescriptionBuilder} and {@link MediaDescriptionBuilder}: generic
 * {@code a=} lines, appended in call order, and the typed helpers valid at both levels. Every value is checked
 * when added ({@link Attribute}), so {@code build()} only fails for missing required parts.
 *
 * @param <B> the concrete builder, returned for chaining
 */
public abstract sealed class AttributesBuilder<B extends AttributesBuilder<B>>
        permits SessionDescriptionBuilder, MediaDescriptionBuilder {

    final List<Attribute> attributes = new ArrayList<>();

    AttributesBuilder() {
    }

    abstract B self();

    /** Appends an attribute. */
    public B attribute(Attribute attribute) {
        attributes.add(Objects.requireNonNull(attribute, "attribute"));
        return self();
    }

    /** Appends a flag attribute such as {@code a=rtcp-mux}. */
    public B attribute(String name) {
        return attribute(Attribute.flag(name));
    }

    /** Appends {@code a=<name>:<value>}. */
    public B attribute(String name, String value) {
        return attribute(new Attribute(name, Objects.requireNonNull(value, "value")));
    }

    /** Removes every attribute with this name added so far. */
    public B removeAttributes(String name) {
        attributes.removeIf(a -> a.name().equals(name));
        return self();
    }

    /** The attributes so far, in order (a read-only copy). */
    public List<Attribute> attributes() {
        return List.copyOf(attributes);
    }

    /** {@code a=ice-ufrag} (RFC 8839 §5.4: 4-256 ice-chars). */
    public B iceUfrag(String ufrag) {
        return attribute(AttributeNames.ICE_UFRAG, ufrag);
    }

    /** {@code a=ice-pwd} (RFC 8839 §5.4: 22-256 ice-chars). */
    public B icePassword(String password) {
        return attribute(AttributeNames.ICE_PWD, password);
    }

    /** {@code a=ice-options:<option> ...} (RFC 8839 §5.6), e.g. {@code trickle}. */
    public B iceOptions(String... options) {
        for (String o : options) {
            SdpSyntax.requireToken(o, "ice option");
        }
        return attribute(AttributeNames.ICE_OPTIONS, String.join(" ", options));
    }

    /** {@code a=fingerprint:<hash> <hex>} (RFC 8122 §5). */
    public B fingerprint(DtlsFingerprint fingerprint) {
        return attribute(AttributeNames.FINGERPRINT, fingerprint.toSdpValue());
    }

    /** {@code a=setup:<role>} (RFC 4145 §4, RFC 8842 §5). */
    public B setup(SetupRole role) {
        return attribute(AttributeNames.SETUP, role.sdpValue());
    }

    /** {@code a=sendrecv}, {@code a=sendonly}, ... (RFC 8866 §6.7). */
    public B direction(Direction direction) {
        return attribute(direction.sdpName());
    }

    /** {@code a=extmap-allow-mixed} (RFC 8285 §6). */
    public B extmapAllowMixed() {
        return attribute(AttributeNames.EXTMAP_ALLOW_MIXED);
    }
}
