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
import org.opensfu.core.sdp.SetupRole;
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
                    SubscribedMedia subscription = new SubscribedMedia(mid.get(), request.trackId(), request.ssrc(),
                            codec.get().payloadType(), acceptedExtensions(section, kind, false));
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

    private static Optional<PublishedMedia> publication(MediaDescription section, MediaKind kind) {
        Optional<Codec> codec = preferredCodec(section, kind);
        if (codec.isEmpty()) {
            return Optional.empty();
        }
        long ssrc = 0;
        long rtxSsrc = 0;
        for (SsrcGroup group : section.ssrcGroups()) {
            if (SsrcGroup.FID.equals(group.semantics()) && group.ssrcs().size() == 2) {
                ssrc = group.ssrcs().get(0);
                rtxSsrc = group.ssrcs().get(1);
                break;
            }
        }
        if (ssrc == 0 && !section.ssrcIds().isEmpty()) {
            ssrc = section.ssrcIds().get(0);
        }
        if (ssrc == 0) {
            return Optional.empty(); // without a=ssrc the stream cannot be recognized (rid-only simulcast)
        }
        boolean rtx = rtxSsrc != 0 && rtxFor(section, codec.get()).isPresent();
        boolean pli = kind == MediaKind.VIDEO && codec.get().hasFeedback(RtcpFeedback.NACK, RtcpFeedback.PLI);
        return Optional.of(new PublishedMedia(section.mid().orElseThrow(), kind, (int) ssrc,
                rtx ? (int) rtxSsrc : 0, codec.get().payloadType(), codec.get().clockRateHz(),
                acceptedExtensions(section, kind, true), pli));
    }

    /**
     * The extensions we accept, with the offer's IDs: on what a client sends us, the ones we read or forward; on what
     * we send, only the ones we forward.
     */
    private static HeaderExtensionMap acceptedExtensions(MediaDescription section, MediaKind kind,
                                                         boolean publishing) {
        Map<HeaderExtension, Integer> accepted = new EnumMap<>(HeaderExtension.class);
        for (ExtMap extmap : section.extmaps()) {
            Optional<HeaderExtension> extension = HeaderExtension.byUri(extmap.uri());
            if (extension.isEmpty()) {
                continue;
            }
            boolean wanted = switch (extension.get()) {
                case AUDIO_LEVEL -> kind == MediaKind.AUDIO;
                case VIDEO_ORIENTATION -> kind == MediaKind.VIDEO;
                case MID -> publishing;
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
        List<RtcpFeedback> feedback = kind == MediaKind.VIDEO ? videoFeedback(codec) : List.of();
        section.codec(new Codec(codec.rtpMap(), codec.parameters(), feedback));
        if (media.rtxSsrc() != 0) {
            Codec rtx = rtxFor(offered, codec).orElseThrow();
            section.format(rtx.payloadType());
            section.codec(new Codec(rtx.rtpMap(), rtx.parameters(), List.of()));
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
        List<RtcpFeedback> feedback = kind == MediaKind.VIDEO ? videoFeedback(codec) : List.of();
        section.codec(new Codec(codec.rtpMap(), codec.parameters(), feedback));
        long ssrc = Integer.toUnsignedLong(request.ssrc());
        section.ssrc(ssrc, "cname", request.cname());
        section.ssrc(ssrc, "msid", request.streamId() + " " + request.trackId());
        return finish(section, local);
    }

    private static MediaDescription inactiveAnswer(MediaDescription offered, Codec codec, LocalTransportInfo local) {
        MediaDescriptionBuilder section = start(offered, List.of(codec.payloadType()), local);
        section.direction(Direction.INACTIVE);
        section.codec(new Codec(codec.rtpMap(), codec.parameters(), List.of()));
        return finish(section, local);
    }

    /** PLI and FIR for keyframes, where the client offered them for this codec. */
    private static List<RtcpFeedback> videoFeedback(Codec codec) {
        List<RtcpFeedback> feedback = new ArrayList<>();
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
