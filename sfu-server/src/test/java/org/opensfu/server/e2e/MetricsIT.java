package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.server.testing.JavaParticipant;
import org.opensfu.server.testing.PrometheusText;
import org.opensfu.server.testing.ServerProcess;
import org.opensfu.server.testing.Tokens;

/**
 * A real session (two Java peers: one publishes audio, one receives it) on the real server, then a Prometheus scrape:
 * the expected series with non-zero packet counters, and counters that do not go down when participants leave. The
 * server logs JSON lines here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aSessionShowsInTheMetricsAndTheJsonLogs() throws Exception {
        try (ServerProcess server = ServerProcess.start(Tokens.CONFIG + "\nsfu.logging.json = true")) {
            double rtpIn;
            try (JavaParticipant alice = JavaParticipant.join(server.wsUrl(Tokens.join("metrics", "alice")),
                    "metrics", "Alice");
                 JavaParticipant bob = JavaParticipant.join(server.wsUrl(Tokens.join("metrics", "bob")),
                    "metrics", "Bob")) {
                String track = alice.publishAudio();
                bob.subscribeAudio(track);
                await().atMost(Duration.ofSeconds(10)).until(() -> bob.rtpReceived() > 25);

                PrometheusText scrape = scrape(server);
                assertThat(scrape.value("sfu_rooms")).isEqualTo(1);
                assertThat(scrape.value("sfu_participants")).isEqualTo(2);
                assertThat(scrape.value("sfu_tracks{kind=\"audio\"}")).isEqualTo(1);
                assertThat(scrape.value("sfu_tracks{kind=\"video\"}")).isZero();
                assertThat(scrape.value("sfu_transports")).isEqualTo(2);
                rtpIn = scrape.value("sfu_packets_received_total{type=\"rtp\"}");
                assertThat(rtpIn).isGreaterThan(25);
                assertThat(scrape.value("sfu_packets_sent_total{type=\"rtp\"}")).isGreaterThan(25);
                assertThat(scrape.value("sfu_packets_sent_total{type=\"rtcp\"}")).as("reports").isPositive();
                assertThat(scrape.value("sfu_packets_forwarded_total")).isGreaterThan(25);
                assertThat(scrape.value("sfu_received_bytes_total")).isGreaterThan(25 * 20);
                assertThat(scrape.value("sfu_sent_bytes_total")).isGreaterThan(25 * 20);
                assertThat(scrape.value("sfu_packets_dropped_total{reason=\"srtp_auth_failed\"}")).isZero();
                assertThat(scrape.value("sfu_srtp_failures_total")).isZero();
                assertThat(scrape.value("sfu_dtls_failures_total")).isZero();
                assertThat(scrape.value("sfu_keyframe_requests_total{result=\"sent\"}")).isZero(); // audio only
                assertThat(scrape.value("sfu_transit_time_seconds_count")).as("every RTP packet routed")
                        .isGreaterThan(25);
                assertThat(scrape.value("sfu_transit_time_seconds_bucket{le=\"+Inf\"}"))
                        .isEqualTo(scrape.value("sfu_transit_time_seconds_count"));
                assertThat(scrape.value("sfu_draining")).isZero();
                assertThat(scrape.samples().keySet().stream()
                        .filter(k -> k.startsWith("sfu_subscriber_bandwidth_estimate_bps{")))
                        .as("an estimate per connected participant").hasSize(2)
                        .allSatisfy(k -> assertThat(k).contains("room=\"metrics\""));
                for (String name : List.of("sfu_load_cpu_ratio", "sfu_load_packets_per_second", "sfu_load_stress_ratio",
                        "sfu_overloaded", "sfu_build_info", "sfu_media_loop_queued_packets", "sfu_send_failures_total",
                        "sfu_transports_closed_total", "jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                        "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds",
                        "system_cpu_count")) {
                    assertThat(scrape.has(name)).as(name).isTrue();
                }
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(new ObjectMapper().readTree(
                        server.http("GET", "/api/v1/load", Tokens.admin()).body()).path("packetsPerSecond")
                        .asDouble()).as("load signal").isGreaterThan(40));
                alice.leave();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                PrometheusText after = scrape(server);
                assertThat(after.value("sfu_participants")).isZero();
                assertThat(after.value("sfu_transports")).isZero();
                assertThat(after.value("sfu_packets_received_total{type=\"rtp\"}")).as("counters never go down")
                        .isGreaterThanOrEqualTo(rtpIn);
                assertThat(after.value("sfu_transports_closed_total{reason=\"local\"}")
                        + after.value("sfu_transports_closed_total{reason=\"peer_closed\"}")).isEqualTo(2);
            });

            List<JsonNode> lines = new ArrayList<>();
            for (String line : server.logText().split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(MAPPER.readTree(line));
                }
            }
            assertThat(lines).isNotEmpty();
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.has("level")).isTrue();
                assertThat(line.has("formattedMessage")).isTrue();
            });
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("formattedMessage").asText()).contains("room=metrics").contains("published");
                assertThat(line.path("mdc").path("identity").asText()).isEqualTo("alice");
                assertThat(line.path("mdc").path("room").asText()).isEqualTo("metrics");
            });
        }
    }

    private static PrometheusText scrape(ServerProcess server) {
        var response = server.http("GET", "/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return new PrometheusText(response.body());
    }
}
