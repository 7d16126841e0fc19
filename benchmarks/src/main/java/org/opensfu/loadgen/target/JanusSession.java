package org.opensfu.loadgen.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.SetupRole;
import org.opensfu.core.transport.dtls.DtlsRole;
import org.opensfu.core.transport.ice.IceRole;
import org.opensfu.loadgen.media.OutgoingExtensions;
import org.opensfu.loadgen.media.PublishPlan;
import org.opensfu.loadgen.peer.SimulatedPeer;
import org.opensfu.loadgen.peer.StreamInfo;
import org.opensfu.loadgen.peer.StreamReport;
import org.opensfu.loadgen.scenario.MediaSettings;
import org.opensfu.loadgen.scenario.ParticipantSpec;
import org.opensfu.loadgen.scenario.SubscribeMode;
import org.opensfu.loadgen.signaling.AnswerSdp;
import org.opensfu.loadgen.signaling.JanusConnection;
import org.opensfu.loadgen.signaling.LocalTransport;
import org.opensfu.loadgen.signaling.OfferSdp;
import org.opensfu.loadgen.signaling.RemoteSdp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant of a Janus VideoRoom (1.x multistream API), as the janus.js VideoRoom demo behaves: a session, a
 * handle that joins the room as a participant (and publishes, through its own peer connection, if the spec says
 * so), and a subscriber handle with one peer connection that Janus offers, carrying every feed it subscribes to.
 * Feeds announced later are added with {@code subscribe}; Janus then offers again and we answer with {@code start}.
 * Janus answers our publish offer {@code a=setup:active}, so the publishing peer is the DTLS server; on the subscriber
 * connection Janus offers and is the ICE-controlling agent. Signaling state is guarded by this object.
 */
final class JanusSession implements Participant {
    private static final Logger LOG = LoggerFactory.getLogger(JanusSession.class);
    private static final String VIDEOROOM = "janus.plugin.videoroom";

    private final ParticipantSpec spec;
    private final PeerRuntime runtime;
    private final MediaSettings media;
    private final URI uri;
    private final Duration timeout;
    private final long room;
    private JanusConnection janus;
    private long participantHandle;
    private long feedId;
    private SimulatedPeer publisherPeer;
    private PublishPlan plan = PublishPlan.NONE;

    // guarded by this
    private long subscriberHandle;
    private SimulatedPeer subscriberPeer;
    private final Set<Long> subscribedFeeds = new HashSet<>();
    private final Set<Long> wantedFeeds = new LinkedHashSet<>();
    private final List<StreamInfo> receiving = new ArrayList<>();
    private boolean subscribing;
    private long answers;
    private boolean left;
    private final CompletableFuture<Void> firstSubscriberOffer = new CompletableFuture<>();

    JanusSession(ParticipantSpec spec, PeerRuntime runtime, MediaSettings media, URI uri, Duration timeout,
                 long room) {
        this.spec = spec;
        this.runtime = runtime;
        this.media = media;
        this.uri = uri;
        this.timeout = timeout;
        this.room = room;
    }

    @Override
    public String name() {
        return spec.name();
    }

