package org.opensfu.core.negotiation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opensfu.core.router.MediaKind;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.rtp.HeaderExtensionMap;
import org.opensfu.core.sdp.Codec;
import org.opensfu.core.sdp.Connection;
import org.opensfu.core.sdp.Direction;
import org.opensfu.core.sdp.ExtMap;
import org.opensfu.core.sdp.IceDtlsParameters;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.MediaDescriptionBuilder;
import org.opensfu.core.sdp.MsidSemantic;
import org.opensfu.core.sdp.Origin;
import org.opensfu.core.sdp.RtcpFeedback;
import org.opensfu.core.sdp.SdpParseException;
import org.opensfu.core.sdp.SessionDescription;
import org.opensfu.core.sdp.SessionDescriptionBuilder;
import org.opensfu.core.sdp.RidDirection;
import org.opensfu.core.sdp.SetupRole;
import org.opensfu.core.sdp.Simulcast;
import org.opensfu.core.sdp.SsrcGroup;
import org.opensfu.core.transport.RemoteTransportParameters;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;

/**
 * Answers a client's offer for its one peer connection (JSEP, RFC 8829 §5.3), as an SFU that never offers itself:
 * <ul>
 *   <li>every m-section keeps its place and mid; all accepted ones are bundled on one transport (RFC 8843), with our
 *       ICE credentials, candidates and fingerprint, and {@code a=setup:passive}: we are always the DTLS server;</li>
 *   <li>a sending m-section ({@code sendonly}/{@code sendrecv}) is a <b>publication</b>: we accept Opus or VP8 (with
 *       RTX) and answer {@code recvonly};</li>
 *   <li>a {@code recvonly} m-section named in the client's subscriptions is a <b>subscription</b>: we answer
 *       {@code sendonly} with the subscriber's payload type, {@code a=msid} and our {@code a=ssrc}; any other
 *       receiving m-section is answered {@code inactive};</li>
 *   <li>a stopped m-section (port 0), a data channel or an unsupported codec is rejected (port 0).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class OfferAnswerNegotiator {
    /** More m-sections than this in one offer is refused: a client needs a handful per participant. */
    public static final int MAX_MEDIA_SECTIONS = 256;
    /** Simulcast encodings accepted per m-section. */
    public static final int MAX_SIMULCAST_LAYERS = 4;
    private static final String OPUS = "opus";
    private static final String VP8 = "VP8";

    /**
     * Answers {@code offerSdp}.
     *
     * @param local         our transport's ICE credentials, fingerprint and candidates
     * @param subscriptions for each recvonly mid the client wants a track on, what to send there
     * @param answerVersion the {@code o=} session version, to be increased with every answer to the same client
     * @throws NegotiationException if the offer cannot be answered at all; the message says why
     */
    public Negotiation answer(String offerSdp, LocalTransportInfo local, Map<String, SubscriptionRequest> subscriptions,
                              long answerVersion) throws NegotiationException {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(offerSdp);
        } catch (SdpParseException e) {
            throw new NegotiationException("invalid SDP: " + e.getMessage());
        }
        List<MediaDescription> sections = offer.media();
        if (sections.isEmpty()) {
            throw new NegotiationException("the offer has no media sections");
        }
        if (sections.size() > MAX_MEDIA_SECTIONS) {
            throw new NegotiationException("the offer has " + sections.size() + " media sections; at most "
                    + MAX_MEDIA_SECTIONS + " are accepted");
        }
        List<String> bundle = offer.bundleMids();
        if (bundle.isEmpty()) {
            throw new NegotiationException("the offer has no BUNDLE group (a=group:BUNDLE is required)");
        }
        RemoteTransportParameters remote = remoteTransport(offer, bundle);

        SessionDescriptionBuilder answer = SessionDescription.builder()
                .origin(Origin.of(Integer.toUnsignedLong(local.ice().ufrag().hashCode()), answerVersion))
                .sessionName("-")
                .msidSemantic(new MsidSemantic(MsidSemantic.WMS, List.of("*")));
        if (offer.extmapAllowMixed()) {
            answer.extmapAllowMixed();
        }
        List<String> answeredBundle = new ArrayList<>();
        List<PublishedMedia> published = new ArrayList<>();
        List<SubscribedMedia> subscribed = new ArrayList<>();
        for (MediaDescription section : sections) {
            Optional<String> mid = section.mid();
            MediaKind kind = kindOf(section);
            if (section.isRejected() || mid.isEmpty() || !bundle.contains(mid.get()) || kind == null
                    || !MediaDescription.UDP_TLS_RTP_SAVPF.equals(section.protocol())) {
                answer.media(rejected(section));
                continue;
            }
            Direction direction = offer.effectiveDirection(section);
            MediaDescription answered;
            if (direction.sends()) {
                Optional<PublishedMedia> publication = publication(section, kind);
                if (publication.isEmpty()) {
                    answer.media(rejected(section));
                    continue;
                }
                published.add(publication.get());
                answered = publicationAnswer(section, kind, publication.get(), local);
            } else {
                SubscriptionRequest request = direction.receives() ? subscriptions.get(mid.get()) : null;
                Optional<Codec> codec = preferredCodec(section, kind);
                if (codec.isEmpty()) {
                    answer.media(rejected(section));
                    continue;
                }
                if (request != null && request.kind() == kind) {
                    HeaderExtensionMap extensions = acceptedExtensions(section, kind, false);
                    int rtxPayloadType = kind == MediaKind.VIDEO
                            ? rtxFor(section, codec.get()).map(Codec::payloadType).orElse(-1) : -1;
                    SubscribedMedia subscription = new SubscribedMedia(mid.get(), request.trackId(), request.ssrc(),
                            codec.get().payloadType(), rtxPayloadType >= 0 ? request.rtxSsrc() : 0, rtxPayloadType,
                            extensions, codec.get().hasFeedback(RtcpFeedback.TRANSPORT_CC, null)
                                    && extensions.id(HeaderExtension.TRANSPORT_CC) != 0);
                    subscribed.add(subscription);
                    answered = subscriptionAnswer(section, kind, codec.get(), request, subscription, local);
                } else {
                    answered = inactiveAnswer(section, codec.get(), local);
                }
            }
            answer.media(answered);
            answeredBundle.add(mid.get());
        }
        if (answeredBundle.isEmpty()) {
            throw new NegotiationException("no media section of the offer can be accepted");
        }
        answer.bundle(answeredBundle);
        return new Negotiation(answer.build().write(), remote, published, subscribed);
    }

    private static RemoteTransportParameters remoteTransport(SessionDescription offer, List<String> bundle)
            throws NegotiationException {
        MediaDescription tagged = offer.mediaByMid(bundle.get(0))
                .orElseThrow(() -> new NegotiationException("the BUNDLE group names mid '" + bundle.get(0)
                        + "', which no media section has"));
        IceDtlsParameters parameters = offer.iceDtlsParameters(tagged);
        IceParameters ice;
        try {
            ice = parameters.iceParameters().orElseThrow(() ->
                    new NegotiationException("the offer has no ICE credentials (a=ice-ufrag and a=ice-pwd)"));
        } catch (IllegalArgumentException e) {
            throw new NegotiationException("invalid ICE credentials: " + e.getMessage());
        }
        DtlsFingerprint fingerprint = parameters.fingerprint().orElseThrow(() ->
                new NegotiationException("the offer has no usable DTLS fingerprint (sha-256, sha-384, sha-512 or "
                        + "sha-1)"));
        SetupRole setup = parameters.setup();
        if (setup != null && setup != SetupRole.ACTPASS && setup != SetupRole.ACTIVE) {
            throw new NegotiationException("a=setup:" + setup.sdpValue() + " is not supported: the SFU is the DTLS "
                    + "server, so offer a=setup:actpass (or active)");
        }
        List<IceCandidate> candidates = new ArrayList<>();
        for (MediaDescription section : offer.media()) {
            for (IceCandidate candidate : section.candidates()) {
                if (!candidates.contains(candidate)) {
                    candidates.add(candidate);
                }
            }
        }
        return new RemoteTransportParameters(ice, candidates, fingerprint);
    }

    private static MediaKind kindOf(MediaDescription section) {
        return switch (section.mediaType()) {
            case MediaDescription.AUDIO -> MediaKind.AUDIO;
            case MediaDescription.VIDEO -> MediaKind.VIDEO;
            default -> null;
        };
    }

    /** Opus for audio, VP8 for video: the codecs the SFU forwards. */
    private static Optional<Codec> preferredCodec(MediaDescription section, MediaKind kind) {
        String wanted = kind == MediaKind.AUDIO ? OPUS : VP8;
        int clockRateHz = kind == MediaKind.AUDIO ? 48_000 : 90_000;
        return section.codecs().stream()
                .filter(c -> c.encodingName().equalsIgnoreCase(wanted) && c.clockRateHz() == clockRateHz)
                .findFirst();
    }

    private static Optional<Codec> rtxFor(MediaDescription section, Codec codec) {
        return section.codecs().stream()
                .filter(c -> c.isRtx() && c.associatedPayloadType().orElse(-1) == codec.payloadType())
                .findFirst();
    }

    /**
     * What the client publishes on a sending m-section: its codec and its encodings. Simulcast is recognized by rid
     * ({@code a=rid} + {@code a=simulcast:send}, RFC 8851/8853; the SSRCs are then learned from the rid header
     * extension of the first packets) or by an {@code a=ssrc-group:SIM} (lowest first) with FID groups for RTX.
     */
    private static Optional<PublishedMedia> publication(MediaDescription section, MediaKind kind) {
        Optional<Codec> codec = preferredCodec(section, kind);
        if (codec.isEmpty()) {
            return Optional.empty();
        }
        Optional<Codec> rtx = kind == MediaKind.VIDEO ? rtxFor(section, codec.get()) : Optional.empty();
        HeaderExtensionMap extensions = acceptedExtensions(section, kind, true);
        List<PublishedLayer> layers = new ArrayList<>();
        List<String> sendRids = section.simulcast().map(Simulcast::sendRids).orElse(List.of());
        if (kind == MediaKind.VIDEO && !sendRids.isEmpty()) {
            if (extensions.id(HeaderExtension.RTP_STREAM_ID) == 0 || extensions.id(HeaderExtension.MID) == 0) {
                return Optional.empty(); // without the rid and mid extensions the layers cannot be told apart
            }
            for (String rid : sendRids.subList(0, Math.min(sendRids.size(), MAX_SIMULCAST_LAYERS))) {
                layers.add(new PublishedLayer(rid, 0, 0));
            }
        } else {
            Map<Long, Long> rtxOf = new LinkedHashMap<>();
            List<Long> simulcast = List.of();
            for (SsrcGroup group : section.ssrcGroups()) {
                if (SsrcGroup.FID.equals(group.semantics()) && group.ssrcs().size() == 2) {
                    rtxOf.put(group.ssrcs().get(0), group.ssrcs().get(1));
                } else if (SsrcGroup.SIM.equals(group.semantics()) && kind == MediaKind.VIDEO) {
                    simulcast = group.ssrcs();
                }
            }
            List<Long> media = !simulcast.isEmpty() ? simulcast
                    : !rtxOf.isEmpty() ? List.of(rtxOf.keySet().iterator().next())
                    : section.ssrcIds().isEmpty() ? List.of() : List.of(section.ssrcIds().get(0));
            for (long ssrc : media.subList(0, Math.min(media.size(), MAX_SIMULCAST_LAYERS))) {
                long rtxSsrc = rtx.isPresent() ? rtxOf.getOrDefault(ssrc, 0L) : 0L;
                layers.add(new PublishedLayer(null, (int) ssrc, (int) rtxSsrc));
            }
        }
        if (layers.isEmpty()) {
            return Optional.empty(); // neither a=ssrc nor rids: the stream could not be recognized
        }
        boolean pli = kind == MediaKind.VIDEO && codec.get().hasFeedback(RtcpFeedback.NACK, RtcpFeedback.PLI);
        boolean nack = kind == MediaKind.VIDEO && codec.get().hasFeedback(RtcpFeedback.NACK, null);
        boolean transportCc = codec.get().hasFeedback(RtcpFeedback.TRANSPORT_CC, null)
                && extensions.id(HeaderExtension.TRANSPORT_CC) != 0;
        return Optional.of(new PublishedMedia(section.mid().orElseThrow(), kind, layers, codec.get().payloadType(),
                codec.get().clockRateHz(), rtx.map(Codec::payloadType).orElse(-1), extensions, pli, nack,
                transportCc));
    }

    /**
     * The extensions we accept, with the offer's IDs: on what a client sends us, the ones we read or forward; on what
     * we send, the ones we forward, and transport-cc, which we stamp ourselves.
     */
    private static HeaderExtensionMap acceptedExtensions(MediaDescription section, MediaKind kind,
                                                         boolean publishing) {
        Map<HeaderExtension, Integer> accepted = new EnumMap<>(HeaderExtension.class);
        for (ExtMap extmap : section.extmaps()) {
            Optional<HeaderExtension> extension = HeaderExtension.byUri(extmap.uri());
            if (extension.isEmpty() || extmap.id() > 14) {
                continue; // IDs above 14 would force the two-byte form on every packet we rewrite
            }
            boolean wanted = switch (extension.get()) {
                case AUDIO_LEVEL -> kind == MediaKind.AUDIO;
                case VIDEO_ORIENTATION -> kind == MediaKind.VIDEO;
                case TRANSPORT_CC -> true;
                case MID -> publishing;
                case RTP_STREAM_ID, REPAIRED_RTP_STREAM_ID -> publishing && kind == MediaKind.VIDEO;
                default -> false;
            };
            if (wanted) {
                accepted.put(extension.get(), extmap.id());
            }
        }
        return new HeaderExtensionMap(accepted);
    }

    private static MediaDescription publicationAnswer(MediaDescription offered, MediaKind kind, PublishedMedia media,
                                                      LocalTransportInfo local) {
        Codec codec = offered.codec(media.payloadType()).orElseThrow();
        MediaDescriptionBuilder section = start(offered, List.of(codec.payloadType()), local);
        addExtensions(section, media.extensions());
        section.direction(Direction.RECVONLY);
        section.codec(new Codec(codec.rtpMap(), codec.parameters(), feedback(codec, kind, media.transportCc())));
        if (media.rtxPayloadType() >= 0) {
            Codec rtx = offered.codec(media.rtxPayloadType()).orElseThrow();
            section.codec(new Codec(rtx.rtpMap(), rtx.parameters(), List.of()));
        }
        if (media.layers().get(0).rid() != null) {
            List<String> rids = new ArrayList<>();
            for (PublishedLayer layer : media.layers()) {
                section.rid(layer.rid(), RidDirection.RECV);
                rids.add(layer.rid());
            }
            section.simulcast(Simulcast.recv(rids.toArray(String[]::new)));
        }
        return finish(section, local);
    }

    private static MediaDescription subscriptionAnswer(MediaDescription offered, MediaKind kind, Codec codec,
                                                       SubscriptionRequest request, SubscribedMedia media,
                                                       LocalTransportInfo local) {
        MediaDescriptionBuilder section = start(offered, List.of(codec.payloadType()), local);
        addExtensions(section, media.extensions());
        section.direction(Direction.SENDONLY);
        section.msid(request.streamId(), request.trackId());
        section.codec(new Codec(codec.rtpMap(), codec.parameters(), feedback(codec, kind, media.transportCc())));
        long ssrc = Integer.toUnsignedLong(request.ssrc());
        if (media.rtxPayloadType() >= 0) {
            Codec rtx = offered.codec(media.rtxPayloadType()).orElseThrow();
            section.codec(new Codec(rtx.rtpMap(), rtx.parameters(), List.of()));
            long rtxSsrc = Integer.toUnsignedLong(media.rtxSsrc());
            section.ssrcGroup(SsrcGroup.FID, ssrc, rtxSsrc);
            addSsrc(section, ssrc, request);
            addSsrc(section, rtxSsrc, request);
        } else {
            addSsrc(section, ssrc, request);
        }
        return finish(section, local);
    }

    private static void addSsrc(MediaDescriptionBuilder section, long ssrc, SubscriptionRequest request) {
        section.ssrc(ssrc, "cname", request.cname());
        section.ssrc(ssrc, "msid", request.streamId() + " " + request.trackId());
    }

    private static MediaDescription inactiveAnswer(MediaDescription offered, Codec codec, LocalTransportInfo local) {
        MediaDescriptionBuilder section = start(offered, List.of(codec.payloadType()), local);
        section.direction(Direction.INACTIVE);
        section.codec(new Codec(codec.rtpMap(), codec.parameters(), List.of()));
        return finish(section, local);
    }

    /**
     * The RTCP feedback we accept for a codec, where the client offered it: transport-cc (congestion control), and
     * for video generic NACK (loss repair, RFC 4585 §6.2.1), PLI and FIR (keyframes).
     */
    private static List<RtcpFeedback> feedback(Codec codec, MediaKind kind, boolean transportCc) {
        List<RtcpFeedback> feedback = new ArrayList<>();
        if (transportCc) {
            feedback.add(new RtcpFeedback(codec.payloadType(), RtcpFeedback.TRANSPORT_CC));
        }
        if (kind == MediaKind.AUDIO) {
            return feedback;
        }
        if (codec.hasFeedback(RtcpFeedback.NACK, null)) {
            feedback.add(new RtcpFeedback(codec.payloadType(), RtcpFeedback.NACK));
        }
        if (codec.hasFeedback(RtcpFeedback.NACK, RtcpFeedback.PLI)) {
            feedback.add(new RtcpFeedback(codec.payloadType(), RtcpFeedback.NACK, RtcpFeedback.PLI));
        }
        if (codec.hasFeedback(RtcpFeedback.CCM, RtcpFeedback.FIR)) {
            feedback.add(new RtcpFeedback(codec.payloadType(), RtcpFeedback.CCM, RtcpFeedback.FIR));
        }
        return feedback;
    }

    private static MediaDescriptionBuilder start(MediaDescription offered, List<Integer> payloadTypes,
                                                 LocalTransportInfo local) {
        MediaDescriptionBuilder section = MediaDescription.builder(offered.mediaType(), 9, offered.protocol(),
                payloadTypes.stream().map(String::valueOf).toList());
        section.connection(new Connection("IN", "IP4", "0.0.0.0"));
        section.mid(offered.mid().orElseThrow());
        section.iceUfrag(local.ice().ufrag());
        section.icePassword(local.ice().password());
        section.fingerprint(local.fingerprint());
        section.setup(SetupRole.PASSIVE);
        return section;
    }

    private static void addExtensions(MediaDescriptionBuilder section, HeaderExtensionMap extensions) {
        Map<Integer, String> byId = new LinkedHashMap<>();
        for (Map.Entry<HeaderExtension, Integer> entry : extensions.asMap().entrySet()) {
            byId.put(entry.getValue(), entry.getKey().uri());
        }
        byId.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> section.extmap(e.getKey(), e.getValue()));
    }

    private static MediaDescription finish(MediaDescriptionBuilder section, LocalTransportInfo local) {
        section.rtcpMux();
        section.rtcpRsize();
        for (IceCandidate candidate : local.candidates()) {
            section.candidate(candidate);
        }
        section.endOfCandidates();
        return section.build();
    }

    /** Port 0, the offer's formats, its mid (RFC 8829 §5.3.1: a rejected m-section keeps its place). */
    private static MediaDescription rejected(MediaDescription offered) {
        List<String> formats = offered.formats().isEmpty() ? List.of("0") : offered.formats();
        MediaDescriptionBuilder section = MediaDescription.builder(offered.mediaType(), 0, offered.protocol(),
                formats);
        offered.mid().ifPresent(section::mid);
        return section.build();
    }
}
