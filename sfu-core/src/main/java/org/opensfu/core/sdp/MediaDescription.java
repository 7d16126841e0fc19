package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.opensfu.core.transport.ice.IceCandidate;

/**
 * One media section (RFC 8866 §5.14): the {@code m=<media> <port>[/<count>] <proto> <fmt>...} line, then the
 * optional {@code i=}, {@code c=}, {@code b=} and {@code k=} lines, then its attributes in their original order.
 * Immutable; make one with {@link #builder} or {@link SessionDescription#parse}.
 *
 * <p>Formats are the m-line's strings. For RTP protocols (any proto with an {@code RTP} part, such as
 * {@code UDP/TLS/RTP/SAVPF}) they must be payload types 0-127, written without leading zeros, and
 * {@link #payloadTypes()} gives them as numbers. For other protocols (e.g. {@code UDP/DTLS/SCTP}
 * {@code webrtc-datachannel}) they are tokens.
 *
 * <p>Typed readers compute their result from the attributes on each call and never throw; see
 * {@link TypedAttributes} for what is checked at parse time and what is skipped.
 *
 * @param portCount     the {@code /<count>} of the port field, or null
 * @param information   the {@code i=} line, or null
 * @param encryptionKey the obsolete {@code k=} line, kept as written, or null
 */
