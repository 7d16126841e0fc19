package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.server.testing.HaproxyProcess;
import org.opensfu.server.testing.ServerProcess;
import org.opensfu.server.testing.Tokens;
import org.opensfu.server.testing.WsClient;

/**
 * Three server processes behind HAProxy with the project's own config, all on loopback: every participant of a room
 * lands on the same node (by the room claim of its token), and rooms spread over the nodes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HaproxyClusterIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ROOMS = 8;
    private static final int PER_ROOM = 3;

    @Test
    void theConfigIsValidAndEveryParticipantOfARoomLandsOnOneNode() throws Exception {
        HaproxyProcess.assumeInstalled();
        HaproxyProcess.Check check = HaproxyProcess.check(HaproxyProcess.environment(8080,
                List.of("127.0.0.1:8081", "127.0.0.1:8082", "127.0.0.1:8083")));
        assertThat(check.status()).as(check.output()).isZero();
        assertThat(check.output()).contains("Configuration file is valid");
        Map<String, String> withDns = new HashMap<>(HaproxyProcess.environment(8080,
                List.of("sfu1:8080", "sfu2:8080", "sfu3:8080")));
        withDns.put("SFU_LB_RESOLVE", "1"); // as compose and Kubernetes run it
        HaproxyProcess.Check dnsCheck = HaproxyProcess.check(withDns);
        assertThat(dnsCheck.status()).as(dnsCheck.output()).isZero();

        List<ServerProcess> nodes = new ArrayList<>();
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(ServerProcess.start(Tokens.CONFIG + "\nsfu.node.id = n" + (i + 1)));
            }
            try (HaproxyProcess haproxy = HaproxyProcess.start(nodes.stream()
                    .map(n -> "127.0.0.1:" + n.httpPort()).toList())) {
                String lb = "ws://127.0.0.1:" + haproxy.port() + "/ws?access_token=";
                for (int r = 0; r < ROOMS; r++) {
                    for (int p = 0; p < PER_ROOM; p++) {
                        String room = "room-" + r;
                        WsClient client = new WsClient(lb + Tokens.join(room, "user-" + r + "-" + p));
                        clients.add(client);
                        client.send("{\"type\": \"join\", \"requestId\": \"j\", \"room\": \"" + room + "\"}");
                        JsonNode joined = client.next("joined", WAIT);
                        assertThat(joined.path("participants")).as("others already in %s", room).hasSize(p);
                    }
                }

                Map<String, String> nodeOfRoom = new HashMap<>();
                for (int i = 0; i < nodes.size(); i++) {
                    JsonNode rooms = MAPPER.readTree(nodes.get(i).http("GET", "/api/v1/rooms", Tokens.admin())
                            .body()).path("rooms");
                    for (JsonNode room : rooms) {
                        String name = room.path("room").asText();
                        assertThat(nodeOfRoom.put(name, "n" + (i + 1))).as("%s is on one node only", name).isNull();
                        assertThat(room.path("participants")).as("everyone of %s is on n%d", name, i + 1)
                                .hasSize(PER_ROOM);
                    }
                }
                assertThat(nodeOfRoom).hasSize(ROOMS);
                Set<String> used = new HashSet<>(nodeOfRoom.values());
                assertThat(used).as("rooms spread over the nodes: %s", nodeOfRoom).hasSizeGreaterThan(1);

                // REST calls about a room reach its node through the balancer too (hash on /api/v1/rooms/<room>)
                for (String room : nodeOfRoom.keySet()) {
                    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                            .newBuilder(java.net.URI.create("http://127.0.0.1:" + haproxy.port() + "/api/v1/rooms/"
                                    + room)).header("Authorization", "Bearer " + Tokens.admin()).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as("GET %s through the balancer", room).isEqualTo(200);
                }
            }
        } finally {
            clients.forEach(WsClient::close);
            nodes.forEach(ServerProcess::close);
        }
    }
}
