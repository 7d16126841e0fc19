package org.opensfu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensfu.server.SfuServer;
import org.opensfu.server.testing.TestConfigs;
import org.opensfu.server.testing.WsClient;

/** Bad input on the signaling WebSocket gets an error reply or a clean close, never a crash. */
class SignalingProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static SfuServer server;

    @BeforeAll
    static void start() {
        server = SfuServer.start(TestConfigs.loopback(0, 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersMalformedAndUnknownMessagesWithErrorsAndStaysUsable() throws Exception {
        try (WsClient client = new WsClient(server.httpPort())) {
            client.send("{not json");
            assertError(client.next(WAIT), "BAD_REQUEST", "malformed");
            client.send("[1, 2, 3]");
            assertError(client.next(WAIT), "BAD_REQUEST", null);
            client.send("null");
            assertError(client.next(WAIT), "BAD_REQUEST", "JSON object");
            client.send("{\"type\": \"teleport\"}");
            assertError(client.next(WAIT), "BAD_REQUEST", "teleport");
            client.send("{\"room\": \"x\"}");
            assertError(client.next(WAIT), "BAD_REQUEST", "type");
            client.send("{\"type\": \"join\", \"room\": \"x\", \"extra\": 1}");
            assertError(client.next(WAIT), "BAD_REQUEST", "extra");
            client.sendBinary(new byte[] {1, 2, 3});
            assertError(client.next(WAIT), "BAD_REQUEST", "binary");

            // nothing before join
            client.send("{\"type\": \"offer\", \"requestId\": \"o1\", \"sdp\": \"v=0\"}");
            JsonNode error = client.next(WAIT);
            assertError(error, "BAD_REQUEST", "join first");
            assertThat(error.path("requestId").asText()).isEqualTo("o1");
            client.send("{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 127.0.0.1 9 typ host\"}");
            assertError(client.next(WAIT), "BAD_REQUEST", "join first");

            client.send("{\"type\": \"join\", \"requestId\": \"j0\", \"room\": \"has spaces\"}");
            assertError(client.next(WAIT), "BAD_REQUEST", "room");
            client.send("{\"type\": \"join\", \"requestId\": \"j1\", \"room\": \"protocol-test\", \"displayName\": "
                    + "\"Ada\"}");
            JsonNode joined = client.next(WAIT);
            assertThat(joined.path("type").asText()).isEqualTo("joined");
            assertThat(joined.path("requestId").asText()).isEqualTo("j1");
            assertThat(joined.path("participantId").asText()).matches("[a-z0-9]{8}");
            assertThat(joined.path("participants")).isEmpty();

            client.send("{\"type\": \"join\", \"requestId\": \"j2\", \"room\": \"protocol-test\"}");
            assertError(client.next(WAIT), "BAD_REQUEST", "already joined");
            client.send("{\"type\": \"offer\", \"requestId\": \"o2\", \"sdp\": \"this is not SDP\"}");
            assertError(client.next(WAIT), "BAD_REQUEST", null);
            client.send("{\"type\": \"candidate\", \"candidate\": \"nonsense\"}");
            assertError(client.next(WAIT), "BAD_REQUEST", "candidate");

            client.send("{\"type\": \"setTrackConstraints\", \"trackId\": \"x-1\", \"maxHeight\": -5}");
            assertError(client.next(WAIT), "BAD_REQUEST", "maxHeight");
            client.send("{\"type\": \"setTrackConstraints\", \"trackId\": \"x-1\", \"maxFrameRate\": 0}");
            assertError(client.next(WAIT), "BAD_REQUEST", "maxFrameRate");
            client.send("{\"type\": \"setTrackConstraints\", \"maxHeight\": 180}");
            assertError(client.next(WAIT), "BAD_REQUEST", "trackId");
            client.send("{\"type\": \"setTrackConstraints\", \"trackId\": \"x-1\", \"maxHeight\": 180}");
            // accepted silently (for a track it does not receive yet)

            client.send("{\"type\": \"leave\"}");
            assertThat(client.next(WAIT).path("reason").asText()).isEqualTo("LEFT");
            assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void closesAConnectionThatSendsAnOversizedMessage() throws Exception {
        try (WsClient client = new WsClient(server.httpPort())) {
            client.send("{\"type\": \"join\", \"room\": \"" + "x".repeat(70_000) + "\"}");
            assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    @Test
    void disconnectsAFlood() throws Exception {
        try (WsClient client = new WsClient(server.httpPort())) {
            for (int i = 0; i < 500; i++) {
                client.send("{\"type\": \"leav\"}");
            }
            assertThat(client.next("error", WAIT).path("code").asText()).isIn("BAD_REQUEST", "LIMIT_EXCEEDED");
            assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    @Test
    void tellsTheOthersWhenSomeoneJoinsAndLeavesAndFreesTheRoom() throws Exception {
        try (WsClient ada = new WsClient(server.httpPort()); WsClient grace = new WsClient(server.httpPort())) {
            ada.send("{\"type\": \"join\", \"room\": \"events-test\", \"displayName\": \"Ada\"}");
            String adaId = ada.next("joined", WAIT).path("participantId").asText();
            grace.send("{\"type\": \"join\", \"room\": \"events-test\", \"displayName\": \"Grace\"}");
            JsonNode joined = grace.next("joined", WAIT);
            assertThat(joined.path("participants").get(0).path("participantId").asText()).isEqualTo(adaId);
            assertThat(joined.path("participants").get(0).path("displayName").asText()).isEqualTo("Ada");
            JsonNode event = ada.next("participantJoined", WAIT);
            assertThat(event.path("participant").path("displayName").asText()).isEqualTo("Grace");

            grace.close(); // vanishes without leave
            assertThat(ada.next("participantLeft", WAIT).path("participantId").asText())
                    .isEqualTo(joined.path("participantId").asText());
            ada.send("{\"type\": \"leave\"}");
            ada.next("left", WAIT);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!server.rooms().list().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.rooms().list()).isEmpty(); // a room made by a join goes away with its last participant
    }

    static void assertError(JsonNode message, String code, String messageContains) {
        assertThat(message.path("type").asText()).isEqualTo("error");
        assertThat(message.path("code").asText()).isEqualTo(code);
        if (messageContains != null) {
            assertThat(message.path("message").asText()).containsIgnoringCase(messageContains);
        }
    }
}
