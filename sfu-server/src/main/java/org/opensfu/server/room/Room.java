package org.opensfu.server.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.opensfu.api.ErrorCode;
import org.opensfu.api.ParticipantInfo;
import org.opensfu.api.stats.RoomStats;
import org.opensfu.api.TrackInfo;
import org.opensfu.api.TrackKind;
import org.opensfu.api.rest.RoomInfo;
import org.opensfu.api.signaling.Answer;
import org.opensfu.api.signaling.DominantSpeaker;
import org.opensfu.api.signaling.ForwardedVideo;
import org.opensfu.api.signaling.Joined;
import org.opensfu.api.signaling.Left;
import org.opensfu.api.signaling.Offer;
import org.opensfu.api.signaling.ParticipantJoined;
import org.opensfu.api.signaling.ParticipantLeft;
import org.opensfu.api.signaling.ServerMessage;
import org.opensfu.api.signaling.SetTrackConstraints;
import org.opensfu.api.signaling.TrackPublished;
import org.opensfu.api.signaling.TrackUnpublished;
import org.opensfu.core.engine.MediaEngine;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.negotiation.LocalTransportInfo;
import org.opensfu.core.negotiation.Negotiation;
import org.opensfu.core.negotiation.NegotiationException;
import org.opensfu.core.negotiation.OfferAnswerNegotiator;
import org.opensfu.core.negotiation.PublishedLayer;
import org.opensfu.core.negotiation.PublishedMedia;
import org.opensfu.core.negotiation.SubscribedMedia;
import org.opensfu.core.negotiation.SubscriptionRequest;
import org.opensfu.core.router.ConsumerSpec;
import org.opensfu.core.router.MediaKind;
import org.opensfu.core.router.Producer;
import org.opensfu.core.router.ProducerLayerSpec;
import org.opensfu.core.router.ProducerSpec;
import org.opensfu.core.router.Router;
import org.opensfu.core.router.RouterConfig;
import org.opensfu.core.router.RouterEndpoint;
import org.opensfu.core.router.RouterListener;
import org.opensfu.core.allocation.TrackConstraints;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room: its participants and their tracks (signaling state, guarded by this object's lock) and its {@link Router}
 * (media state, confined to the room's media loop). Every change of media state is queued on the loop in the order
 * the lock admits it, so the router always sees a consistent sequence.
 */
public final class Room implements RouterListener {
    private static final Logger LOG = LoggerFactory.getLogger(Room.class);

    private final String name;
    private final Instant createdAt;
    private final int maxParticipants;
    private final int maxTracksPerParticipant;
    private final int defaultLastN;
    private final boolean autoCreated;
    private final RoomService service;
    private final MediaEngine engine;
    private final MediaLoop loop;
    private final Router router;
    private final OfferAnswerNegotiator negotiator = new OfferAnswerNegotiator();

    // guarded by this
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Publication> tracks = new HashMap<>();
    /** Tracks a participant may hold constraints for (set before subscribing too, so also for unknown ids). */
    static final int MAX_TRACK_CONSTRAINTS = 1024;
    private boolean closed;
    /** The last dominant speaker announced, for participants who join later; null when none. Guarded by this. */
    private String dominantSpeakerId;

    Room(String name, Instant createdAt, int maxParticipants, ServerConfig.Rooms settings, boolean autoCreated,
         RoomService service, MediaEngine engine) {
        this.name = name;
        this.createdAt = createdAt;
        this.maxParticipants = maxParticipants;
        this.maxTracksPerParticipant = settings.maxTracksPerParticipant();
        this.defaultLastN = settings.lastN();
        this.autoCreated = autoCreated;
        this.service = service;
        this.engine = engine;
        this.loop = engine.loops().next();
        RouterConfig routerConfig = new RouterConfig(RouterConfig.DEFAULT.rtcpReportInterval(),
                RouterConfig.DEFAULT.keyframeMinInterval(), RouterConfig.DEFAULT.allocationInterval(),
                RouterConfig.DEFAULT.bwe(), RouterConfig.DEFAULT.allocator(), settings.skipSilence(),
                settings.retransmissions());
        this.router = new Router(name, loop, engine.pool(), engine.clock(), routerConfig, this,
                engine.transitTimes());
    }

    public String name() {
        return name;
    }

    public boolean autoCreated() {
        return autoCreated;
    }

    /** A snapshot of the room's media statistics, gathered on its media loop. */
    public CompletableFuture<RoomStats> stats() {
        CompletableFuture<RoomStats> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(RoomStatsCollector.collect(name, router, engine.clock().nowNanos()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The room's router. Confined to its media loop ({@link Router#loop()}): only for tasks run there (metrics). */
    public Router router() {
        return router;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized int participantCount() {
        return participants.size();
    }

    public synchronized RoomInfo info() {
        return new RoomInfo(name, createdAt.toString(), maxParticipants, participantInfos(null));
    }

    public synchronized List<ParticipantInfo> participantInfos(Participant except) {
        List<ParticipantInfo> infos = new ArrayList<>();
        for (Participant participant : participants.values()) {
            if (participant != except) {
                infos.add(participant.info());
            }
        }
        return infos;
    }

    public synchronized Participant participant(String participantId) {
        return participants.get(participantId);
    }

    /**
     * Adds a participant, sends it {@code joined} and tells the others. Sending under the lock guarantees that
     * {@code joined} reaches the participant before any room event does.
     *
     * @throws ApiException LIMIT_EXCEEDED when the room is full, UNAVAILABLE when it was just closed
     */
    public synchronized Participant join(String requestId, String displayName, ParticipantConnection connection) {
        if (closed) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "room " + name + " was just closed");
        }
        if (participants.size() >= maxParticipants) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "room " + name + " is full (" + maxParticipants + ")");
        }
        String id;
        do {
            id = Names.newId();
        } while (participants.containsKey(id));
        Participant participant = new Participant(id, displayName, connection, Instant.now());
        connection.send(new Joined(requestId, id, name, participantInfos(null)));
        if (dominantSpeakerId != null) {
            connection.send(new DominantSpeaker(dominantSpeakerId));
        }
        broadcast(new ParticipantJoined(participant.info()), null);
        participants.put(id, participant);
        LOG.info("room={} participant={} joined ({} in the room)", name, id, participants.size());
        return participant;
    }

    /**
     * Answers a participant's offer: creates its transport on the first one, then publishes, unpublishes, subscribes
     * and unsubscribes as the offer says, and tells the others about track changes.
     *
     * @throws ApiException BAD_REQUEST for an offer that cannot be answered, LIMIT_EXCEEDED for too many tracks
     */
    public synchronized Answer handleOffer(Participant participant, Offer offer) {
        checkMember(participant);
        if (offer.sdp() == null || offer.sdp().isBlank()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "offer without sdp");
        }
        Map<String, SubscriptionRequest> requests = subscriptionRequests(participant, offer);
        List<SubscribedMedia> subscribed = List.of();
        try {
            boolean first = participant.transport == null;
            RouterEndpoint endpoint = first ? router.createEndpoint(participant.id()) : participant.endpoint;
            WebRtcTransport transport = first ? engine.transports().create(participant.id(), loop, endpoint)
                    : participant.transport;
            Negotiation negotiation;
            try {
                negotiation = negotiator.answer(offer.sdp(), new LocalTransportInfo(transport.localIceParameters(),
                        transport.localFingerprint(), engine.transports().localCandidates()), requests,
                        ++participant.answerVersion);
            } catch (NegotiationException e) {
                if (first) {
                    transport.close();
                }
                throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
            }
            if (first) {
                participant.endpoint = endpoint;
                participant.transport = transport;
                participant.remoteIce = negotiation.remoteTransport().ice();
                int lastN = participant.lastN == null ? defaultLastN : participant.lastN;
                loop.execute(() -> {
                    router.attach(endpoint, transport);
                    router.setLastN(endpoint, lastN);
                });
                transport.start(negotiation.remoteTransport());
            } else if (!negotiation.remoteTransport().ice().equals(participant.remoteIce)) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "ICE restarts are not supported");
            }
            List<Answer.PublishedTrack> published = applyPublications(participant, offer, negotiation.published());
            applySubscriptions(participant, negotiation.subscribed());
            subscribed = negotiation.subscribed();
            return new Answer(offer.requestId(), negotiation.answerSdp(), published);
        } finally {
            releaseUnusedSsrcs(participant, requests, subscribed);
        }
    }

    /**
     * Gives back the SSRCs taken for an offer's subscription requests that ended in no subscription: turned down by
     * the negotiation (or RTX not negotiated), or the whole offer failed. Otherwise every bad or partly refused offer
     * would keep some for as long as the participant stays.
     */
    private static void releaseUnusedSsrcs(Participant participant, Map<String, SubscriptionRequest> requests,
                                           List<SubscribedMedia> accepted) {
        Set<Integer> inUse = new HashSet<>();
        for (SubscribedMedia media : accepted) {
            inUse.add(media.ssrc());
            inUse.add(media.rtxSsrc());
        }
        for (Subscription subscription : participant.subscriptionsByMid.values()) {
            inUse.add(subscription.ssrc());
            inUse.add(subscription.rtxSsrc());
        }
        for (SubscriptionRequest request : requests.values()) {
            if (!inUse.contains(request.ssrc())) {
                participant.releaseSsrc(request.ssrc());
            }
            if (!inUse.contains(request.rtxSsrc())) {
                participant.releaseSsrc(request.rtxSsrc());
            }
        }
    }

    /**
     * Records how the participant wants a remote video track; applied to its subscription now and whenever it
     * subscribes to that track later.
     *
     * @throws ApiException BAD_REQUEST for missing or out-of-range values
     */
    public synchronized void setTrackConstraints(Participant participant, SetTrackConstraints request) {
        checkMember(participant);
        TrackConstraints constraints = TrackPreferences.validate(request);
        if (participant.constraintsByTrack.size() >= MAX_TRACK_CONSTRAINTS
                && !participant.constraintsByTrack.containsKey(request.trackId())) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "constraints for too many tracks");
        }
        participant.constraintsByTrack.put(request.trackId(), constraints);
        for (Subscription subscription : participant.subscriptionsByMid.values()) {
            if (subscription.trackId().equals(request.trackId())) {
                applyConstraints(participant, subscription.ssrc(), constraints);
            }
        }
    }

    private void applyConstraints(Participant participant, int consumerSsrc, TrackConstraints constraints) {
        RouterEndpoint endpoint = participant.endpoint;
        loop.execute(() -> router.setConsumerConstraints(endpoint, consumerSsrc, constraints));
    }

    /**
     * Sets how many participants' video the participant receives at most ({@code null} or {@code -1}: all); kept for
     * its media connection if it has none yet.
     *
     * @throws ApiException BAD_REQUEST for values below -1
     */
    public synchronized void setLastN(Participant participant, Integer lastN) {
        checkMember(participant);
        int value = lastN == null ? -1 : lastN;
        if (value < -1) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "lastN must be -1 (no limit) or more");
        }
        participant.lastN = value;
        RouterEndpoint endpoint = participant.endpoint;
        if (endpoint != null) {
            loop.execute(() -> router.setLastN(endpoint, value));
        }
    }

    /** Adds a trickled candidate of the participant (ignored before its first offer). */
    public synchronized void addRemoteCandidate(Participant participant, IceCandidate candidate) {
        checkMember(participant);
        if (participant.transport != null) {
            participant.transport.addRemoteCandidate(candidate);
        }
    }

    private Map<String, SubscriptionRequest> subscriptionRequests(Participant participant, Offer offer) {
        Map<String, SubscriptionRequest> requests = new HashMap<>();
        for (Offer.Subscription wanted : offer.subscribe()) {
            if (wanted.mid() == null || wanted.trackId() == null) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "each subscribe entry needs mid and trackId");
            }
            Publication publication = tracks.get(wanted.trackId());
            if (publication == null || publication.owner() == participant) {
                continue; // gone meanwhile, or its own track: answered inactive
            }
            Subscription existing = participant.subscriptionsByMid.get(wanted.mid());
            boolean same = existing != null && existing.trackId().equals(wanted.trackId());
            int ssrc = same ? existing.ssrc() : participant.allocateSsrc();
            int rtxSsrc = same && existing.rtxSsrc() != 0 ? existing.rtxSsrc() : participant.allocateSsrc();
            String publisherId = publication.owner().id();
            requests.put(wanted.mid(), new SubscriptionRequest(wanted.trackId(), publication.media().kind(),
                    publisherId, ssrc, rtxSsrc, publisherId));
        }
        return requests;
    }

    private List<Answer.PublishedTrack> applyPublications(Participant participant, Offer offer,
                                                          List<PublishedMedia> accepted) {
        Map<String, PublishedMedia> byMid = new LinkedHashMap<>();
        for (PublishedMedia media : accepted) {
            byMid.put(media.mid(), media);
        }
        for (Publication publication : List.copyOf(participant.publicationsByMid.values())) {
            PublishedMedia now = byMid.get(publication.media().mid());
            if (now == null || !now.layers().equals(publication.media().layers())
                    || now.kind() != publication.media().kind()) {
                unpublish(participant, publication);
            }
        }
        Map<String, String> labels = new HashMap<>();
        for (Offer.PublishLabel label : offer.publish()) {
            if (label.mid() != null && label.name() != null && label.name().length() <= 64) {
                labels.put(label.mid(), label.name());
            }
        }
        List<Answer.PublishedTrack> published = new ArrayList<>();
        for (PublishedMedia media : byMid.values()) {
            Publication publication = participant.publicationsByMid.get(media.mid());
            if (publication == null) {
                if (participant.publicationsByMid.size() >= maxTracksPerParticipant) {
                    throw new ApiException(ErrorCode.LIMIT_EXCEEDED,
                            "at most " + maxTracksPerParticipant + " published tracks per participant");
                }
                publication = publish(participant, media, labels.get(media.mid()));
            }
            published.add(new Answer.PublishedTrack(media.mid(), publication.track()));
        }
        return published;
    }

    private Publication publish(Participant participant, PublishedMedia media, String label) {
        String trackId = participant.id() + "-" + participant.publishedTrackCount++;
        TrackInfo track = new TrackInfo(trackId, participant.id(),
                media.kind() == MediaKind.AUDIO ? TrackKind.AUDIO : TrackKind.VIDEO, label);
        Publication publication = new Publication(participant, track, media);
        participant.publicationsByMid.put(media.mid(), publication);
        List<ProducerLayerSpec> layers = new ArrayList<>();
        for (PublishedLayer layer : media.layers()) {
            participant.reserveSsrc(layer.ssrc());
            participant.reserveSsrc(layer.rtxSsrc());
            layers.add(new ProducerLayerSpec(layer.rid(), layer.ssrc(), layer.rtxSsrc()));
        }
        tracks.put(trackId, publication);
        RouterEndpoint endpoint = participant.endpoint;
        ProducerSpec spec = new ProducerSpec(trackId, media.kind(), media.mid(), layers, media.payloadType(),
                media.rtxPayloadType(), media.clockRateHz(), media.extensions(), media.acceptsPli(),
                media.acceptsNack());
        loop.execute(() -> router.addProducer(endpoint, spec));
        broadcast(new TrackPublished(track), participant);
        LOG.info("room={} participant={} published {} {}", name, participant.id(), track.kind(), trackId);
        return publication;
    }

    private void unpublish(Participant participant, Publication publication) {
        String trackId = publication.track().trackId();
        participant.publicationsByMid.remove(publication.media().mid());
        tracks.remove(trackId);
        for (Participant other : participants.values()) {
            other.constraintsByTrack.remove(trackId); // a track id is never published again
            other.subscriptionsByMid.values().removeIf(s -> {
                if (s.trackId().equals(trackId)) {
                    other.releaseSsrc(s.ssrc());
                    other.releaseSsrc(s.rtxSsrc());
                    return true;
                }
                return false;
            });
        }
        loop.execute(() -> router.removeProducer(trackId)); // also removes every consumer of it
        broadcast(new TrackUnpublished(trackId, participant.id()), participant);
        LOG.info("room={} participant={} unpublished {}", name, participant.id(), trackId);
    }

    private void applySubscriptions(Participant participant, List<SubscribedMedia> accepted) {
        Map<String, SubscribedMedia> byMid = new HashMap<>();
        for (SubscribedMedia media : accepted) {
            byMid.put(media.mid(), media);
        }
        RouterEndpoint endpoint = participant.endpoint;
        for (Subscription subscription : List.copyOf(participant.subscriptionsByMid.values())) {
            SubscribedMedia now = byMid.get(subscription.mid());
            if (now == null || !now.trackId().equals(subscription.trackId())) {
                participant.subscriptionsByMid.remove(subscription.mid());
                participant.releaseSsrc(subscription.ssrc());
                participant.releaseSsrc(subscription.rtxSsrc());
                int ssrc = subscription.ssrc();
                loop.execute(() -> router.removeConsumer(endpoint, ssrc));
            }
        }
        for (SubscribedMedia media : accepted) {
            if (participant.subscriptionsByMid.containsKey(media.mid())) {
                continue;
            }
            participant.subscriptionsByMid.put(media.mid(), new Subscription(media.mid(), media.trackId(),
                    media.ssrc(), media.rtxSsrc()));
            ConsumerSpec spec = new ConsumerSpec(media.ssrc(), media.payloadType(), media.rtxSsrc(),
                    media.rtxSsrc() == 0 ? -1 : media.rtxPayloadType(), media.extensions());
            TrackConstraints constraints = participant.constraintsByTrack.getOrDefault(media.trackId(),
                    TrackConstraints.DEFAULT);
            loop.execute(() -> {
                Producer producer = router.producer(media.trackId());
                if (producer != null) {
                    router.addConsumer(endpoint, producer, spec);
                    router.setConsumerConstraints(endpoint, media.ssrc(), constraints);
                }
            });
        }
    }

    /** Takes a participant out of the room, tells it why, and closes its connection and transport. */
    public void leave(Participant participant, LeaveReason reason) {
        boolean empty;
        synchronized (this) {
            if (participant.left) {
                return;
            }
            participant.left = true;
            participants.remove(participant.id());
            for (Publication publication : List.copyOf(participant.publicationsByMid.values())) {
                unpublish(participant, publication);
            }
            broadcast(new ParticipantLeft(participant.id()), participant);
            RouterEndpoint endpoint = participant.endpoint;
            if (endpoint != null) {
                loop.execute(() -> router.removeEndpoint(endpoint));
            }
            empty = participants.isEmpty();
            LOG.info("room={} participant={} left ({}), {} remain", name, participant.id(), reason,
                    participants.size());
        }
        participant.connection().send(new Left(reason.name()));
        participant.connection().close();
        if (empty) {
            service.onRoomEmpty(this);
        }
    }

    /** Removes everyone and releases the router. */
    void close(LeaveReason reason) {
        List<Participant> everyone;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            everyone = List.copyOf(participants.values());
        }
        for (Participant participant : everyone) {
            leave(participant, reason);
        }
        loop.execute(router::close);
        LOG.info("room={} closed", name);
    }

    private void checkMember(Participant participant) {
        if (participant.left || participants.get(participant.id()) != participant) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "not in room " + name);
        }
    }

    /** Sends to every participant but {@code except}. Under the lock, so everyone sees the same order. */
    private void broadcast(ServerMessage message, Participant except) {
        for (Participant participant : participants.values()) {
            if (participant != except) {
                participant.connection().send(message);
            }
        }
    }

    // RouterListener, on the loop thread

    @Override
    public void onEndpointConnected(RouterEndpoint endpoint) {
        LOG.debug("room={} participant={} media connected", name, endpoint.participantId());
    }

    @Override
    public void onDominantSpeakerChanged(RouterEndpoint speaker) {
        String participantId = speaker == null ? null : speaker.participantId();
        synchronized (this) {
            dominantSpeakerId = participantId;
            if (!closed) {
                broadcast(new DominantSpeaker(participantId), null);
            }
        }
        LOG.debug("room={} dominant speaker {}", name, participantId);
    }

    @Override
    public void onForwardedVideoChanged(RouterEndpoint subscriber, List<String> participantIds) {
        synchronized (this) {
            Participant participant = participants.get(subscriber.participantId());
            if (participant != null && participant.endpoint == subscriber) {
                participant.connection().send(participantIds == null ? new ForwardedVideo(-1, List.of())
                        : new ForwardedVideo(subscriber.lastN(), participantIds));
            }
        }
    }

    @Override
    public void onEndpointTransportClosed(RouterEndpoint endpoint, CloseReason reason) {
        Participant participant;
        synchronized (this) {
            participant = participants.get(endpoint.participantId());
            if (participant != null && participant.endpoint != endpoint) {
                participant = null;
            }
        }
        if (participant != null) {
            LOG.info("room={} participant={} media transport closed: {}", name, participant.id(), reason);
            leave(participant, LeaveReason.TRANSPORT_CLOSED);
        }
    }
}
