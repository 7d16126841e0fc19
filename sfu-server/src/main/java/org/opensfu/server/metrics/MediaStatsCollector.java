package org.opensfu.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opensfu.api.ParticipantInfo;
import org.opensfu.api.TrackInfo;
import org.opensfu.api.TrackKind;
import org.opensfu.api.rest.RoomInfo;
import org.opensfu.core.engine.MediaEngine;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.router.Consumer;
import org.opensfu.core.router.Producer;
import org.opensfu.core.router.Router;
import org.opensfu.core.router.RouterEndpoint;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.server.room.Room;
import org.opensfu.server.room.RoomService;

/**
 * Reads the media engine's own counters into a {@link MediaSnapshot} when asked (on scrape, and every second for the
 * load signal): the packet path is never touched, locked or made to allocate for metrics.
 *
 * <p>Transport counters are readable from any thread. The routers' producers, consumers and endpoints are listed by a
 * short task on each room's media loop (they are confined to it); their counters are then read here. Objects that
 * disappeared since the last reading are read one last time and kept in a retired total, so every counter only grows.
 * A transport that opens and closes between two readings (under a second) is missed.
 */
public final class MediaStatsCollector {
    private static final long LOOP_WAIT_MILLIS = 1000;

    private final MediaEngine engine;
    private final RoomService rooms;

    private final Object transportLock = new Object();
    private final Population<WebRtcTransport> transports = new Population<>();
    private final TransportTotals retiredTransports = new TransportTotals();

    private final Object routerLock = new Object();
    private final Population<Producer> producers = new Population<>();
    private final Population<Consumer> consumers = new Population<>();
    private final Population<RouterEndpoint> endpoints = new Population<>();
    private RouterTotals retiredRouters = RouterTotals.ZERO;
    private volatile List<SubscriberBandwidth> subscribers = List.of();

    private volatile MediaSnapshot latest = MediaSnapshot.EMPTY;

    public MediaStatsCollector(MediaEngine engine, RoomService rooms) {
        this.engine = engine;
        this.rooms = rooms;
    }

    /** Totals of every transport since start. Cheap (no media loop involved); any thread. */
    public TransportTotals transportTotals() {
        synchronized (transportLock) {
            for (WebRtcTransport gone : transports.update(engine.transports().transports())) {
                retiredTransports.add(gone.stats());
                CloseReason reason = gone.closeReason();
                if (reason != null) {
                    retiredTransports.closed[reason.ordinal()]++;
                }
            }
            TransportTotals totals = retiredTransports.copy();
            for (WebRtcTransport transport : transports.live()) {
                totals.add(transport.stats());
            }
            return totals;
        }
    }

    /** Takes a new snapshot. Waits up to a second for the media loops: never call it on an event loop. */
    public MediaSnapshot refresh() {
        int roomCount = 0;
        int participants = 0;
        int audio = 0;
        int video = 0;
        List<Room> current = rooms.list();
        for (Room room : current) {
            RoomInfo info = room.info();
            roomCount++;
            participants += info.participants().size();
            for (ParticipantInfo participant : info.participants()) {
                for (TrackInfo track : participant.tracks()) {
                    if (track.kind() == TrackKind.AUDIO) {
                        audio++;
                    } else {
                        video++;
                    }
                }
            }
        }
        List<MediaLoop> loops = engine.loops().loops();
        int[] queued = new int[loops.size()];
        long handlerFailures = 0;
        for (int i = 0; i < queued.length; i++) {
            queued[i] = loops.get(i).queuedPackets();
            handlerFailures += loops.get(i).handlerFailures();
        }
        MediaSnapshot snapshot = new MediaSnapshot(roomCount, participants, audio, video,
                engine.transports().transportCount(), transportTotals(), routerTotals(current), queued,
                handlerFailures);
        latest = snapshot;
        return snapshot;
    }

