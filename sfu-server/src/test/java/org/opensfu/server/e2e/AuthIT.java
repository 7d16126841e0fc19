package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.server.auth.TokenMinter;
import org.opensfu.server.testing.ServerProcess;
import org.opensfu.server.testing.Tokens;
import org.opensfu.server.testing.WsClient;

/** Join and admin tokens against the real server process, with an API key configured. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static ServerProcess server;

    @BeforeAll
    static void start() {
        server = ServerProcess.start(Tokens.CONFIG);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aValidTokenJoinsItsRoomAndTheLogNamesTheIdentity() throws Exception {
        try (WsClient alice = new WsClient(server.wsUrl(Tokens.join("alpha", "alice")))) {
            alice.send("{\"type\": \"join\", \"requestId\": \"1\", \"room\": \"alpha\"}");
            assertThat(alice.next(WAIT).path("type").asText()).isEqualTo("joined");
        }
        assertThat(server.logText()).containsPattern("room=alpha participant=[a-z0-9]+ joined .* identity=alice");
    }

    @Test
    void missingExpiredAndTamperedTokensAreUnauthorizedAndClosed() throws Exception {
        String expired = Tokens.mint(new TokenMinter.Request("alpha", "eve", true, true, false, Duration.ofMinutes(5)),
                Instant.now().minus(Duration.ofHours(1)));
        String[] parts = Tokens.join("alpha", "eve").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alpha\"", "\"omega\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String otherSecret = TokenMinter.mint(Tokens.KEY, Tokens.SECRET + "x", new TokenMinter.Request("alpha",
                "eve", true, true, false, Duration.ofHours(1)), Instant.now());
        assertRefused(null, "UNAUTHORIZED", "token is required");
        assertRefused("", "UNAUTHORIZED", "token is required");
        assertRefused(expired, "UNAUTHORIZED", "expired");
        assertRefused(tampered, "UNAUTHORIZED", "signature");
        assertRefused(otherSecret, "UNAUTHORIZED", "signature");
        assertRefused("garbage", "UNAUTHORIZED", "not a signed JWT");
    }

    @Test
    void aTokenForAnotherRoomIsForbidden() throws Exception {
        try (WsClient mallory = new WsClient(server.wsUrl(Tokens.join("alpha", "mallory")))) {
            mallory.send("{\"type\": \"join\", \"requestId\": \"1\", \"room\": \"beta\"}");
            JsonNode error = mallory.next(WAIT);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(error.path("requestId").asText()).isEqualTo("1");
            assertThat(error.path("message").asText()).contains("alpha").contains("beta");
            assertThat(mallory.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    @Test
    void withoutThePublishRightAnOfferThatSendsIsForbidden() throws Exception {
        String viewer = Tokens.mint(new TokenMinter.Request("gamma", "viewer", false, true, false,
                Duration.ofHours(1)), Instant.now());
        try (WsClient client = new WsClient(server.wsUrl(viewer))) {
            client.send("{\"type\": \"join\", \"requestId\": \"1\", \"room\": \"gamma\"}");
            assertThat(client.next(WAIT).path("type").asText()).isEqualTo("joined");
            client.send("{\"type\": \"offer\", \"requestId\": \"o\", \"sdp\": \"" + offer("sendonly") + "\"}");
            JsonNode error = client.next(WAIT);
            assertThat(error.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(error.path("requestId").asText()).isEqualTo("o");
            assertThat(error.path("message").asText()).contains("publishing");
            client.send("{\"type\": \"offer\", \"requestId\": \"o2\", \"sdp\": \"" + offer("recvonly") + "\"}");
            assertThat(client.next(WAIT).path("type").asText()).as("receiving is allowed").isEqualTo("answer");
        }
    }

    @Test
    void theRestApiNeedsAnAdminToken() {
        String admin = Tokens.admin();
        assertThat(server.http("GET", "/api/v1/rooms", null).statusCode()).isEqualTo(401);
        assertThat(server.http("GET", "/api/v1/rooms", null).body()).contains("UNAUTHORIZED");
        assertThat(server.http("GET", "/api/v1/rooms", Tokens.join("alpha", "alice")).statusCode()).isEqualTo(403);
        assertThat(server.http("GET", "/api/v1/rooms", Tokens.join("alpha", "alice")).body()).contains("FORBIDDEN");
        assertThat(server.http("GET", "/api/v1/rooms", admin).statusCode()).isEqualTo(200);
        assertThat(server.http("GET", "/api/v1/load", admin).body()).contains("\"state\":\"SERVING\"");
        assertThat(server.http("GET", "/api/v1/rooms", admin + "x").statusCode()).isEqualTo(401);
        assertThat(server.http("POST", "/api/v1/admin/drain", Tokens.join("alpha", "alice")).statusCode())
                .isEqualTo(403);
        String expiredAdmin = Tokens.mint(new TokenMinter.Request(null, "ops", false, false, true,
                Duration.ofMinutes(1)), Instant.now().minus(Duration.ofHours(1)));
        assertThat(server.http("DELETE", "/api/v1/rooms/alpha", expiredAdmin).statusCode()).isEqualTo(401);
        // health and metrics stay open for probes and scrapers
        assertThat(server.http("GET", "/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(server.http("GET", "/metrics", null).statusCode()).isEqualTo(200);
    }

    private static void assertRefused(String token, String code, String message) throws Exception {
        try (WsClient client = new WsClient(server.wsUrl(token))) {
            JsonNode error = client.next(WAIT);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).as("for token %s", token).isEqualTo(code);
            assertThat(error.path("message").asText()).contains(message);
            assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    /** An audio-only offer, JSON-escaped, sending or receiving. */
    private static String offer(String direction) {
        return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdefghijkl\r\n"
                + "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\na=setup:actpass\r\na=mid:0\r\n"
                + "a=" + direction + "\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n")
                .replace("\r\n", "\\r\\n");
    }
}
