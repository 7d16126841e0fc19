package org.opensfu.loadgen.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the SFU under test: CPU and memory of its process ({@link ProcessStats}) and, when it has them, its
 * Prometheus counters. {@code /metrics} is scraped only at the edges of a measurement window, since a scrape costs
 * the server some CPU of its own.
 */
public final class ServerProbe {
    private final ProcessStats process;
    private final URI metricsUri;
    private final HttpClient http;

    /** @param metricsUri the server's {@code /metrics}, or null when it has none (Janus) */
    public ServerProbe(long pid, URI metricsUri, HttpClient http) {
        this.process = new ProcessStats(pid);
        this.metricsUri = metricsUri;
        this.http = http;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.alive();
    }

    /** CPU and memory only: cheap, for the live progress line. */
    public ServerSample sampleProcess() throws IOException {
        return new ServerSample(System.nanoTime(), process.cpuNanos(), process.residentBytes(), false, 0, 0, 0, 0, 0,
                null);
    }

    /** CPU, memory and, if available, the metrics. */
    public ServerSample sample() throws IOException, InterruptedException {
        long cpuNanos = process.cpuNanos();
        long atNanos = System.nanoTime();
        long rss = process.residentBytes();
        if (metricsUri == null) {
            return new ServerSample(atNanos, cpuNanos, rss, false, 0, 0, 0, 0, 0, null);
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metricsUri).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + metricsUri + " answered " + response.statusCode());
        }
        PrometheusText m = PrometheusText.parse(response.body());
        return new ServerSample(atNanos, cpuNanos, rss, true, (long) m.total("sfu_packets_forwarded_total"),
                (long) m.series("sfu_packets_sent_total{type=\"rtp\"}"),
                (long) m.series("sfu_packets_received_total{type=\"rtp\"}"), (long) m.total("sfu_sent_bytes_total"),
                (long) m.total("sfu_packets_dropped_total"), m.histogram("sfu_transit_time_seconds"));
    }
}
