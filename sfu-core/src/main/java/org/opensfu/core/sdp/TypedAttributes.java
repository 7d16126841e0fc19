package org.opensfu.core.sdp;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which attributes this package understands and how their values are checked and read.
 *
 * <p>Policy: the attributes in {@link #PARSERS} and {@link #FLAGS} are checked when an {@link Attribute} is made,
 * so a malformed one (say {@code a=rtpmap:abc}) makes {@link SessionDescription#parse} fail with the line number,
 * and a builder fail with {@link IllegalArgumentException}. Two kinds are left to the reader instead: {@code
 * a=candidate} (read with {@code IceCandidate.parse}; unparsable candidates are skipped, RFC 8839 allows
 * extensions we do not know) and the hash function of {@code a=fingerprint} (only its syntax is checked; one whose
 * hash the JDK lacks is skipped, RFC 8122 §5 allows several). Unknown attributes are kept as they are. The
 * readers below still skip anything that fails to parse, so typed accessors never throw.
 */
final class TypedAttributes {

    /** Attributes that take no value (RFC 8866 §6.7 directions and the flags of RFC 5761, 5506, 8843, 8858 ...). */
    static final Set<String> FLAGS = Set.of("sendrecv", "sendonly", "recvonly", "inactive",
            AttributeNames.RTCP_MUX, AttributeNames.RTCP_MUX_ONLY, AttributeNames.RTCP_RSIZE,
            AttributeNames.BUNDLE_ONLY, AttributeNames.END_OF_CANDIDATES, AttributeNames.ICE_LITE,
            AttributeNames.EXTMAP_ALLOW_MIXED);

    private static final Map<String, Function<String, ?>> PARSERS = Map.ofEntries(
            entry(AttributeNames.RTPMAP, RtpMap::parse),
            entry(AttributeNames.FMTP, Fmtp::parse),
            entry(AttributeNames.RTCP_FB, RtcpFeedback::parse),
            entry(AttributeNames.EXTMAP, ExtMap::parse),
            entry(AttributeNames.SSRC, SsrcAttribute::parse),
            entry(AttributeNames.SSRC_GROUP, SsrcGroup::parse),
            entry(AttributeNames.RID, Rid::parse),
            entry(AttributeNames.SIMULCAST, Simulcast::parse),
            entry(AttributeNames.MSID, Msid::parse),
            entry(AttributeNames.MSID_SEMANTIC, MsidSemantic::parse),
            entry(AttributeNames.GROUP, Group::parse),
            entry(AttributeNames.MID, TypedAttributes::parseMid),
            entry(AttributeNames.SETUP, SetupRole::parse),
            entry(AttributeNames.ICE_UFRAG, v -> parseIceChars(v, 4, "ice-ufrag")),
            entry(AttributeNames.ICE_PWD, v -> parseIceChars(v, 22, "ice-pwd")),
            entry(AttributeNames.FINGERPRINT, TypedAttributes::checkFingerprintSyntax),
            entry(AttributeNames.SCTP_PORT, v -> SdpSyntax.parseInt(v.strip(), 0, 65535, "sctp-port")),
            entry(AttributeNames.MAX_MESSAGE_SIZE,
                    v -> SdpSyntax.parseLong(v.strip(), 0, Long.MAX_VALUE, "max-message-size")));

    private TypedAttributes() {
    }

    /** Throws {@link IllegalArgumentException} if a known attribute does not follow its grammar. */
    static void validate(String name, String value) {
        if (FLAGS.contains(name)) {
            if (value != null) {
                throw new IllegalArgumentException("a=" + name + " takes no value");
            }
            return;
        }
        Function<String, ?> parser = PARSERS.get(name);
        if (parser == null) {
            return;
        }
        if (value == null) {
            throw new IllegalArgumentException("a=" + name + " needs a value");
        }
        try {
            parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a=" + name + ": " + e.getMessage(), e);
        }
    }

    /** The parsed values of every attribute with this name, skipping flags and values that do not parse. */
    static <T> List<T> all(List<Attribute> attributes, String name, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals(name) && a.value() != null) {
                try {
                    out.add(parser.apply(a.value()));
                } catch (IllegalArgumentException e) {
                    // documented: typed readers skip what they cannot read
                }
            }
        }
        return List.copyOf(out);
    }

    /** The first value with this name that parses. */
    static <T> Optional<T> first(List<Attribute> attributes, String name, Function<String, T> parser) {
        for (Attribute a : attributes) {
            if (a.name().equals(name) && a.value() != null) {
                try {
                    return Optional.of(parser.apply(a.value()));
                } catch (IllegalArgumentException e) {
                    // skip
                }
            }
        }
        return Optional.empty();
    }

    static boolean has(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 5888 §4: identification-tag = token. */
    static String parseMid(String value) {
        return SdpSyntax.requireToken(value.strip(), "mid");
    }

    /** RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/", 4-256 (ufrag) or 22-256 (pwd) of them. */
    static String parseIceChars(String value, int minChars, String what) {
        String v = value.strip();
        if (v.length() < minChars || v.length() > 256) {
            throw new IllegalArgumentException(what + " must be " + minChars + "-256 characters, got " + v.length());
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                throw new IllegalArgumentException(what + " " + SdpSyntax.quote(v) + " holds a character other than "
                        + "letters, digits, + and /");
            }
        }
        return v;
    }

    /** RFC 8122 §5: hash-func SP fingerprint, fingerprint = 2UHEX *(":" 2UHEX); lower-case hex is tolerated. */
    static String checkFingerprintSyntax(String value) {
        String[] w = SdpSyntax.words(value);
        if (w.length != 2 || !SdpSyntax.isToken(w[0]) || !isHexPairs(w[1])) {
            throw new IllegalArgumentException("needs '<hash function> <XX:XX:...>', got " + SdpSyntax.quote(value));
        }
        return value;
    }

    private static boolean isHexPairs(String s) {
        if (s.length() % 3 != 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0 && c < 0x80;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
