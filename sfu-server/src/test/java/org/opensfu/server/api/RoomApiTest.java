package org.opensfu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensfu.server.SfuServer;
import org.opensfu.server.testing.TestConfigs;
import org.opensfu.server.testing.WsClient;

class RoomApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static SfuServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = SfuServer.start(TestConfigs.loopback(0, 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createsListsGetsAndDeletesRooms() throws Exception {
        HttpResponse<String> created = request("POST", "/api/v1/rooms", "{\"room\": \"crud\", \"maxParticipants\": 3}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("room").asText()).isEqualTo("crud");
        assertThat(json(created).path("maxParticipants").asInt()).isEqualTo(3);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/rooms/crud");

        assertError(request("POST", "/api/v1/rooms", "{\"room\": \"crud\"}"), 409, "CONFLICT");
        assertThat(json(request("GET", "/api/v1/rooms", null)).path("rooms").findValuesAsText("room"))
                .contains("crud");
        assertThat(json(request("GET", "/api/v1/rooms/crud", null)).path("participants")).isEmpty();
        assertThat(json(request("GET", "/api/v1/rooms/crud/participants", null)).path("participants")).isEmpty();

        assertThat(request("DELETE", "/api/v1/rooms/crud", null).statusCode()).isEqualTo(204);
        assertError(request("GET", "/api/v1/rooms/crud", null), 404, "NOT_FOUND");
        assertError(request("DELETE", "/api/v1/rooms/crud", null), 404, "NOT_FOUND");
    }

    @Test
    void refusesBadBodiesWithJsonErrors() throws Exception {
        assertError(request("POST", "/api/v1/rooms", "{\"room\": "), 400, "BAD_REQUEST");
        assertError(request("POST", "/api/v1/rooms", "null"), 400, "BAD_REQUEST");
        assertError(request("POST", "/api/v1/rooms", ""), 400, "BAD_REQUEST");
        assertError(request("POST", "/api/v1/rooms", "{\"room\": \"a b\"}"), 400, "BAD_REQUEST");
        assertError(request("POST", "/api/v1/rooms", "{\"room\": \"ok\", \"color\": \"red\"}"), 400, "BAD_REQUEST");
        assertError(request("POST", "/api/v1/rooms", "{\"room\": \"ok\", \"maxParticipants\": 0}"), 400,
                "BAD_REQUEST");
        assertError(request("POST", "/api/v1/rooms", "{\"room\": \"" + "x".repeat(20_000) + "\"}"), 400,
                "BAD_REQUEST");
        assertError(request("GET", "/api/v1/nothing-here", null), 404, "NOT_FOUND");
        assertError(request("GET", "/api/v1/rooms/no-such-room/participants", null), 404, "NOT_FOUND");
    }

    @Test
    void removingAParticipantOrDeletingTheRoomTellsTheParticipant() throws Exception {
        assertThat(request("POST", "/api/v1/rooms", "{\"room\": \"kick\"}").statusCode()).isEqualTo(201);
        try (WsClient ada = new WsClient(server.httpPort()); WsClient grace = new WsClient(server.httpPort())) {
            ada.send("{\"type\": \"join\", \"room\": \"kick\", \"displayName\": \"Ada\"}");
            String adaId = ada.next("joined", WAIT).path("participantId").asText();
            grace.send("{\"type\": \"join\", \"room\": \"kick\", \"displayName\": \"Grace\"}");
            grace.next("joined", WAIT);

            JsonNode participants = json(request("GET", "/api/v1/rooms/kick/participants", null));
            assertThat(participants.path("participants").findValuesAsText("displayName"))
                    .containsExactlyInAnyOrder("Ada", "Grace");
            assertError(request("DELETE", "/api/v1/rooms/kick/participants/nobody", null), 404, "NOT_FOUND");

            assertThat(request("DELETE", "/api/v1/rooms/kick/participants/" + adaId, null).statusCode())
                    .isEqualTo(204);
            assertThat(ada.next("left", WAIT).path("reason").asText()).isEqualTo("REMOVED");
            assertThat(grace.next("participantLeft", WAIT).path("participantId").asText()).isEqualTo(adaId);

            assertThat(request("DELETE", "/api/v1/rooms/kick", null).statusCode()).isEqualTo(204);
            assertThat(grace.next("left", WAIT).path("reason").asText()).isEqualTo("ROOM_DELETED");
        }
        // an API-created room that emptied stays until deleted: this one was deleted
        assertError(request("GET", "/api/v1/rooms/kick", null), 404, "NOT_FOUND");
    }

    private static HttpResponse<String> request(String method, String path, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                + path)).header("Content-Type", "application/json");
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
    }
}
