package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opensfu.core.transport.ice.IceCandidate;

/**
 * Mutable builder of a {@link MediaDescription}; get one from {@link MediaDescription#builder}. Attributes are
 * written in call order, so call the helpers in the order the section should read (browsers write: ICE and DTLS
 * lines, mid, extmaps, direction, msid, rtcp-mux, rtcp-rsize, then per codec rtpmap, rtcp-fb, fmtp, then ssrc
 * lines). Each helper checks its values and throws {@link IllegalArgumentException} on bad ones.
 */
public final class MediaDescriptionBuilder extends AttributesBuilder<MediaDescriptionBuilder> {
    private String mediaType;
    private int port;
    private Integer portCount;
    private String protocol;
    private final List<String> formats = new ArrayList<>();
    private String information;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private String encryptionKey;

    MediaDescriptionBuilder(String mediaType, int port, String protocol, List<String> formats) {
        this.mediaType = SdpSyntax.requireToken(mediaType, "m= media type");
        port(port);
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        formats.forEach(this::format);
    }

    MediaDescriptionBuilder(MediaDescription from) {
        mediaType = from.mediaType();
        port = from.port();
        portCount = from.portCount();
        protocol = from.protocol();
        formats.addAll(from.formats());
        information = from.information();
        connections.addAll(from.connections());
        bandwidths.addAll(from.bandwidths());
        encryptionKey = from.encryptionKey();
        attributes.addAll(from.attributes());
    }

    @Override
    MediaDescriptionBuilder self() {
        return this;
    }

    // ---- m-line and the other lines ------------------------------------------------------------------------------

