package org.opensfu.core.sdp;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6): binds a
 * dynamic RTP payload type to a codec. For audio the encoding parameter is the channel count ({@code opus/48000/2});
 * video codecs have none ({@code VP8/90000}).
 *
 * @param channels null when the line has no encoding parameter (audio then means one channel)
 */
public record RtpMap(int payloadType, String encodingName, int clockRateHz, Integer channels) {

    public RtpMap {
        checkPayloadType(payloadType);
        SdpSyntax.requireToken(encodingName, "encoding name");
        if (clockRateHz < 1) {
            throw new IllegalArgumentException("clock rate must be positive");
        }
        if (channels != null && (channels < 1 || channels > 255)) {
            throw new IllegalArgumentException("channel count must be 1-255");
        }
    }

    public RtpMap(int payloadType, String encodingName, int clockRateHz) {
        this(payloadType, encodingName, clockRateHz, null);
    }

    /** The channel count, 1 when the line gives none (RFC 8866 §6.6). */
    public int channelsOrDefault() {
        return channels == null ? 1 : channels;
    }

    /** Same codec apart from the payload type: encoding names compare case-insensitively (RFC 4855 §3). */
    public boolean sameFormat(RtpMap other) {
        return encodingName.equalsIgnoreCase(other.encodingName) && clockRateHz == other.clockRateHz
                && channelsOrDefault() == other.channelsOrDefault();
    }

    public static RtpMap parse(String value) {
        String v = value.strip();
        int sp = v.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException(
                    "needs '<payload type> <encoding name>/<clock rate>[/<channels>]', got " + SdpSyntax.quote(value));
        }
        int pt = parsePayloadType(v.substring(0, sp));
        String[] enc = v.substring(sp + 1).strip().split("/", -1);
        if (enc.length < 2 || enc.length > 3) {
            throw new IllegalArgumentException("encoding " + SdpSyntax.quote(v.substring(sp + 1))
                    + " is not <name>/<clock rate>[/<channels>]");
        }
        SdpSyntax.requireToken(enc[0], "encoding name");
        int clock = SdpSyntax.parseInt(enc[1], 1, Integer.MAX_VALUE, "clock rate");
        Integer channels = enc.length == 3 ? SdpSyntax.parseInt(enc[2], 1, 255, "channel count") : null;
        return new RtpMap(pt, enc[0], clock, channels);
    }

    public String toSdpValue() {
        return payloadType + " " + encodingName + "/" + clockRateHz + (channels == null ? "" : "/" + channels);
    }

    static int parsePayloadType(String s) {
        return SdpSyntax.parseInt(s, 0, 127, "payload type");
    }

    static void checkPayloadType(int pt) {
        if (pt < 0 || pt > 127) {
            throw new IllegalArgumentException("payload type " + pt + " is not in 0-127");
        }
    }
}
