package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.testing.Chromium;
import org.opensfu.server.testing.BrowserParticipant;
import org.opensfu.server.testing.ServerProcess;
import org.opensfu.server.testing.WsClient;

/**
 * Hostile and broken input over the signaling API, while two browsers are in a call: every bad message gets an error
 * reply or a clean close, and the call goes on.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BadInputIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void badInputGetsErrorsAndTheOthersMediaKeepsFlowing() throws Exception {
        Chromium.assumeUsable();
        try (ServerProcess server = ServerProcess.start("");
             Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            BrowserParticipant alice = BrowserParticipant.join(browser, server.baseUrl(), "call", "Alice");
            BrowserParticipant bob = BrowserParticipant.join(browser, server.baseUrl(), "call", "Bob");
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                ConferenceIT.assertReceivesEveryone(alice, Set.of(bob.participantId()));
                ConferenceIT.assertReceivesEveryone(bob, Set.of(alice.participantId()));
            });

            try (WsClient stranger = new WsClient(server.httpPort())) {
                stranger.send("{\"type\": \"offer\", \"requestId\": \"x\", \"sdp\": \"v=0\"}");
                assertError(stranger.next(WAIT), "join first");
            }
            try (WsClient attacker = new WsClient(server.httpPort())) {
                attacker.send("{{{{");
                assertError(attacker.next(WAIT), "malformed");
                attacker.send("{\"type\": \"subscribeAll\"}");
                assertError(attacker.next(WAIT), "unknown");
                attacker.send("{\"type\": \"join\", \"requestId\": \"j\", \"room\": \"call\", \"displayName\": \"Mallory\"}");
                assertThat(attacker.next("joined", WAIT).path("participants")).hasSize(2);

                for (String sdp : hostileOffers()) {
                    attacker.send("{\"type\": \"offer\", \"requestId\": \"bad\", \"sdp\": " + jsonString(sdp) + "}");
                    JsonNode reply = attacker.next(WAIT);
                    assertThat(reply.path("type").asText()).as("reply to a hostile offer").isEqualTo("error");
                    assertThat(reply.path("code").asText()).isIn("BAD_REQUEST", "LIMIT_EXCEEDED");
                    assertThat(reply.path("requestId").asText()).isEqualTo("bad");
                }
                attacker.send("{\"type\": \"offer\", \"requestId\": \"big\", \"sdp\": \"" + "a".repeat(70_000) + "\"}");
                assertThat(attacker.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
            }
            try (WsClient flooder = new WsClient(server.httpPort())) {
                for (int i = 0; i < 1000; i++) {
                    flooder.send("{\"type\": \"join\", \"room\": \"call\", \"extra\": " + i + "}");
                }
                assertThat(flooder.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
            }

            ConferenceIT.assertVideoKeepsDecoding(alice, List.of(bob));
            ConferenceIT.assertVideoKeepsDecoding(bob, List.of(alice));
            assertThat(server.isAlive()).isTrue();
            assertThat(server.logText()).doesNotContain("failed to handle").doesNotContain("Exception");
        }
    }

    /** Offers a server must refuse without harm: broken syntax, absurd sizes and values, missing essentials. */
    private static List<String> hostileOffers() {
        String header = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
        String transport = "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdefghijkl\r\n"
                + "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\na=setup:actpass\r\n";
        String audio = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\na=sendonly\r\n" + transport;
        return List.of(
                "",
                "not an sdp at all",
                "v=0\r\n",
                header + "m=audio banana UDP/TLS/RTP/SAVPF 111\r\n",
                header + "a=group:BUNDLE 0\r\n" + audio.replace("a=rtcp-mux", "a=mid:0\r\na=rtcp-mux")
                        .replace("opus/48000/2", "opus/99999999999999999999/2"),
                header + audio + "a=mid:0\r\n", // no BUNDLE group
                header + "a=group:BUNDLE 0\r\n" + audio.replace("a=ice-ufrag:abcd", "a=ice-ufrag:ab:cd")
                        + "a=mid:0\r\n",
                header + "a=group:BUNDLE 0\r\n" + audio.replace("sha-256", "md5") + "a=mid:0\r\n",
                header + "a=group:BUNDLE 0\r\n" + audio.replace("a=setup:actpass", "a=setup:passive") + "a=mid:0\r\n",
                header + "a=group:BUNDLE 0\r\n" + ("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n").repeat(800),
                header + "a=group:BUNDLE 0\r\n" + audio + "a=mid:0\r\na=x:" + "\u0001".repeat(10) + "\r\n");
    }

    private static void assertError(JsonNode message, String contains) {
        assertThat(message.path("type").asText()).isEqualTo("error");
        assertThat(message.path("message").asText()).containsIgnoringCase(contains);
    }

    private static String jsonString(String text) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
    }
}
