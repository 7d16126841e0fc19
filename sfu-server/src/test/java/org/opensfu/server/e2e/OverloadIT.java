package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.server.testing.JavaParticipant;
import org.opensfu.server.testing.PrometheusText;
import org.opensfu.server.testing.ServerProcess;

/** Over its packet-rate limit the real server reports not ready (and overloaded), and recovers when the load goes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OverloadIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void readinessFollowsThePacketRate() throws Exception {
        try (ServerProcess server = ServerProcess.start("sfu.load.max-packet-rate = 20")) {
            assertThat(server.http("GET", "/health/ready", null).statusCode()).isEqualTo(200);
            try (JavaParticipant alice = JavaParticipant.join(server.wsUrl(null), "busy", "Alice")) {
                alice.publishAudio(); // 50 packets per second, over the limit of 20
                await().atMost(WAIT).until(() -> server.http("GET", "/health/ready", null).statusCode() == 503);
                assertThat(server.http("GET", "/health/ready", null).body()).contains("overloaded")
                        .contains("packets/s");
                assertThat(server.http("GET", "/api/v1/load", null).body()).contains("\"overloaded\":true")
                        .contains("\"ready\":false");
                assertThat(new PrometheusText(server.http("GET", "/metrics", null).body()).value("sfu_overloaded"))
                        .isEqualTo(1);
                alice.leave();
            }
            await().atMost(WAIT).until(() -> server.http("GET", "/health/ready", null).statusCode() == 200);
            assertThat(server.logText()).contains("overloaded: ").contains("load back to normal");
        }
    }
}