    /** Joins, publishes, subscribes to the feeds already there; records the time to the first connected peer. */
    /**
     * @param roomReady completes when the room exists; the participant that {@code createsRoom} completes it
     */
    void join(CompletableFuture<Void> roomReady, boolean createsRoom) throws Exception {
        long startNanos = runtime.clock().nowNanos();
        janus = JanusConnection.open(runtime.http(), uri, timeout);
        participantHandle = janus.attach(VIDEOROOM, this::onParticipantEvent);
        if (createsRoom) {
            try {
                createRoom();
                roomReady.complete(null);
            } catch (Exception e) {
                roomReady.completeExceptionally(e);
                throw e;
            }
        } else {
            roomReady.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        ObjectNode join = JanusConnection.object().put("request", "join").put("ptype", "publisher").put("room", room)
                .put("display", spec.name());
        JsonNode joined = await(janus.message(participantHandle, join, null));
        JsonNode data = joined.path("plugindata").path("data");
        feedId = data.path("id").asLong();
        CompletableFuture<Long> connected;
        if (spec.publishes()) {
            connected = publish();
        } else {
            connected = null;
        }
        wantFeeds(data.path("publishers"));
        if (connected == null) {
            firstSubscriberOffer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            connected = subscriberPeer().connected();
        }
        long connectedNanos = connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        runtime.metrics().recordJoin(connectedNanos - startNanos);
    }

    private synchronized SimulatedPeer subscriberPeer() {
        return subscriberPeer;
    }

    private void createRoom() throws Exception {
        ObjectNode create = JanusConnection.object().put("request", "create").put("room", room)
                .put("publishers", 1000).put("videocodec", "vp8").put("audiocodec", "opus").put("bitrate", 0)
                .put("fir_freq", 0).put("permanent", false).put("transport_wide_cc_ext", true)
                .put("audiolevel_ext", true).put("notify_joining", false);
        try {
            await(janus.message(participantHandle, create, null));
        } catch (Exception e) {
            if (!String.valueOf(e.getMessage()).contains("427")) { // 427: the room exists already
                throw e;
            }
        }
    }

    /** Offers our media on the participant handle; Janus answers. Returns the peer's connected future. */
    private CompletableFuture<Long> publish() throws Exception {
        plan = PublishPlans.of(spec, media, runtime.random());
        publisherPeer = runtime.newPeer(spec.name() + "-pub", IceRole.CONTROLLING, DtlsRole.SERVER);
        LocalTransport local = new LocalTransport(publisherPeer.localIceParameters(),
                publisherPeer.localFingerprint(), publisherPeer.localCandidates());
        String offer = OfferSdp.write(local, plan, List.of(), spec.name(), spec.name(), feedId, 1);
        ObjectNode request = JanusConnection.object().put("request", "publish").put("display", spec.name());
        JsonNode event = await(janus.message(participantHandle, request, JanusConnection.jsep("offer", offer)));
        janus.trickleCompleted(participantHandle);
        RemoteSdp answer = RemoteSdp.parse(event.path("jsep").path("sdp").asText());
        checkSetup(answer, SetupRole.ACTIVE);
        OutgoingExtensions audio = plan.audio() == null ? OutgoingExtensions.NONE
                : answer.section(plan.audio().mid()).map(s -> RemoteSdp.outgoing(s, false, false))
                        .orElse(OutgoingExtensions.NONE);
        OutgoingExtensions video = plan.video() == null ? OutgoingExtensions.NONE
                : answer.section(plan.video().mid())
                        .map(s -> RemoteSdp.outgoing(s, true, plan.video().ridSimulcast()))
                        .orElse(OutgoingExtensions.NONE);
        publisherPeer.publish(plan, audio, video);
        publisherPeer.connect(answer.transport());
        return publisherPeer.connected();
    }

    private static void checkSetup(RemoteSdp sdp, SetupRole expected) {
        for (MediaDescription section : sdp.sections()) {
            SetupRole setup = sdp.description().iceDtlsParameters(section).setup();
            if (!section.isRejected() && setup != null && setup != expected) {
                throw new IllegalStateException("Janus answered a=setup:" + setup.sdpValue() + ", expected "
                        + expected.sdpValue());
            }
        }
    }

    // ------------------------------------------------------------------ subscriptions

    /** Notes the publishers listed in a join reply or event, and subscribes to those we want. */
    private void wantFeeds(JsonNode publishers) {
        synchronized (this) {
            for (JsonNode publisher : publishers) {
                long feed = publisher.path("id").asLong();
                if (feed == feedId || !wantsSomethingOf(publisher)) {
                    continue;
                }
                if (!subscribedFeeds.contains(feed)) {
                    wantedFeeds.add(feed);
                }
            }
        }
        subscribePending();
    }

    private boolean wantsSomethingOf(JsonNode publisher) {
        for (JsonNode stream : publisher.path("streams")) {
            if (spec.subscribe().wants("video".equals(stream.path("type").asText()))) {
                return true;
            }
        }
        return false;
    }

    /** Sends {@code join} (first time) or {@code subscribe} for the feeds wanted and not yet asked for. */
    private void subscribePending() {
        ObjectNode request;
        synchronized (this) {
            if (left || subscribing || wantedFeeds.isEmpty()) {
                return;
            }
            subscribing = true;
            boolean first = subscriberHandle == 0;
            request = JanusConnection.object().put("request", first ? "join" : "subscribe");
            if (first) {
                request.put("ptype", "subscriber").put("room", room);
            }
            ArrayNode streams = request.putArray("streams");
            for (long feed : wantedFeeds) {
                ObjectNode stream = streams.addObject().put("feed", feed);
                if (spec.subscribe() == SubscribeMode.AUDIO) {
                    stream.put("mid", PublishPlans.AUDIO_MID);
                }
                subscribedFeeds.add(feed);
            }
            wantedFeeds.clear();
        }
        Thread.ofVirtual().name("janus-subscribe-" + spec.name()).start(() -> sendSubscribe(request));
    }

    private void sendSubscribe(ObjectNode request) {
        try {
            long handle;
            synchronized (this) {
                if (subscriberHandle == 0) {
                    subscriberHandle = janus.attach(VIDEOROOM, this::onSubscriberEvent);
                }
                handle = subscriberHandle;
            }
            JsonNode event = await(janus.message(handle, request, null));
            onSubscriberOffer(event);
        } catch (Exception e) {
            LOG.warn("{}: subscribing failed: {}", spec.name(), e.toString());
            firstSubscriberOffer.completeExceptionally(e);
            synchronized (this) {
                subscribing = false;
            }
        }
    }

    /** An offer from Janus for the subscriber connection ("attached" or "updated"): answer it with "start". */
    private void onSubscriberOffer(JsonNode event) throws Exception {
        JsonNode jsep = event.path("jsep");
        if (!"offer".equals(jsep.path("type").asText())) {
            synchronized (this) {
                subscribing = false;
            }
            subscribePending();
            return;
        }
        RemoteSdp offer = RemoteSdp.parse(jsep.path("sdp").asText());
        JsonNode streams = event.path("plugindata").path("data").path("streams");
        SimulatedPeer peer;
        long handle;
        boolean first;
        synchronized (this) {
            first = subscriberPeer == null;
            if (first) {
                subscriberPeer = runtime.newPeer(spec.name() + "-sub", IceRole.CONTROLLED, DtlsRole.CLIENT);
            }
            peer = subscriberPeer;
            handle = subscriberHandle;
        }
        LocalTransport local = new LocalTransport(peer.localIceParameters(), peer.localFingerprint(),
                peer.localCandidates());
        String answer = AnswerSdp.write(local, offer.description(), feedId, ++answers);
        updateStreams(peer, offer, streams);
        await(janus.message(handle, JanusConnection.object().put("request", "start"),
                JanusConnection.jsep("answer", answer)));
        if (first) {
            janus.trickleCompleted(handle);
            int transportCc = 0;
            for (MediaDescription section : offer.sections()) {
                transportCc = Math.max(transportCc, RemoteSdp.extensionId(section, HeaderExtension.TRANSPORT_CC));
            }
            peer.setReceiveTransportCcId(transportCc <= 14 ? transportCc : 0);
            peer.connect(offer.transport());
            configureLayers(handle, streams);
        }
        firstSubscriberOffer.complete(null);
        synchronized (this) {
            subscribing = false;
        }
        subscribePending();
    }

    /** Receives the SSRCs of the offer's active sections and stops receiving those that went away. */
    private void updateStreams(SimulatedPeer peer, RemoteSdp offer, JsonNode streams) {
        List<StreamInfo> now = new ArrayList<>();
        for (MediaDescription section : offer.sections()) {
            if (section.isRejected() || !offer.description().effectiveDirection(section).sends()) {
                continue;
            }
            String mid = section.mid().orElse("");
            String feed = "?";
            for (JsonNode stream : streams) {
                if (mid.equals(stream.path("mid").asText())) {
                    feed = stream.path("feed_id").asText("?");
                }
            }
            boolean video = MediaDescription.VIDEO.equals(section.mediaType());
            RemoteSdp.stream(section, video, feed + "-" + mid, feed).ifPresent(now::add);
        }
        List<StreamInfo> added = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        synchronized (this) {
            for (StreamInfo stream : now) {
                if (receiving.stream().noneMatch(s -> s.ssrc() == stream.ssrc())) {
                    added.add(stream);
                }
            }
            for (StreamInfo stream : receiving) {
                if (now.stream().noneMatch(s -> s.ssrc() == stream.ssrc())) {
                    removed.add(stream.ssrc());
                }
            }
            receiving.clear();
            receiving.addAll(now);
        }
        peer.addStreams(added);
        peer.removeStreams(removed);
    }

    /** With a height constraint, asks Janus for the simulcast substream of that height (0, 1 or 2). */
    private void configureLayers(long handle, JsonNode streams) {
        if (spec.maxHeightPx() == null) {
            return;
        }
        int substream = 0;
        for (int i = 0; i < media.layers().size(); i++) {
            if (media.layers().get(i).heightPx() <= spec.maxHeightPx()) {
                substream = i;
            }
        }
        ObjectNode configure = JanusConnection.object().put("request", "configure");
        ArrayNode list = configure.putArray("streams");
        for (JsonNode stream : streams) {
            if ("video".equals(stream.path("type").asText())) {
                list.addObject().put("mid", stream.path("mid").asText()).put("substream", substream)
                        .put("temporal", 2);
            }
        }
        if (!list.isEmpty()) {
            janus.message(handle, configure, null);
        }
    }

    private void onParticipantEvent(JsonNode message) {
        JsonNode data = message.path("plugindata").path("data");
        if (data.has("publishers")) {
            wantFeeds(data.path("publishers"));
        }
    }

    private void onSubscriberEvent(JsonNode message) {
        if (message.path("jsep").has("sdp")) {
            Thread.ofVirtual().start(() -> {
                try {
                    synchronized (this) {
                        subscribing = true;
                    }
                    onSubscriberOffer(message); // Janus renegotiates by itself, e.g. when a feed left
                } catch (Exception e) {
                    LOG.warn("{}: cannot answer Janus' offer: {}", spec.name(), e.toString());
                }
            });
        }
    }

    private JsonNode await(CompletableFuture<JsonNode> future) throws Exception {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ Participant

    @Override
    public CompletableFuture<Void> stopPublishing() {
        return publisherPeer == null ? CompletableFuture.completedFuture(null) : publisherPeer.stopPublishing();
    }

    @Override
    public CompletableFuture<List<StreamReport>> finish() {
        SimulatedPeer peer = subscriberPeer();
        return peer == null ? CompletableFuture.completedFuture(List.of()) : peer.finish();
    }

    @Override
    public long bytesReceived() {
        SimulatedPeer peer = subscriberPeer();
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
        if (janus != null) {
            janus.close();
        }
        if (publisherPeer != null) {
            publisherPeer.close();
        }
        SimulatedPeer peer = subscriberPeer();
        if (peer != null) {
            peer.close();
        }
    }
}
