package org.opensfu.server.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Exports one gauge per participant with a media connection: {@code sfu_subscriber_bandwidth_estimate_bps} (the
 * send-side bandwidth estimate toward it) or {@code sfu_subscriber_bandwidth_allocated_bps} (what its video gets),
 * labelled by room and participant. Series come and go with the participants, as of the last snapshot.
 */
final class SubscriberBandwidthCollector implements Collector {
    private final String name;
    private final String help;
    private final Supplier<List<SubscriberBandwidth>> subscribers;
    private final ToLongFunction<SubscriberBandwidth> value;

    private SubscriberBandwidthCollector(String name, String help, Supplier<List<SubscriberBandwidth>> subscribers,
                                         ToLongFunction<SubscriberBandwidth> value) {
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

    @Override
    public MetricSnapshot collect() {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        for (SubscriberBandwidth subscriber : subscribers.get()) {
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("room", subscriber.room(), "participant", subscriber.participantId()))
                    .value(value.applyAsLong(subscriber))
                    .build());
        }
        return builder.build();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }
}