public record MediaDescription(String mediaType, int port, Integer portCount, String protocol, List<String> formats,
                               String information, List<Connection> connections, List<Bandwidth> bandwidths,
                               String encryptionKey, List<Attribute> attributes) implements HasAttributes {
    public static final String AUDIO = "audio";
    public static final String VIDEO = "video";
    public static final String APPLICATION = "application";
    /** The protocol of WebRTC audio and video (RFC 8829 §5.1.2). */
    public static final String UDP_TLS_RTP_SAVPF = "UDP/TLS/RTP/SAVPF";
    /** The protocol of WebRTC data channels (RFC 8841 §4.1). */
    public static final String UDP_DTLS_SCTP = "UDP/DTLS/SCTP";

    public MediaDescription {
        formats = List.copyOf(formats);
        checkMLine(mediaType, port, portCount, protocol, formats);
        if (information != null) {
            SdpSyntax.requireText(information, "i= line");
        }
        if (encryptionKey != null) {
            SdpSyntax.requireText(encryptionKey, "k= line");
        }
        connections = List.copyOf(connections);
        bandwidths = List.copyOf(bandwidths);
        attributes = List.copyOf(attributes);
    }

    /** A builder for an m-section with this m-line; formats may be added later ({@code format}, {@code codec}). */
    public static MediaDescriptionBuilder builder(String mediaType, int port, String protocol, List<String> formats) {
        return new MediaDescriptionBuilder(mediaType, port, protocol, formats);
    }

    public static MediaDescriptionBuilder builder(String mediaType, int port, String protocol) {
        return new MediaDescriptionBuilder(mediaType, port, protocol, List.of());
    }

    /** A builder holding a copy of this section, to change it. */
    public MediaDescriptionBuilder toBuilder() {
        return new MediaDescriptionBuilder(this);
    }

    // ---- m-line --------------------------------------------------------------------------------------------------

    /** True if the protocol carries RTP, so the formats are payload types. */
    public boolean isRtp() {
        return isRtpProtocol(protocol);
    }

    /** The formats as payload types (RTP protocols), in m-line order; empty for other protocols. */
    public List<Integer> payloadTypes() {
        if (!isRtp()) {
            return List.of();
        }
        return formats.stream().map(Integer::valueOf).toList();
    }

    /** {@code a=bundle-only} (RFC 8843 §6): port 0 in an offer that does not mean rejection. */
    public boolean bundleOnly() {
        return hasAttribute(AttributeNames.BUNDLE_ONLY);
    }

    /** Port 0 without {@code a=bundle-only}: a rejected or stopped m-section (RFC 8829 §5.2.2, RFC 3264 §6). */
    public boolean isRejected() {
        return port == 0 && !bundleOnly();
    }

    // ---- identification and direction ---------------------------------------------------------------------------

    /** {@code a=mid} (RFC 5888 §4). */
    public Optional<String> mid() {
        return TypedAttributes.first(attributes, AttributeNames.MID, TypedAttributes::parseMid);
    }

    /**
     * The direction attribute of this section, {@link Direction#SENDRECV} when it has none (RFC 8866 §6.7). A
     * session-level direction is not consulted here; {@link SessionDescription#effectiveDirection} does that.
     */
    public Direction direction() {
        return directionAttribute().orElse(Direction.SENDRECV);
    }

    // ---- codecs --------------------------------------------------------------------------------------------------

    /** Every {@code a=rtpmap}, in attribute order. */
    public List<RtpMap> rtpMaps() {
        return TypedAttributes.all(attributes, AttributeNames.RTPMAP, RtpMap::parse);
    }

    /** The first {@code a=rtpmap} of this payload type. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        return rtpMaps().stream().filter(r -> r.payloadType() == payloadType).findFirst();
    }

    /** Every {@code a=fmtp}, in attribute order. */
    public List<Fmtp> fmtps() {
        return TypedAttributes.all(attributes, AttributeNames.FMTP, Fmtp::parse);
    }

    /** The parameters of the first {@code a=fmtp} of this payload type as an ordered map; empty if none. */
    public Map<String, String> fmtp(int payloadType) {
        return fmtps().stream().filter(f -> f.payloadType() == payloadType).findFirst()
                .map(Fmtp::parameterMap).orElse(Map.of());
    }

    /** Every {@code a=rtcp-fb}, in attribute order; wildcards have {@link RtcpFeedback#ANY_PAYLOAD_TYPE}. */
    public List<RtcpFeedback> rtcpFeedbacks() {
        return TypedAttributes.all(attributes, AttributeNames.RTCP_FB, RtcpFeedback::parse);
    }

    /** The {@code a=rtcp-fb} lines that apply to this payload type, its own and {@code *} ones, in order. */
    public List<RtcpFeedback> rtcpFeedback(int payloadType) {
        return rtcpFeedbacks().stream().filter(f -> f.appliesTo(payloadType)).toList();
    }

    /**
     * The payload formats in m-line order, each with its rtpmap, fmtp parameters and feedback (see {@link Codec}).
     * Payload types without an {@code a=rtpmap} (static types written bare) are left out, as are repeats of a
     * payload type on the m-line; non-RTP sections give an empty list.
     */
    public List<Codec> codecs() {
        if (!isRtp()) {
            return List.of();
        }
        Map<Integer, RtpMap> maps = new LinkedHashMap<>();
        for (RtpMap r : rtpMaps()) {
            maps.putIfAbsent(r.payloadType(), r);
        }
        Map<Integer, Map<String, String>> params = new LinkedHashMap<>();
        for (Fmtp f : fmtps()) {
            params.putIfAbsent(f.payloadType(), f.parameterMap());
        }
        List<RtcpFeedback> feedback = rtcpFeedbacks();
        List<Codec> out = new ArrayList<>();
        for (int pt : payloadTypes().stream().distinct().toList()) {
            RtpMap map = maps.get(pt);
            if (map != null) {
                List<RtcpFeedback> fb = feedback.stream().filter(f -> f.appliesTo(pt)).toList();
                try {
                    out.add(new Codec(map, params.getOrDefault(pt, Map.of()), fb));
                } catch (IllegalArgumentException e) {
                    // cannot happen for parsed maps (see Fmtp.of); readers never throw all the same
                }
            }
        }
        return List.copyOf(out);
    }

    /** The codec of this payload type, if the m-line lists it and it has an rtpmap. */
    public Optional<Codec> codec(int payloadType) {
        return codecs().stream().filter(c -> c.payloadType() == payloadType).findFirst();
    }

    // ---- header extensions, sources, simulcast --------------------------------------------------------------------

    /** Every {@code a=extmap}, in order. */
    public List<ExtMap> extmaps() {
        return TypedAttributes.all(attributes, AttributeNames.EXTMAP, ExtMap::parse);
    }

    /** The id of the first {@code a=extmap} with this URI. */
    public OptionalInt extmapId(String uri) {
        return extmaps().stream().filter(e -> e.uri().equals(uri)).mapToInt(ExtMap::id).findFirst();
    }

    /** Every {@code a=ssrc} line, in order. */
    public List<SsrcAttribute> ssrcs() {
        return TypedAttributes.all(attributes, AttributeNames.SSRC, SsrcAttribute::parse);
    }

    /** The distinct SSRCs of the {@code a=ssrc} lines, in order of first appearance. */
    public List<Long> ssrcIds() {
        return ssrcs().stream().map(SsrcAttribute::ssrc).distinct().toList();
    }

    /** Every {@code a=ssrc-group}, in order. */
    public List<SsrcGroup> ssrcGroups() {
        return TypedAttributes.all(attributes, AttributeNames.SSRC_GROUP, SsrcGroup::parse);
    }

    /** Every {@code a=rid}, in order. */
    public List<Rid> rids() {
        return TypedAttributes.all(attributes, AttributeNames.RID, Rid::parse);
    }

    /** The first {@code a=simulcast}. */
    public Optional<Simulcast> simulcast() {
        return TypedAttributes.first(attributes, AttributeNames.SIMULCAST, Simulcast::parse);
    }

    /** The first {@code a=msid}. */
    public Optional<Msid> msid() {
        return TypedAttributes.first(attributes, AttributeNames.MSID, Msid::parse);
    }

    /** Every {@code a=msid} (a track may belong to several streams, RFC 8830 §2). */
    public List<Msid> msids() {
        return TypedAttributes.all(attributes, AttributeNames.MSID, Msid::parse);
    }

    // ---- transport -----------------------------------------------------------------------------------------------

    /** The {@code a=candidate} lines that {@link IceCandidate#parse} reads, in order; others are skipped. */
    public List<IceCandidate> candidates() {
        return TypedAttributes.all(attributes, AttributeNames.CANDIDATE, IceCandidate::parse);
    }

    /** The raw values of every {@code a=candidate} line (without {@code candidate:}), in order. */
    public List<String> candidateValues() {
        return attributeValues(AttributeNames.CANDIDATE);
    }

    /** {@code a=end-of-candidates} (RFC 8840 §8.2). */
    public boolean endOfCandidates() {
        return hasAttribute(AttributeNames.END_OF_CANDIDATES);
    }

    /** {@code a=rtcp-mux} (RFC 5761 §5.1.1). */
    public boolean rtcpMux() {
        return hasAttribute(AttributeNames.RTCP_MUX);
    }

    /** {@code a=rtcp-mux-only} (RFC 8858 §3). */
    public boolean rtcpMuxOnly() {
        return hasAttribute(AttributeNames.RTCP_MUX_ONLY);
    }

    /** {@code a=rtcp-rsize} (RFC 5506 §5). */
    public boolean rtcpRsize() {
        return hasAttribute(AttributeNames.RTCP_RSIZE);
    }

    /** {@code a=sctp-port} of a data channel section (RFC 8841 §5). */
    public OptionalInt sctpPort() {
        return TypedAttributes.first(attributes, AttributeNames.SCTP_PORT,
                v -> SdpSyntax.parseInt(v.strip(), 0, 65535, "sctp-port")).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** {@code a=max-message-size} in bytes (RFC 8841 §6; 0 means no limit). */
    public OptionalLong maxMessageSize() {
        return TypedAttributes.first(attributes, AttributeNames.MAX_MESSAGE_SIZE,
                v -> SdpSyntax.parseLong(v.strip(), 0, Long.MAX_VALUE, "max-message-size"))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    // ---- writing -------------------------------------------------------------------------------------------------

    /** The text after {@code "m="}. */
    public String mLineValue() {
        return mediaType + " " + port + (portCount == null ? "" : "/" + portCount) + " " + protocol + " "
                + String.join(" ", formats);
    }

    void appendTo(StringBuilder sb) {
        line(sb, 'm', mLineValue());
        if (information != null) {
            line(sb, 'i', information);
        }
        for (Connection c : connections) {
            line(sb, 'c', c.toSdpValue());
        }
        for (Bandwidth b : bandwidths) {
            line(sb, 'b', b.toSdpValue());
        }
        if (encryptionKey != null) {
            line(sb, 'k', encryptionKey);
        }
        for (Attribute a : attributes) {
            line(sb, 'a', a.toSdpValue());
        }
    }

    static void line(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append("\r\n");
    }

    // ---- m-line checks, shared with the parser --------------------------------------------------------------------

    static boolean isRtpProtocol(String protocol) {
        for (String part : protocol.split("/")) {
            if (part.equals("RTP")) {
                return true;
            }
        }
        return false;
    }

    /** RFC 8866 §5.14: media token, port 0-65535, proto = token *("/" token), at least one fmt token. */
    static void checkMLine(String mediaType, int port, Integer portCount, String protocol, List<String> formats) {
        SdpSyntax.requireToken(mediaType, "m= media type");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("m= port " + port + " is not in 0-65535");
        }
        if (portCount != null && (portCount < 1 || portCount > 65535)) {
            throw new IllegalArgumentException("m= port count " + portCount + " is not in 1-65535");
        }
        if (protocol == null || protocol.isEmpty()) {
            throw new IllegalArgumentException("m= protocol is missing");
        }
        for (String part : protocol.split("/", -1)) {
            SdpSyntax.requireToken(part, "m= protocol part");
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("m= needs at least one format");
        }
        boolean rtp = isRtpProtocol(protocol);
        for (String f : formats) {
            if (rtp) {
                SdpSyntax.parseCanonicalInt(f, 0, 127, "m= payload type");
            } else {
                SdpSyntax.requireToken(f, "m= format");
            }
        }
    }
}