    /** Every connected participant's bandwidth, as of the last snapshot that reached all media loops. */
    public List<SubscriberBandwidth> subscribers() {
        return subscribers;
    }

    /** The last snapshot taken. */
    public MediaSnapshot latest() {
        return latest;
    }

    private RouterTotals routerTotals(List<Room> current) {
        synchronized (routerLock) {
            RouterObjects seen = listOnLoops(current);
            if (seen != null) {
                subscribers = List.copyOf(seen.subscribers); // else a loop was too slow: count the objects known from last time, retire nothing
                RouterTotals gone = RouterTotals.ZERO;
                for (Producer producer : producers.update(seen.producers)) {
                    gone = gone.plus(count(producer));
                }
                for (Consumer consumer : consumers.update(seen.consumers)) {
                    gone = gone.plus(count(consumer));
                }
                for (RouterEndpoint endpoint : endpoints.update(seen.endpoints)) {
                    gone = gone.plus(count(endpoint));
                }
                retiredRouters = retiredRouters.plus(gone);
            }
            RouterTotals totals = retiredRouters;
            for (Producer producer : producers.live()) {
                totals = totals.plus(count(producer));
            }
            for (Consumer consumer : consumers.live()) {
                totals = totals.plus(count(consumer));
            }
            for (RouterEndpoint endpoint : endpoints.live()) {
                totals = totals.plus(count(endpoint));
            }
            return totals;
        }
    }

    /** Lists every router's objects on its loop; null if any loop did not answer in time. */
    private static RouterObjects listOnLoops(List<Room> current) {
        List<CompletableFuture<RouterObjects>> pending = new ArrayList<>();
        for (Room room : current) {
            Router router = room.router();
            CompletableFuture<RouterObjects> future = new CompletableFuture<>();
            router.loop().execute(() -> future.complete(RouterObjects.of(router)));
            pending.add(future);
        }
        RouterObjects all = new RouterObjects();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOP_WAIT_MILLIS);
        try {
            for (CompletableFuture<RouterObjects> future : pending) {
                all.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return all;
    }

    private static RouterTotals count(Producer producer) {
        return new RouterTotals(0, 0, producer.keyframeRequestsSent(), producer.keyframeRequestsSuppressed(), 0, 0,
                0, producer.packetsDropped());
    }

    private static RouterTotals count(Consumer consumer) {
        return new RouterTotals(consumer.packetsSent(), consumer.sendFailures(), 0, 0, 0, 0, 0, 0);
    }

    private static RouterTotals count(RouterEndpoint endpoint) {
        return new RouterTotals(0, 0, 0, 0, endpoint.rtpUnknownSsrc(), endpoint.rtpMalformed(),
                endpoint.rtcpMalformed(), 0);
    }

    /** A router's endpoints, producers and consumers, listed on its loop. */
    private static final class RouterObjects {
        final List<RouterEndpoint> endpoints = new ArrayList<>();
        final List<Producer> producers = new ArrayList<>();
        final List<Consumer> consumers = new ArrayList<>();
        final List<SubscriberBandwidth> subscribers = new ArrayList<>();

        static RouterObjects of(Router router) {
            RouterObjects objects = new RouterObjects();
            for (RouterEndpoint endpoint : router.endpoints()) {
                objects.endpoints.add(endpoint);
                if (endpoint.isConnected()) {
                    objects.subscribers.add(new SubscriberBandwidth(router.id(), endpoint.participantId(),
                            endpoint.estimatedBitrateBps(), endpoint.allocatedBitrateBps(),
                            endpoint.smoothedRoundTripTimeMicros()));
                }
                objects.producers.addAll(endpoint.producers());
                objects.consumers.addAll(endpoint.consumers());
            }
            return objects;
        }

        void add(RouterObjects other) {
            endpoints.addAll(other.endpoints);
            producers.addAll(other.producers);
            consumers.addAll(other.consumers);
            subscribers.addAll(other.subscribers);
        }
    }
}
