package org.opensfu.loadgen.target;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opensfu.api.ParticipantInfo;
import org.opensfu.api.TrackInfo;
import org.opensfu.api.TrackKind;
import org.opensfu.api.signaling.Answer;
import org.opensfu.api.signaling.ClientMessage;
import org.opensfu.api.signaling.ErrorMessage;
import org.opensfu.api.signaling.Join;
import org.opensfu.api.signaling.Joined;
import org.opensfu.api.signaling.Leave;
import org.opensfu.api.signaling.Left;
import org.opensfu.api.signaling.Offer;
import org.opensfu.api.signaling.ServerMessage;
import org.opensfu.api.signaling.SetTrackConstraints;
import org.opensfu.api.signaling.TrackPublished;
import org.opensfu.api.signaling.TrackUnpublished;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.sdp.Direction;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.transport.dtls.DtlsRole;
import org.opensfu.core.transport.ice.IceRole;
import org.opensfu.loadgen.media.OutgoingExtensions;
import org.opensfu.loadgen.media.PublishPlan;
import org.opensfu.loadgen.peer.SimulatedPeer;
import org.opensfu.loadgen.peer.StreamInfo;
import org.opensfu.loadgen.peer.StreamReport;
import org.opensfu.loadgen.scenario.MediaSettings;
import org.opensfu.loadgen.scenario.ParticipantSpec;
import org.opensfu.loadgen.signaling.LocalTransport;
import org.opensfu.loadgen.signaling.OfferSdp;
import org.opensfu.loadgen.signaling.RemoteSdp;
import org.opensfu.loadgen.signaling.TextWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant of OpenSFU, speaking its signaling protocol (sfu-api/PROTOCOL.md) as the JavaScript SDK does: join,
 * then one offer for the one peer connection with what it publishes and a recvonly m-section per track it subscribes
 * to; on {@code trackPublished}/{@code trackUnpublished} it offers again, one negotiation at a time (changes that come
 * in meanwhile are gathered into the next offer). Video subscriptions get the participant's
 * {@code setTrackConstraints} before they are offered. Signaling state is guarded by this object; media runs on the
 * peer's loop.
 */
final class OpenSfuSession implements Participant {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSfuSession.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter CLIENT_WRITER = JSON.writerFor(ClientMessage.class);

    private final ParticipantSpec spec;
    private final PeerRuntime runtime;
    private final MediaSettings media;
    private final URI signalingUri;
    private final Duration timeout;
    private final CompletableFuture<Joined> joined = new CompletableFuture<>();
    private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
    private TextWebSocket socket;
    private SimulatedPeer peer;
    private PublishPlan plan;

    // guarded by this
    private String participantId;
    private final Map<String, Subscription> subscriptionsByMid = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptionsByTrack = new HashMap<>();
    private String placeholderMid;
    private int nextMid;
    private long version;
    private int requests;
    private boolean started;
    private boolean negotiating;
    private boolean renegotiate;
    private String pendingRequestId;
    private boolean left;

    /** A recvonly m-section of ours and the track on it. */
    private static final class Subscription {
        final String mid;
        final TrackInfo track;
        boolean wanted = true;
        StreamInfo stream;

        Subscription(String mid, TrackInfo track) {
            this.mid = mid;
            this.track = track;
        }

        boolean video() {
            return track.kind() == TrackKind.VIDEO;
        }
    }

    OpenSfuSession(ParticipantSpec spec, PeerRuntime runtime, MediaSettings media, URI signalingUri,
                   Duration timeout) {
        this.spec = spec;
        this.runtime = runtime;
        this.media = media;
        this.signalingUri = signalingUri;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return spec.name();
    }

    /** Joins and waits until the media connection is up; records the join time. */
    void join() throws Exception {
        long startNanos = runtime.clock().nowNanos();
        socket = TextWebSocket.connect(runtime.http(), signalingUri, null, timeout, this::onMessage);
        send(new Join("join", spec.room(), spec.name()));
        Joined reply = joined.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        plan = spec.publishes() ? PublishPlans.of(spec, media, runtime.random()) : PublishPlan.NONE;
        peer = runtime.newPeer(spec.name(), IceRole.CONTROLLING, DtlsRole.CLIENT);
        synchronized (this) {
            participantId = reply.participantId();
            nextMid = plan.publishes() ? 2 : 0;
            for (ParticipantInfo other : reply.participants()) {
                other.tracks().forEach(this::want);
            }
            started = true;
            negotiate();
        }
        firstAnswer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long connectedNanos = peer.connected().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        runtime.metrics().recordJoin(connectedNanos - startNanos);
    }

