package org.opensfu.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.opensfu.core.engine.MediaEngine;
import org.opensfu.core.stats.DropReason;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.server.ops.DrainController;
import org.opensfu.server.ops.LoadMonitor;

/**
 * The Prometheus registry behind {@code GET /metrics}: the SFU's series ({@code sfu_*}), JVM, GC and process series
 * from Micrometer's binders, and the transit-time histogram. Every SFU series reads the snapshot that {@link #scrape}
 * takes first, so one scrape is one consistent reading and nothing is counted on the packet path for it.
 */
public final class SfuMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MediaStatsCollector collector;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public SfuMetrics(MediaStatsCollector collector, MediaEngine engine, LoadMonitor load, DrainController drain,
                      String version, String nodeId) {
        this.collector = collector;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        registry.getPrometheusRegistry().register(new TransitTimeCollector(engine.transitTimes()));
        registry.getPrometheusRegistry().register(SubscriberBandwidthCollector.estimate(collector::subscribers));
        registry.getPrometheusRegistry().register(SubscriberBandwidthCollector.allocated(collector::subscribers));
        registry.getPrometheusRegistry().register(SubscriberBandwidthCollector.roundTripTime(collector::subscribers));

        Gauge.builder("sfu.build.info", () -> 1).description("OpenSFU version and node id (always 1)")
                .tag("version", version).tag("node", nodeId).register(registry);
        gauge("sfu.rooms", "Rooms on this server", s -> s.rooms());
        gauge("sfu.participants", "Participants in the rooms", s -> s.participants());
        Gauge.builder("sfu.tracks", this, m -> m.snapshot().audioTracks()).description("Published tracks")
                .tag("kind", "audio").register(registry);
        Gauge.builder("sfu.tracks", this, m -> m.snapshot().videoTracks()).description("Published tracks")
                .tag("kind", "video").register(registry);
        gauge("sfu.transports", "Open WebRTC transports (ICE, DTLS, SRTP)", s -> s.transports());

        counter("sfu.packets.received", "RTP and RTCP packets received and decrypted", "type", "rtp", null,
                s -> s.transportTotals().rtpPacketsReceived());
        counter("sfu.packets.received", "RTP and RTCP packets received and decrypted", "type", "rtcp", null,
                s -> s.transportTotals().rtcpPacketsReceived());
        counter("sfu.packets.sent", "RTP and RTCP packets encrypted and sent", "type", "rtp", null,
                s -> s.transportTotals().rtpPacketsSent());
        counter("sfu.packets.sent", "RTP and RTCP packets encrypted and sent", "type", "rtcp", null,
                s -> s.transportTotals().rtcpPacketsSent());
        counter("sfu.received", "SRTP and SRTCP bytes received, as on the wire", null, null, "bytes",
                s -> s.transportTotals().bytesReceived());
        counter("sfu.sent", "SRTP and SRTCP bytes sent, as on the wire", null, null, "bytes",
                s -> s.transportTotals().bytesSent());
        counter("sfu.send.failures", "Packets that could not be encrypted or sent", null, null, null,
                s -> s.transportTotals().sendFailures());
        for (DropReason reason : DropReason.values()) {
            counter("sfu.packets.dropped", "Received packets not processed, by reason", "reason", label(reason),
                    null, s -> s.transportTotals().dropped(reason));
        }
        counter("sfu.packets.dropped", "Received packets not processed, by reason", "reason", "rtp_unknown_ssrc",
                null, s -> s.routerTotals().rtpUnknownSsrc());
        counter("sfu.packets.dropped", "Received packets not processed, by reason", "reason", "rtp_malformed",
                null, s -> s.routerTotals().rtpMalformed());
        counter("sfu.packets.dropped", "Received packets not processed, by reason", "reason", "rtcp_malformed",
                null, s -> s.routerTotals().rtcpMalformed());
        counter("sfu.packets.dropped", "Received packets not processed, by reason", "reason", "not_forwardable",
                null, s -> s.routerTotals().producerPacketsDropped());
        counter("sfu.srtp.failures", "Packets whose SRTP or SRTCP protection failed to verify or decrypt", null,
                null, null, s -> s.transportTotals().srtpFailures());
        counter("sfu.dtls.failures", "Transports closed because the DTLS handshake failed", null, null, null,
                s -> s.transportTotals().closed(CloseReason.DTLS_FAILED));
        for (CloseReason reason : CloseReason.values()) {
            counter("sfu.transports.closed", "Transports closed, by reason", "reason", label(reason), null,
                    s -> s.transportTotals().closed(reason));
        }
        counter("sfu.packets.forwarded", "Media packets forwarded to subscribers", null, null, null,
                s -> s.routerTotals().packetsForwarded());
        counter("sfu.keyframe.requests", "Keyframe requests (PLI/FIR) to publishers: sent, or coalesced",
                "result", "sent", null, s -> s.routerTotals().keyframeRequestsSent());
        counter("sfu.keyframe.requests", "Keyframe requests (PLI/FIR) to publishers: sent, or coalesced",
                "result", "coalesced", null, s -> s.routerTotals().keyframeRequestsSuppressed());
        counter("sfu.media.loop.failures", "Exceptions caught on the media threads", null, null, null,
                s -> s.loopHandlerFailures());
        for (int i = 0; i < engine.loops().loops().size(); i++) {
            int index = i;
            Gauge.builder("sfu.media.loop.queued.packets", this, m -> {
                int[] queued = m.snapshot().loopQueuedPackets();
                return index < queued.length ? queued[index] : 0;
            }).description("Packets waiting for a media thread").tag("loop", engine.loops().loops().get(i).name())
                    .register(registry);
        }

        Gauge.builder("sfu.load.cpu", load, l -> l.current().cpu()).baseUnit("ratio")
                .description("CPU used by the process, as a fraction of all cores").register(registry);
        Gauge.builder("sfu.load.packets.per.second", load, l -> l.current().packetsPerSecond())
                .description("RTP and RTCP packets received plus sent per second").register(registry);
        Gauge.builder("sfu.load.stress", load, l -> l.current().stress()).baseUnit("ratio")
                .description("The highest load over its limit; 1 or more is overload").register(registry);
        Gauge.builder("sfu.overloaded", load, l -> l.current().overloaded() ? 1 : 0)
                .description("1 while a load threshold is exceeded").register(registry);
        Gauge.builder("sfu.draining", drain, d -> d.draining() ? 1 : 0)
                .description("1 while the server drains (no new rooms)").register(registry);
    }

    /**
     * Takes a new media snapshot and renders every series (Prometheus text format). Blocks: not on an event loop.
     * Serialised, so that concurrent scrapes never render a mix of two snapshots (counters would seem to go back).
     */
    public synchronized String scrape() {
        collector.refresh();
        return registry.scrape();
    }

    public MeterRegistry registry() {
        return registry;
    }

    private MediaSnapshot snapshot() {
        return collector.latest();
    }

    private void gauge(String name, String description, ToDoubleFunction<MediaSnapshot> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.snapshot())).description(description).register(registry);
    }

    private void counter(String name, String description, String tagKey, String tagValue, String baseUnit,
                         ToDoubleFunction<MediaSnapshot> value) {
        FunctionCounter.Builder<SfuMetrics> builder = FunctionCounter.builder(name, this,
                m -> value.applyAsDouble(m.snapshot())).description(description);
        if (tagKey != null) {
            builder.tag(tagKey, tagValue);
        }
        if (baseUnit != null) {
            builder.baseUnit(baseUnit);
        }
        builder.register(registry);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
