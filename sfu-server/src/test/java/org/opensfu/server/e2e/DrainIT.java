package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.server.testing.JavaParticipant;
import org.opensfu.server.testing.ServerProcess;
import org.opensfu.server.testing.Tokens;
import org.opensfu.server.testing.WsClient;

/**
 * Draining the real server process: readiness turns 503 at once, new rooms are refused, the session already there
 * keeps its media flowing, and the process exits with status 0 when the room ends (admin call) or at the deadline
 * (SIGTERM); a second SIGTERM stops at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DrainIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void anAdminDrainKeepsTheSessionFlowingAndExitsWhenTheRoomEnds() throws Exception {
        try (ServerProcess server = ServerProcess.start("sfu.drain.deadline = 40s");
             JavaParticipant alice = JavaParticipant.join(server.wsUrl(null), "meeting", "Alice");
             JavaParticipant bob = JavaParticipant.join(server.wsUrl(null), "meeting", "Bob")) {
            bob.subscribeAudio(alice.publishAudio());
            await().atMost(WAIT).until(() -> bob.rtpReceived() > 10);
            assertThat(server.http("GET", "/health/ready", null).statusCode()).isEqualTo(200);

            var drain = server.http("POST", "/api/v1/admin/drain", null);
            assertThat(drain.statusCode()).isEqualTo(202);
            assertThat(drain.body()).contains("\"state\":\"DRAINING\"").contains("\"participants\":2");
            var ready = server.http("GET", "/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("draining");

            try (WsClient newcomer = new WsClient(server.wsUrl(null))) {
                newcomer.send("{\"type\": \"join\", \"requestId\": \"n\", \"room\": \"another\"}");
                JsonNode refused = newcomer.next(WAIT);
                assertThat(refused.path("code").asText()).isEqualTo("UNAVAILABLE");
            }
            try (WsClient latecomer = new WsClient(server.wsUrl(null))) {
                latecomer.send("{\"type\": \"join\", \"requestId\": \"l\", \"room\": \"meeting\"}");
                assertThat(latecomer.next("joined", WAIT)).isNotNull();
            }
            long before = bob.rtpReceived();
            Thread.sleep(1000);
            assertThat(bob.rtpReceived() - before).as("packets in a second of draining").isGreaterThan(30);
            assertThat(server.isAlive()).isTrue();

            alice.leave();
            bob.leave();
            assertThat(server.awaitExit(Duration.ofSeconds(10))).as("exit status once the room ended").isZero();
            assertThat(server.logText()).contains("drained: every room has ended").contains("stopped");
        }
    }

    @Test
    void sigtermDrainsUntilTheDeadlineThenTellsTheParticipantsAndExitsZero() throws Exception {
        try (ServerProcess server = ServerProcess.start("sfu.drain.deadline = 2s");
             WsClient stayer = new WsClient(server.wsUrl(null))) {
            stayer.send("{\"type\": \"join\", \"requestId\": \"j\", \"room\": \"late\"}");
            assertThat(stayer.next("joined", WAIT)).isNotNull();
            long start = System.nanoTime();
            server.signalTerm();
            await().atMost(WAIT).until(() -> server.http("GET", "/health/ready", null).statusCode() == 503);
            assertThat(server.isAlive()).isTrue();
            JsonNode left = stayer.next("left", WAIT);
            assertThat(left.path("reason").asText()).isEqualTo("SERVER_STOPPING");
            assertThat(server.awaitExit(WAIT)).isZero();
            assertThat(System.nanoTime() - start).as("waited for the deadline")
                    .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1500));
            assertThat(server.logText()).contains("draining (SIGTERM").contains("drain deadline of 2 s reached");
        }
    }

    @Test
    void theDrainCommandDrainsTheLocalServerWithItsOwnAdminTokenAndWaitsForItToStop() throws Exception {
        try (ServerProcess server = ServerProcess.start(Tokens.CONFIG + "\nsfu.drain.deadline = 40s");
             WsClient stayer = new WsClient(server.wsUrl(Tokens.join("late", "stayer")))) {
            stayer.send("{\"type\": \"join\", \"requestId\": \"j\", \"room\": \"late\"}");
            assertThat(stayer.next("joined", WAIT)).isNotNull();
            Process drain = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                    System.getProperty("sfu.serverJar"), "drain", "--config", server.configFile().toString())
                    .redirectErrorStream(true).start();
            await().atMost(WAIT).until(() -> server.http("GET", "/health/ready", null).statusCode() == 503);
            assertThat(drain.isAlive()).as("waits while the room lasts").isTrue();
            stayer.send("{\"type\": \"leave\"}");
            assertThat(drain.waitFor(15, TimeUnit.SECONDS)).isTrue();
            String output = new String(drain.getInputStream().readAllBytes());
            assertThat(drain.exitValue()).as(output).isZero();
            assertThat(output).contains("\"state\":\"DRAINING\"").contains("drained: the server has stopped");
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void aSecondSigtermStopsAtOnce() throws Exception {
        try (ServerProcess server = ServerProcess.start("sfu.drain.deadline = 60s");
             WsClient stayer = new WsClient(server.wsUrl(null))) {
            stayer.send("{\"type\": \"join\", \"requestId\": \"j\", \"room\": \"late\"}");
            assertThat(stayer.next("joined", WAIT)).isNotNull();
            server.signalTerm();
            await().atMost(WAIT).until(() -> server.logText().contains("draining (SIGTERM"));
            server.signalTerm();
            assertThat(server.awaitExit(WAIT)).isZero();
            assertThat(server.logText()).contains("second SIGTERM: stopping now");
        }
    }
}
