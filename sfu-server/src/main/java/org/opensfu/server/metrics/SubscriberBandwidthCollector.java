package org.opensfu.server.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Exports one gauge per participant with a media connection: {@code sfu_subscriber_bandwidth_estimate_bps} (the
 * send-side bandwidth estimate toward it), {@code sfu_subscriber_bandwidth_allocated_bps} (what its video gets) or
 * {@code sfu_participant_round_trip_time_seconds} (from its RTCP reports, once measured), labelled by room and
 * participant. Series come and go with the participants, as of the last snapshot.
 */
final class SubscriberBandwidthCollector implements Collector {
    private final String name;
    private final String help;
    private final Supplier<List<SubscriberBandwidth>> subscribers;
    private final ToDoubleFunction<SubscriberBandwidth> value;

    private SubscriberBandwidthCollector(String name, String help, Supplier<List<SubscriberBandwidth>> subscribers,
                                         ToDoubleFunction<SubscriberBandwidth> value) {
        this.name = name;
        this.help = help;
        this.subscribers = subscribers;
        this.value = value;
    }

    static SubscriberBandwidthCollector estimate(Supplier<List<SubscriberBandwidth>> subscribers) {
        return new SubscriberBandwidthCollector("sfu_subscriber_bandwidth_estimate_bps",
                "Send-side bandwidth estimate toward each participant (transport-cc), bits per second", subscribers,
                SubscriberBandwidth::estimateBps);
    }

    static SubscriberBandwidthCollector allocated(Supplier<List<SubscriberBandwidth>> subscribers) {
        return new SubscriberBandwidthCollector("sfu_subscriber_bandwidth_allocated_bps",
                "Bitrate of the video layers allocated to each participant, bits per second", subscribers,
                SubscriberBandwidth::allocatedBps);
    }

    static SubscriberBandwidthCollector roundTripTime(Supplier<List<SubscriberBandwidth>> subscribers) {
        return new SubscriberBandwidthCollector("sfu_participant_round_trip_time_seconds",
                "Smoothed round-trip time to each participant from its RTCP receiver reports, seconds", subscribers,
                s -> s.roundTripMicros() / 1e6);
    }

    @Override
    public MetricSnapshot collect() {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        for (SubscriberBandwidth subscriber : subscribers.get()) {
            double sample = value.applyAsDouble(subscriber);
            if (sample < 0) {
                continue;
            }
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("room", subscriber.room(), "participant", subscriber.participantId()))
                    .value(sample)
                    .build());
        }
        return builder.build();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }
}
