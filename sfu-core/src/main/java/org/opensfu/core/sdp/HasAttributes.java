package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensfu.core.transport.dtls.DtlsFingerprint;

/**
 * Readers shared by the session level and the media level: generic access to the {@code a=} lines by name, and
 * the attributes that may appear at either level (ICE credentials and options RFC 8839 §5.4, §5.6; fingerprint
 * RFC 8122 §5; setup RFC 4145 §4; extmap-allow-mixed RFC 8285 §6; direction RFC 8866 §6.7). Each reads this level
 * only; {@link SessionDescription#iceDtlsParameters(MediaDescription)} combines the levels. Readers never throw:
 * what does not parse is skipped (see {@link TypedAttributes}).
 */
public sealed interface HasAttributes permits SessionDescription, MediaDescription {

    /** Every {@code a=} line of this level, in order. */
    List<Attribute> attributes();

    /** The first attribute with this name. */
    default Optional<Attribute> attribute(String name) {
        return attributes().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Every attribute with this name, in order. */
    default List<Attribute> attributes(String name) {
        return attributes().stream().filter(a -> a.name().equals(name)).toList();
    }

    /** The value of the first attribute with this name, empty if absent or a flag. */
    default Optional<String> attributeValue(String name) {
        return attribute(name).map(Attribute::value);
    }

    /** The values of the attributes with this name that have one, in order. */
    default List<String> attributeValues(String name) {
        List<String> out = new ArrayList<>();
        for (Attribute a : attributes()) {
            if (a.name().equals(name) && a.value() != null) {
                out.add(a.value());
            }
        }
        return List.copyOf(out);
    }

    default boolean hasAttribute(String name) {
        return TypedAttributes.has(attributes(), name);
    }

    /** {@code a=ice-ufrag} of this level. */
    default Optional<String> iceUfrag() {
        return TypedAttributes.first(attributes(), AttributeNames.ICE_UFRAG, String::strip);
    }

    /** {@code a=ice-pwd} of this level. */
    default Optional<String> icePassword() {
        return TypedAttributes.first(attributes(), AttributeNames.ICE_PWD, String::strip);
    }

    /** The tokens of every {@code a=ice-options} line of this level, e.g. {@code trickle}. */
    default List<String> iceOptions() {
        List<String> out = new ArrayList<>();
        for (String v : attributeValues(AttributeNames.ICE_OPTIONS)) {
            out.addAll(List.of(SdpSyntax.words(v)));
        }
        return List.copyOf(out);
    }

    /** Every {@code a=fingerprint} of this level that parses and names a hash function the JDK has. */
    default List<DtlsFingerprint> fingerprints() {
        return TypedAttributes.all(attributes(), AttributeNames.FINGERPRINT, DtlsFingerprint::parse);
    }

    /** The first of {@link #fingerprints()}. */
    default Optional<DtlsFingerprint> fingerprint() {
        return fingerprints().stream().findFirst();
    }

    /** {@code a=setup} of this level. */
    default Optional<SetupRole> setup() {
        return TypedAttributes.first(attributes(), AttributeNames.SETUP, SetupRole::parse);
    }

    /** True if this level has {@code a=extmap-allow-mixed}. */
    default boolean extmapAllowMixed() {
        return hasAttribute(AttributeNames.EXTMAP_ALLOW_MIXED);
    }

    /** The first direction attribute of this level, if any. */
    default Optional<Direction> directionAttribute() {
        for (Attribute a : attributes()) {
            if (a.value() == null) {
                Optional<Direction> d = Direction.fromSdpName(a.name());
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }
}
