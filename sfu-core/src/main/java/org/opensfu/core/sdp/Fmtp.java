package org.opensfu.core.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code a=fmtp:<payload type> <format specific parameters>} (RFC 8866 §6.15). The parameters are usually
 * {@code key=value} pairs separated by semicolons ({@code minptime=10;useinbandfec=1}, RFC 4855 §3), but some
 * formats use other syntax: RED writes {@code 111/111} (RFC 2198 §5). {@link #parameters()} is the text as written,
 * {@link #parameterMap()} its key/value reading.
 */
public record Fmtp(int payloadType, String parameters) {

    public Fmtp {
        RtpMap.checkPayloadType(payloadType);
        SdpSyntax.requireText(parameters, "fmtp parameters");
        if (parameters.isBlank() || !parameters.strip().equals(parameters)) {
            throw new IllegalArgumentException("fmtp parameters must be non-empty without surrounding spaces");
        }
    }

    /**
     * Builds the line from an ordered map: {@code key=value} joined by {@code ;}, a key alone where the value is
     * empty. So that {@link #parameterMap()} gives the map back, keys must be non-empty without {@code =} or
     * {@code ;}, values without {@code ;}, neither with surrounding spaces. Every map read from a parsed line
     * qualifies.
     */
    public static Fmtp of(int payloadType, Map<String, String> parameters) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            SdpSyntax.requireText(k, "fmtp parameter name");
            SdpSyntax.requireText(v, "fmtp parameter value");
            if (k.isEmpty() || k.indexOf('=') >= 0 || k.indexOf(';') >= 0 || !k.strip().equals(k)) {
                throw new IllegalArgumentException("fmtp parameter name " + SdpSyntax.quote(k) + " is not valid");
            }
            if (v.indexOf(';') >= 0 || !v.strip().equals(v)) {
                throw new IllegalArgumentException("fmtp parameter value " + SdpSyntax.quote(v) + " is not valid");
            }
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(k);
            if (!v.isEmpty()) {
                sb.append('=').append(v);
            }
        }
        return new Fmtp(payloadType, sb.toString());
    }

    /**
     * The parameters as an ordered, unmodifiable map: split at {@code ;}, then at the first {@code =}, both parts
     * stripped of spaces; a parameter without {@code =} maps to "" (so RED's {@code 111/111} is one key). The first
     * occurrence of a repeated key wins; parameters with an empty name ({@code =5}) are left out.
     */
    public Map<String, String> parameterMap() {
        return parseParameterList(parameters);
    }

    public static Fmtp parse(String value) {
        String v = value.strip();
        int sp = v.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException(
                    "needs '<payload type> <parameters>', got " + SdpSyntax.quote(value));
        }
        return new Fmtp(RtpMap.parsePayloadType(v.substring(0, sp)), v.substring(sp + 1).strip());
    }

    public String toSdpValue() {
        return payloadType + " " + parameters;
    }

    /** {@code a=b;c;d=e} as an ordered map (also used for rid restrictions, RFC 8851 §10). */
    static Map<String, String> parseParameterList(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null) {
            return Collections.unmodifiableMap(map);
        }
        for (String part : text.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq).strip();
            String val = eq < 0 ? "" : p.substring(eq + 1).strip();
            if (!key.isEmpty()) {
                map.putIfAbsent(key, val);
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
