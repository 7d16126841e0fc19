package org.opensfu.server.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opensfu.api.stats.BandwidthStats;
import org.opensfu.api.stats.LayerStats;
import org.opensfu.api.stats.ParticipantStats;
import org.opensfu.api.stats.PublishedTrackStats;
import org.opensfu.api.stats.ReceivedTrackStats;
import org.opensfu.api.stats.RoundTripStats;
import org.opensfu.api.stats.RoomStats;
import org.opensfu.core.allocation.Layer;
import org.opensfu.core.allocation.LayerInfo;
import org.opensfu.core.allocation.TrackConstraints;
import org.opensfu.core.bwe.LossBasedController;
import org.opensfu.core.bwe.SendSideBandwidthEstimator;
import org.opensfu.core.router.Consumer;
import org.opensfu.core.router.Producer;
import org.opensfu.core.router.ProducerLayer;
import org.opensfu.core.router.Router;
import org.opensfu.core.router.RouterEndpoint;

/** Reads a router's counters into the API's statistics. Runs on the router's loop (it reads loop-confined state). */
final class RoomStatsCollector {
    private RoomStatsCollector() {
    }

    static RoomStats collect(String roomName, Router router, long nowNanos) {
        List<ParticipantStats> participants = new ArrayList<>();
        for (RouterEndpoint endpoint : router.endpoints()) {
            List<PublishedTrackStats> published = new ArrayList<>();
            for (Producer producer : endpoint.producers()) {
                published.add(published(producer, nowNanos));
            }
            List<ReceivedTrackStats> received = new ArrayList<>();
            for (Consumer consumer : endpoint.consumers()) {
                received.add(received(consumer));
            }
            participants.add(new ParticipantStats(endpoint.participantId(), endpoint.isConnected(),
                    bandwidth(endpoint), roundTrip(endpoint), endpoint.nacksReceived(), endpoint.nacksSent(),
                    endpoint.retransmissionsReceived(), published, received));
        }
        return new RoomStats(roomName, participants);
    }

    private static RoundTripStats roundTrip(RouterEndpoint endpoint) {
        return new RoundTripStats(endpoint.latestRoundTripTimeMicros(), endpoint.smoothedRoundTripTimeMicros(),
                endpoint.minRoundTripTimeMicros(), endpoint.roundTripTimeSamples());
    }

    private static BandwidthStats bandwidth(RouterEndpoint endpoint) {
        SendSideBandwidthEstimator estimator = endpoint.bandwidthEstimator();
        long lossBound = estimator.lossBasedBoundBps();
        return new BandwidthStats(endpoint.estimatedBitrateBps(), estimator.delayBasedBps(),
                lossBound == LossBasedController.UNLIMITED ? -1 : lossBound, estimator.acknowledgedBitrateBps(),
                estimator.lossFraction(), estimator.rttMillis(), endpoint.allocatedBitrateBps(),
                endpoint.desiredBitrateBps(), endpoint.probesStarted());
    }

    private static PublishedTrackStats published(Producer producer, long nowNanos) {
        LayerInfo info = producer.layerInfo(nowNanos);
        List<LayerStats> layers = new ArrayList<>();
        for (int i = 0; i < producer.layerCount(); i++) {
            ProducerLayer layer = producer.layer(i);
            boolean measured = i < info.spatialLayers() && info.temporalLayers(i) > 0;
            int top = measured ? info.temporalLayers(i) - 1 : 0;
            layers.add(new LayerStats(i, Integer.toUnsignedLong(layer.ssrc()), layer.packetsReceived(),
                    measured ? info.bitrateBps(i, top) : 0, measured ? info.frameRate(i, top) : 0,
                    producer.isVideo() ? layer.temporalLayersSeen() : 0, layer.frameWidthPx(),
                    layer.frameHeightPx()));
        }
        return new PublishedTrackStats(producer.id(), kind(producer), producer.packetsReceived(),
                producer.packetsDropped(), producer.keyframeRequestsSent(), layers);
    }

    private static ReceivedTrackStats received(Consumer consumer) {
        Layer current = consumer.currentLayer();
        Layer target = consumer.targetLayer();
        TrackConstraints constraints = consumer.constraints();
        long switches = consumer.forwarder() == null ? 0 : consumer.forwarder().spatialSwitches();
        return new ReceivedTrackStats(consumer.producer().id(), kind(consumer.producer()),
                Integer.toUnsignedLong(consumer.ssrc()), consumer.packetsSent(), consumer.retransmissionsSent(),
                consumer.paddingPacketsSent(), current.spatial(), current.temporal(), target.spatial(),
                target.temporal(), switches,
                constraints.maxHeightPx() == TrackConstraints.NO_HEIGHT_LIMIT ? -1 : constraints.maxHeightPx(),
                constraints.onStage());
    }

    private static String kind(Producer producer) {
        return producer.spec().kind().name().toLowerCase(Locale.ROOT);
    }
}
