package org.opensfu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.opensfu.server.testing.TestConfigs;

class SfuServerTest {
    @Test
    void startsAnswersHealthChecksAndStops() throws Exception {
        try (SfuServer server = SfuServer.start(TestConfigs.loopback(0, 0))) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/health/live", "/health/ready"}) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
            }
            assertThat(server.engine().transports().mediaPort().port()).isPositive();
        }
    }

    @Test
    void refusesToStartOnATakenHttpPortAndReleasesTheMediaPort() throws Exception {
        int mediaPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            mediaPort = probe.getLocalPort();
        }
        try (SfuServer first = SfuServer.start(TestConfigs.loopback(0, 0))) {
            assertThatThrownBy(() -> SfuServer.start(TestConfigs.loopback(first.httpPort(), mediaPort)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen on HTTP");
        }
        try (DatagramSocket rebound = new DatagramSocket(mediaPort, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(mediaPort); // the failed start let go of the UDP port
        }
    }
}
