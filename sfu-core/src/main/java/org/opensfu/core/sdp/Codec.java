package org.opensfu.core.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One RTP payload format of an m-section, gathered from its {@code a=rtpmap}, {@code a=fmtp} and
 * {@code a=rtcp-fb} lines (RFC 8866 §6.6, §6.15, RFC 4585 §4.2). Feedback is stored for this payload type only:
 * {@code a=rtcp-fb:*} lines are copied in with this payload type, so writing a codec never widens a wildcard;
 * repeated lines are kept once.
 *
 * @param parameters the fmtp parameters as an ordered map (see {@link Fmtp#parameterMap()}), empty if none
 */
public record Codec(RtpMap rtpMap, Map<String, String> parameters, List<RtcpFeedback> feedback) {
    public static final String RTX = "rtx";
    /** RFC 4588 §8.1: the fmtp parameter of an RTX payload type naming the payload type it repairs. */
    public static final String APT = "apt";

    public Codec {
        Objects.requireNonNull(rtpMap, "rtpMap");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (!parameters.isEmpty()) {
            Fmtp.of(rtpMap.payloadType(), parameters); // validates
        }
        Set<RtcpFeedback> fb = new LinkedHashSet<>();
        for (RtcpFeedback f : feedback) {
            fb.add(f.forPayloadType(rtpMap.payloadType()));
        }
        feedback = List.copyOf(fb);
    }

    public static Codec of(RtpMap rtpMap) {
        return new Codec(rtpMap, Map.of(), List.of());
    }

    public int payloadType() {
        return rtpMap.payloadType();
    }

    public String encodingName() {
        return rtpMap.encodingName();
    }

    public int clockRateHz() {
        return rtpMap.clockRateHz();
    }

    /** True for an RTX retransmission format (RFC 4588 §8.6). */
    public boolean isRtx() {
        return RTX.equalsIgnoreCase(rtpMap.encodingName());
    }

    /** The {@code apt} parameter of an RTX format: the payload type it retransmits; empty if absent or invalid. */
    public OptionalInt associatedPayloadType() {
        String apt = parameters.get(APT);
        if (apt != null && SdpSyntax.isDigits(apt) && apt.length() <= 3 && Integer.parseInt(apt) <= 127) {
            return OptionalInt.of(Integer.parseInt(apt));
        }
        return OptionalInt.empty();
    }

    /** True if it has feedback of this type and parameter (parameter null for none). */
    public boolean hasFeedback(String type, String parameter) {
        return feedback.contains(new RtcpFeedback(payloadType(), type, parameter));
    }

    public Codec withParameters(Map<String, String> newParameters) {
        return new Codec(rtpMap, newParameters, feedback);
    }

    public Codec withFeedback(List<RtcpFeedback> newFeedback) {
        return new Codec(rtpMap, parameters, newFeedback);
    }

    /** The same format under another payload type. */
    public Codec withPayloadType(int payloadType) {
        RtpMap m = new RtpMap(payloadType, rtpMap.encodingName(), rtpMap.clockRateHz(), rtpMap.channels());
        return new Codec(m, parameters, feedback);
    }
}