    /** The m-line port: 9 (discard) with ICE (RFC 8829 §5.2.1), 0 to reject or stop the section. */
    public MediaDescriptionBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("m= port " + port + " is not in 0-65535");
        }
        this.port = port;
        return this;
    }

    /** The {@code /<count>} of the port field, or null for none. */
    public MediaDescriptionBuilder portCount(Integer count) {
        this.portCount = count;
        return this;
    }

    /** Appends a format to the m-line unless it is already there; RTP formats must be payload types 0-127. */
    public MediaDescriptionBuilder format(String format) {
        Objects.requireNonNull(format, "format");
        if (MediaDescription.isRtpProtocol(protocol)) {
            SdpSyntax.parseCanonicalInt(format, 0, 127, "m= payload type");
        } else {
            SdpSyntax.requireToken(format, "m= format");
        }
        if (!formats.contains(format)) {
            formats.add(format);
        }
        return this;
    }

    /** Appends a payload type to the m-line unless it is already there. */
    public MediaDescriptionBuilder format(int payloadType) {
        RtpMap.checkPayloadType(payloadType);
        return format(Integer.toString(payloadType));
    }

    /** Replaces the m-line formats. */
    public MediaDescriptionBuilder formats(List<String> newFormats) {
        formats.clear();
        newFormats.forEach(this::format);
        return this;
    }

    public MediaDescriptionBuilder information(String text) {
        this.information = text == null ? null : SdpSyntax.requireText(text, "i= line");
        return this;
    }

    /** Appends a {@code c=} line; JSEP writes {@code c=IN IP4 0.0.0.0} (RFC 8829 §5.2.1). */
    public MediaDescriptionBuilder connection(Connection connection) {
        connections.add(Objects.requireNonNull(connection, "connection"));
        return this;
    }

    public MediaDescriptionBuilder bandwidth(Bandwidth bandwidth) {
        bandwidths.add(Objects.requireNonNull(bandwidth, "bandwidth"));
        return this;
    }

    public MediaDescriptionBuilder encryptionKey(String text) {
        this.encryptionKey = text == null ? null : SdpSyntax.requireText(text, "k= line");
        return this;
    }

    // ---- typed attributes ----------------------------------------------------------------------------------------

    /** {@code a=mid:<mid>} (RFC 5888 §4). */
    public MediaDescriptionBuilder mid(String mid) {
        return attribute(AttributeNames.MID, mid);
    }

    public MediaDescriptionBuilder rtpMap(RtpMap rtpMap) {
        return attribute(AttributeNames.RTPMAP, rtpMap.toSdpValue());
    }

    /** {@code a=rtpmap:<pt> <name>/<clock rate>}. */
    public MediaDescriptionBuilder rtpMap(int payloadType, String encodingName, int clockRateHz) {
        return rtpMap(new RtpMap(payloadType, encodingName, clockRateHz));
    }

    /** {@code a=rtpmap:<pt> <name>/<clock rate>/<channels>}. */
    public MediaDescriptionBuilder rtpMap(int payloadType, String encodingName, int clockRateHz, int channels) {
        return rtpMap(new RtpMap(payloadType, encodingName, clockRateHz, channels));
    }

    public MediaDescriptionBuilder fmtp(Fmtp fmtp) {
        return attribute(AttributeNames.FMTP, fmtp.toSdpValue());
    }

    /** {@code a=fmtp:<pt> <parameters>} with the parameters as written. */
    public MediaDescriptionBuilder fmtp(int payloadType, String parameters) {
        return fmtp(new Fmtp(payloadType, parameters));
    }

    /** {@code a=fmtp:<pt> k=v;k2=v2} from an ordered map (see {@link Fmtp#of}). */
    public MediaDescriptionBuilder fmtp(int payloadType, Map<String, String> parameters) {
        return fmtp(Fmtp.of(payloadType, parameters));
    }

    public MediaDescriptionBuilder rtcpFeedback(RtcpFeedback feedback) {
        return attribute(AttributeNames.RTCP_FB, feedback.toSdpValue());
    }

    /** {@code a=rtcp-fb:<pt> <type>}; pass {@link RtcpFeedback#ANY_PAYLOAD_TYPE} for {@code *}. */
    public MediaDescriptionBuilder rtcpFeedback(int payloadType, String type) {
        return rtcpFeedback(new RtcpFeedback(payloadType, type, null));
    }

    /** {@code a=rtcp-fb:<pt> <type> <parameter>}, e.g. {@code nack pli}. */
    public MediaDescriptionBuilder rtcpFeedback(int payloadType, String type, String parameter) {
        return rtcpFeedback(new RtcpFeedback(payloadType, type, parameter));
    }

    /**
     * Writes a codec the way browsers do: {@code a=rtpmap}, its {@code a=rtcp-fb} lines, then {@code a=fmtp} if it
     * has parameters; and appends its payload type to the m-line formats if not already there.
     */
    public MediaDescriptionBuilder codec(Codec codec) {
        format(codec.payloadType());
        rtpMap(codec.rtpMap());
        codec.feedback().forEach(this::rtcpFeedback);
        if (!codec.parameters().isEmpty()) {
            fmtp(codec.payloadType(), codec.parameters());
        }
        return this;
    }

    public MediaDescriptionBuilder extmap(ExtMap extmap) {
        return attribute(AttributeNames.EXTMAP, extmap.toSdpValue());
    }

    /** {@code a=extmap:<id> <uri>}. */
    public MediaDescriptionBuilder extmap(int id, String uri) {
        return extmap(new ExtMap(id, uri));
    }

    public MediaDescriptionBuilder ssrc(SsrcAttribute ssrc) {
        return attribute(AttributeNames.SSRC, ssrc.toSdpValue());
    }

    /** {@code a=ssrc:<ssrc> <attribute>:<value>}, e.g. {@code cname}. */
    public MediaDescriptionBuilder ssrc(long ssrc, String attribute, String value) {
        return ssrc(new SsrcAttribute(ssrc, attribute, value));
    }

    public MediaDescriptionBuilder ssrcGroup(SsrcGroup group) {
        return attribute(AttributeNames.SSRC_GROUP, group.toSdpValue());
    }

    /** {@code a=ssrc-group:<semantics> <ssrc>...}, e.g. {@code FID} with the RTX SSRC second. */
    public MediaDescriptionBuilder ssrcGroup(String semantics, long... ssrcs) {
        return ssrcGroup(SsrcGroup.of(semantics, ssrcs));
    }

    public MediaDescriptionBuilder msid(Msid msid) {
        return attribute(AttributeNames.MSID, msid.toSdpValue());
    }

    /** {@code a=msid:<stream id> <track id>} (RFC 8830 §2). */
    public MediaDescriptionBuilder msid(String streamId, String trackId) {
        return msid(new Msid(streamId, trackId));
    }

    public MediaDescriptionBuilder rid(Rid rid) {
        return attribute(AttributeNames.RID, rid.toSdpValue());
    }

    /** {@code a=rid:<id> <send|recv>}. */
    public MediaDescriptionBuilder rid(String id, RidDirection direction) {
        return rid(new Rid(id, direction));
    }

    public MediaDescriptionBuilder simulcast(Simulcast simulcast) {
        return attribute(AttributeNames.SIMULCAST, simulcast.toSdpValue());
    }

    /** {@code a=candidate:<value>} from a candidate (its {@link IceCandidate#toSdpValue()}). */
    public MediaDescriptionBuilder candidate(IceCandidate candidate) {
        return attribute(AttributeNames.CANDIDATE, candidate.toSdpValue());
    }

    /** {@code a=candidate:<value>} as written, e.g. with extensions {@link IceCandidate} does not keep. */
    public MediaDescriptionBuilder candidate(String value) {
        return attribute(AttributeNames.CANDIDATE, value);
    }

    /** {@code a=end-of-candidates} (RFC 8840 §8.2). */
    public MediaDescriptionBuilder endOfCandidates() {
        return attribute(AttributeNames.END_OF_CANDIDATES);
    }

    /** {@code a=rtcp-mux} (RFC 5761 §5.1.1). */
    public MediaDescriptionBuilder rtcpMux() {
        return attribute(AttributeNames.RTCP_MUX);
    }

    /** {@code a=rtcp-rsize} (RFC 5506 §5). */
    public MediaDescriptionBuilder rtcpRsize() {
        return attribute(AttributeNames.RTCP_RSIZE);
    }

    /** {@code a=bundle-only} (RFC 8843 §6). */
    public MediaDescriptionBuilder bundleOnly() {
        return attribute(AttributeNames.BUNDLE_ONLY);
    }

    /** {@code a=sctp-port:<port>} (RFC 8841 §5). */
    public MediaDescriptionBuilder sctpPort(int port) {
        return attribute(AttributeNames.SCTP_PORT, Integer.toString(port));
    }

    /** {@code a=max-message-size:<bytes>} (RFC 8841 §6). */
    public MediaDescriptionBuilder maxMessageSize(long bytes) {
        return attribute(AttributeNames.MAX_MESSAGE_SIZE, Long.toString(bytes));
    }

    /**
     * @throws IllegalStateException    if the m-line has no format
     * @throws IllegalArgumentException if the m-line is otherwise invalid (e.g. a non-numeric RTP format)
     */
    public MediaDescription build() {
        if (formats.isEmpty()) {
            throw new IllegalStateException("an m= line needs at least one format");
        }
        return new MediaDescription(mediaType, port, portCount, protocol, formats, information, connections,
                bandwidths, encryptionKey, attributes);
    }
}