    // ------------------------------------------------------------------ signaling (the WebSocket's thread)

    private void onMessage(String text) {
        try {
            switch (JSON.readValue(text, ServerMessage.class)) {
                case Joined message -> joined.complete(message);
                case Answer message -> onAnswer(message);
                case TrackPublished message -> {
                    synchronized (this) {
                        if (want(message.track()) && started) {
                            negotiate();
                        }
                    }
                }
                case TrackUnpublished message -> onTrackUnpublished(message.trackId());
                case ErrorMessage message -> onError(message);
                case Left message -> {
                    synchronized (this) {
                        left = true;
                    }
                    LOG.debug("{} left: {}", spec.name(), message.reason());
                }
                default -> {
                    // participantJoined, participantLeft: nothing to do until they publish
                }
            }
        } catch (Exception e) {
            LOG.warn("{}: cannot handle a signaling message: {}", spec.name(), e.toString());
            firstAnswer.completeExceptionally(e);
        }
    }

    /** Adds a subscription for a track if this participant wants it; true if it did. Under the lock. */
    private boolean want(TrackInfo track) {
        boolean video = track.kind() == TrackKind.VIDEO;
        if (track.participantId().equals(participantId) || !spec.subscribe().wants(video)
                || subscriptionsByTrack.containsKey(track.trackId())) {
            return false;
        }
        Subscription subscription = new Subscription(String.valueOf(nextMid++), track);
        subscriptionsByMid.put(subscription.mid, subscription);
        subscriptionsByTrack.put(track.trackId(), subscription);
        if (video && spec.maxHeightPx() != null) {
            send(new SetTrackConstraints(track.trackId(), spec.maxHeightPx(), null, null, null));
        }
        return true;
    }

    private synchronized void onTrackUnpublished(String trackId) {
        Subscription subscription = subscriptionsByTrack.get(trackId);
        if (subscription != null && subscription.wanted) {
            subscription.wanted = false;
            if (started) {
                negotiate();
            }
        }
    }

    /** Sends an offer now, or after the answer to the one in flight. Under the lock. */
    private void negotiate() {
        if (left) {
            return;
        }
        if (negotiating) {
            renegotiate = true;
            return;
        }
        negotiating = true;
        List<OfferSdp.ReceiveSection> sections = new ArrayList<>();
        List<Offer.Subscription> subscribe = new ArrayList<>();
        for (Subscription subscription : subscriptionsByMid.values()) {
            sections.add(new OfferSdp.ReceiveSection(subscription.mid, subscription.video(), subscription.wanted));
            if (subscription.wanted) {
                subscribe.add(new Offer.Subscription(subscription.mid, subscription.track.trackId()));
            }
        }
        if (!plan.publishes() && sections.isEmpty()) {
            // nothing to send or receive yet: one recvonly audio section, answered inactive, sets up the transport
            if (placeholderMid == null) {
                placeholderMid = String.valueOf(nextMid++);
            }
            sections.add(new OfferSdp.ReceiveSection(placeholderMid, false, true));
        } else if (placeholderMid != null) {
            sections.add(0, new OfferSdp.ReceiveSection(placeholderMid, false, false));
        }
        LocalTransport local = new LocalTransport(peer.localIceParameters(), peer.localFingerprint(),
                peer.localCandidates());
        String sdp = OfferSdp.write(local, plan, sections, participantId, participantId,
                Integer.toUnsignedLong(participantId.hashCode()), ++version);
        List<Offer.PublishLabel> labels = new ArrayList<>();
        if (plan.audio() != null) {
            labels.add(new Offer.PublishLabel(plan.audio().mid(), "microphone"));
        }
        if (plan.video() != null) {
            labels.add(new Offer.PublishLabel(plan.video().mid(), "camera"));
        }
        pendingRequestId = "offer-" + ++requests;
        send(new Offer(pendingRequestId, sdp, labels, subscribe));
    }

