package org.opensfu.core.sdp;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code a=rtcp-fb:<payload type or *> <type> [<parameter>]} (RFC 4585 §4.2): an RTCP feedback message the
 * writer understands for one payload type, or for all of them with {@code *}. Examples from browsers:
 * {@code nack}, {@code nack pli}, {@code ccm fir} (RFC 5104 §7.1), {@code transport-cc}, {@code goog-remb}.
 *
 * @param payloadType {@link #ANY_PAYLOAD_TYPE} for {@code *}
 * @param parameter   the rest of the line after the type ({@code pli}), or null
 */
public record RtcpFeedback(int payloadType, String type, String parameter) {
    public static final int ANY_PAYLOAD_TYPE = -1;
    public static final String NACK = "nack";
    public static final String PLI = "pli";
    public static final String CCM = "ccm";
    public static final String FIR = "fir";
    public static final String TRANSPORT_CC = "transport-cc";
    public static final String GOOG_REMB = "goog-remb";

    public RtcpFeedback {
        if (payloadType != ANY_PAYLOAD_TYPE) {
            RtpMap.checkPayloadType(payloadType);
        }
        SdpSyntax.requireToken(type, "rtcp-fb type");
        if (parameter != null) {
            SdpSyntax.requireText(parameter, "rtcp-fb parameter");
            if (parameter.isBlank() || !parameter.strip().equals(parameter) || parameter.contains("  ")) {
                throw new IllegalArgumentException("rtcp-fb parameter must be non-empty words separated by single spaces");
            }
        }
    }

    public RtcpFeedback(int payloadType, String type) {
        this(payloadType, type, null);
    }

    public boolean isWildcard() {
        return payloadType == ANY_PAYLOAD_TYPE;
    }

    /** True if this line applies to {@code pt}: its own payload type, or {@code *}. */
    public boolean appliesTo(int pt) {
        return payloadType == ANY_PAYLOAD_TYPE || payloadType == pt;
    }

    /** The same feedback for another payload type. */
    public RtcpFeedback forPayloadType(int pt) {
        return new RtcpFeedback(pt, type, parameter);
    }

    /** Same type and parameter, whatever the payload type. */
    public boolean sameFeedback(RtcpFeedback other) {
        return type.equals(other.type) && Objects.equals(parameter, other.parameter);
    }

    public static RtcpFeedback parse(String value) {
        String[] w = SdpSyntax.words(value);
        if (w.length < 2) {
            throw new IllegalArgumentException(
                    "needs '<payload type or *> <type> [<parameter>]', got " + SdpSyntax.quote(value));
        }
        int pt = "*".equals(w[0]) ? ANY_PAYLOAD_TYPE : RtpMap.parsePayloadType(w[0]);
        String param = w.length > 2 ? String.join(" ", Arrays.copyOfRange(w, 2, w.length)) : null;
        return new RtcpFeedback(pt, w[1], param);
    }

    public String toSdpValue() {
        return (payloadType == ANY_PAYLOAD_TYPE ? "*" : Integer.toString(payloadType)) + " " + type
                + (parameter == null ? "" : " " + parameter);
    }
}
