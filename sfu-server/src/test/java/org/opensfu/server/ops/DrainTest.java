package org.opensfu.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opensfu.server.SfuServer;
import org.opensfu.server.testing.TestConfigs;
import org.opensfu.server.testing.WsClient;

/** Draining in process: no new rooms, existing rooms go on, done when they end or at the deadline. */
class DrainTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void refusesNewRoomsKeepsExistingOnesAndEndsWhenTheyEnd() throws Exception {
        CountDownLatch drained = new CountDownLatch(1);
        try (SfuServer server = SfuServer.start(TestConfigs.loopback(0, 0, "sfu.drain.deadline = 1m"),
                drained::countDown);
             WsClient alice = new WsClient(server.httpPort())) {
            join(alice, "standup");
            assertThat(status(server, "GET", "/health/ready")).isEqualTo(200);

            HttpResponse<String> drain = request(server, "POST", "/api/v1/admin/drain");
            assertThat(drain.statusCode()).isEqualTo(202);
            assertThat(drain.body()).contains("\"state\":\"DRAINING\"").contains("\"participants\":1");
            assertThat(status(server, "GET", "/health/ready")).isEqualTo(503);
            assertThat(request(server, "GET", "/health/ready").body()).contains("draining");
            assertThat(request(server, "GET", "/api/v1/load").body()).contains("\"state\":\"DRAINING\"")
                    .contains("\"ready\":false");

            try (WsClient newcomer = new WsClient(server.httpPort()); WsClient bob = new WsClient(server.httpPort())) {
                newcomer.send("{\"type\": \"join\", \"requestId\": \"n\", \"room\": \"another\"}");
                JsonNode refused = newcomer.next(WAIT);
                assertThat(refused.path("code").asText()).isEqualTo("UNAVAILABLE");
                assertThat(refused.path("message").asText()).contains("draining");
                join(bob, "standup"); // an existing room still takes people
                assertThat(status(server, "POST", "/api/v1/rooms")).as("REST creation refused too")
                        .isIn(400, 503);
                bob.send("{\"type\": \"leave\"}");
                bob.next("left", WAIT);
            }
            assertThat(drained.await(600, TimeUnit.MILLISECONDS)).as("Alice is still there").isFalse();
            alice.send("{\"type\": \"leave\"}");
            alice.next("left", WAIT);
            assertThat(drained.await(5, TimeUnit.SECONDS)).as("drained once the room ended").isTrue();
            assertThat(server.drainController().state()).isEqualTo(DrainController.State.DRAINED);
        }
    }

    @Test
    void theDeadlineEndsADrainThatTheRoomsDoNotEnd() throws Exception {
        CountDownLatch drained = new CountDownLatch(1);
        try (SfuServer server = SfuServer.start(TestConfigs.loopback(0, 0, "sfu.drain.deadline = 1s"),
                drained::countDown);
             WsClient stayer = new WsClient(server.httpPort())) {
            join(stayer, "forever");
            long start = System.nanoTime();
            server.drain("test");
            server.drain("test again"); // idempotent
            assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
        }
    }

    private static void join(WsClient client, String room) throws Exception {
        client.send("{\"type\": \"join\", \"requestId\": \"j\", \"room\": \"" + room + "\"}");
        assertThat(client.next(WAIT).path("type").asText()).isEqualTo("joined");
    }

    private static int status(SfuServer server, String method, String path) throws Exception {
        return request(server, method, path).statusCode();
    }

    private static HttpResponse<String> request(SfuServer server, String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