    private void onAnswer(Answer answer) {
        RemoteSdp sdp = RemoteSdp.parse(answer.sdp());
        synchronized (this) {
            if (!answer.requestId().equals(pendingRequestId)) {
                return;
            }
            if (!firstAnswer.isDone()) {
                startMedia(sdp);
            }
            List<StreamInfo> added = new ArrayList<>();
            List<Integer> removed = new ArrayList<>();
            for (Subscription subscription : subscriptionsByMid.values()) {
                Optional<MediaDescription> section = sdp.section(subscription.mid);
                boolean sending = section.isPresent() && !section.get().isRejected()
                        && sdp.description().effectiveDirection(section.get()) == Direction.SENDONLY;
                if (subscription.wanted && sending && subscription.stream == null) {
                    RemoteSdp.stream(section.get(), subscription.video(), subscription.track.trackId(),
                            subscription.track.participantId()).ifPresent(stream -> {
                                subscription.stream = stream;
                                added.add(stream);
                            });
                } else if ((!subscription.wanted || !sending) && subscription.stream != null) {
                    removed.add(subscription.stream.ssrc());
                    subscription.stream = null;
                }
            }
            if (!added.isEmpty()) {
                peer.addStreams(added);
            }
            if (!removed.isEmpty()) {
                peer.removeStreams(removed);
            }
            negotiating = false;
            firstAnswer.complete(null);
            if (renegotiate) {
                renegotiate = false;
                negotiate();
            }
        }
    }

    /** First answer: the transport starts, and so does publishing once it is connected. Under the lock. */
    private void startMedia(RemoteSdp sdp) {
        int transportCcId = 0;
        for (MediaDescription section : sdp.sections()) {
            transportCcId = Math.max(transportCcId, RemoteSdp.extensionId(section, HeaderExtension.TRANSPORT_CC));
        }
        peer.setReceiveTransportCcId(transportCcId <= 14 ? transportCcId : 0);
        OutgoingExtensions audio = plan.audio() == null ? OutgoingExtensions.NONE
                : sdp.section(plan.audio().mid()).map(s -> RemoteSdp.outgoing(s, false, false))
                        .orElse(OutgoingExtensions.NONE);
        OutgoingExtensions video = plan.video() == null ? OutgoingExtensions.NONE
                : sdp.section(plan.video().mid()).map(s -> RemoteSdp.outgoing(s, true, plan.video().ridSimulcast()))
                        .orElse(OutgoingExtensions.NONE);
        if (plan.publishes()) {
            peer.publish(plan, audio, video);
        }
        peer.connect(sdp.transport());
    }

    private void onError(ErrorMessage error) {
        LOG.warn("{}: the SFU answered {} {}: {}", spec.name(), error.code(), error.requestId(), error.message());
        synchronized (this) {
            if (error.requestId() != null && error.requestId().equals(pendingRequestId)) {
                negotiating = false;
                firstAnswer.completeExceptionally(new IllegalStateException("offer refused: " + error.code() + " "
                        + error.message()));
            }
        }
        joined.completeExceptionally(new IllegalStateException("join refused: " + error.code() + " "
                + error.message()));
    }

    private void send(ClientMessage message) {
        try {
            socket.send(CLIENT_WRITER.writeValueAsString(message));
        } catch (Exception e) {
            throw new IllegalStateException("cannot send " + message.getClass().getSimpleName(), e);
        }
    }

    // ------------------------------------------------------------------ Participant

    @Override
    public CompletableFuture<Void> stopPublishing() {
        return peer == null ? CompletableFuture.completedFuture(null) : peer.stopPublishing();
    }

    @Override
    public CompletableFuture<List<StreamReport>> finish() {
        return peer == null ? CompletableFuture.completedFuture(List.of()) : peer.finish();
    }

    @Override
    public long bytesReceived() {
        return peer == null ? 0 : peer.transport().stats().bytesReceived();
    }

    @Override
    public void leave() {
        synchronized (this) {
            if (left) {
                return;
            }
            left = true;
        }
        if (socket != null && socket.isOpen()) {
            try {
                send(new Leave());
            } catch (RuntimeException e) {
                LOG.debug("{}: leave not sent: {}", spec.name(), e.toString());
            }
        }
        if (peer != null) {
            peer.close();
        }
        if (socket != null) {
            socket.close();
        }
    }
}
