package org.opensfu.core.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<extension attributes>]} (RFC 8285 §5): binds a local identifier to
 * an RTP header extension. Identifiers 1-14 fit the one-byte header form, 1-255 the two-byte form (RFC 8285 §4);
 * 4096-4351 may appear in offers only, for the answerer to map to a usable identifier (RFC 8285 §5, §7).
 *
 * @param direction           null when the line has none
 * @param extensionAttributes the text after the URI, or null
 */
public record ExtMap(int id, Direction direction, String uri, String extensionAttributes) {
    /** RFC 8843 §9.1, §15.1: carries the MID of the m-section, for BUNDLE demultiplexing. */
    public static final String SDES_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 8852 §4.3: the rid of a simulcast stream. */
    public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852 §4.4: the rid that an RTX stream repairs. */
    public static final String REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /** RFC 6464: client-to-mixer audio level. */
    public static final String SSRC_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** Transport-wide sequence numbers for transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
    public static final String TRANSPORT_WIDE_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** Absolute send time, used by REMB. */
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /** AV1 RTP specification, Appendix A: the dependency descriptor. */
    public static final String DEPENDENCY_DESCRIPTOR =
            "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension";

    public ExtMap {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("extmap id " + id + " is not in 1-255 or 4096-4351");
        }
        SdpSyntax.requireWord(uri, "extmap URI");
        if (extensionAttributes != null) {
            SdpSyntax.requireText(extensionAttributes, "extmap extension attributes");
            if (extensionAttributes.isBlank() || !extensionAttributes.strip().equals(extensionAttributes)) {
                throw new IllegalArgumentException("extmap extension attributes must be non-empty without surrounding spaces");
            }
        }
    }

    public ExtMap(int id, String uri) {
        this(id, null, uri, null);
    }

    /** True for identifiers that fit the one-byte header form (RFC 8285 §4.2). */
    public boolean isOneByteId() {
        return id >= 1 && id <= 14;
    }

    public static ExtMap parse(String value) {
        String v = value.strip();
        int sp = v.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException("needs '<id>[/<direction>] <uri>', got " + SdpSyntax.quote(value));
        }
        String idPart = v.substring(0, sp);
        int slash = idPart.indexOf('/');
        int id = SdpSyntax.parseInt(slash < 0 ? idPart : idPart.substring(0, slash), 1, 4351, "extmap id");
        Direction direction = null;
        if (slash >= 0) {
            String d = idPart.substring(slash + 1);
            direction = Direction.fromSdpName(d).orElseThrow(() -> new IllegalArgumentException(
                    "extmap direction " + SdpSyntax.quote(d) + " is not sendrecv, sendonly, recvonly or inactive"));
        }
        String rest = v.substring(sp + 1).strip();
        int sp2 = rest.indexOf(' ');
        String uri = sp2 < 0 ? rest : rest.substring(0, sp2);
        String attrs = sp2 < 0 ? null : rest.substring(sp2 + 1).strip();
        if (!isValidId(id)) {
            throw new IllegalArgumentException("extmap id " + id + " is not in 1-255 or 4096-4351");
        }
        return new ExtMap(id, direction, uri, attrs);
    }

    public String toSdpValue() {
        return id + (direction == null ? "" : "/" + direction.sdpName()) + " " + uri
                + (extensionAttributes == null ? "" : " " + extensionAttributes);
    }

    private static boolean isValidId(int id) {
        return (id >= 1 && id <= 255) || (id >= 4096 && id <= 4351);
    }
}
