package org.opensfu.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensfu.server.SfuServer;
import org.opensfu.server.testing.TestConfigs;

/** HTTPS and WSS, with a certificate from PEM files and with the development self-signed one. */
class TlsTest {
    @Test
    void servesHttpsAndWssWithAPemCertificateAndKey(@TempDir Path dir) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(List.of("sfu.example"));
        Path cert = Files.writeString(dir.resolve("cert.pem"), certificate.certificatePem());
        Path key = Files.writeString(dir.resolve("key.pem"), certificate.privateKeyPem());
        try (SfuServer server = SfuServer.start(TestConfigs.loopback(0, 0,
                "sfu.http.tls { cert-file = \"" + cert + "\", key-file = \"" + key + "\" }"))) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate.certificatePem())).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.httpPort() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.sslSession()).isPresent();

            CompletableFuture<String> firstMessage = new CompletableFuture<>();
            WebSocket socket = client.newWebSocketBuilder().buildAsync(
                    URI.create("wss://127.0.0.1:" + server.httpPort() + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            firstMessage.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\": \"join\", \"requestId\": \"1\", \"room\": \"tls\"}", true);
            assertThat(firstMessage.get(10, TimeUnit.SECONDS)).contains("\"type\":\"joined\"");
            socket.abort();
        }
    }

    @Test
    void generatesASelfSignedCertificateForDevelopment() throws Exception {
        try (SfuServer server = SfuServer.start(TestConfigs.loopback(0, 0, "sfu.http.tls.self-signed = true"))) {
            HttpClient strict = HttpClient.newHttpClient();
            URI uri = URI.create("https://127.0.0.1:" + server.httpPort() + "/health/ready");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString())).as("not trusted by default")
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            HttpResponse<String> response = HttpClient.newBuilder().sslContext(trustAll).build()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            X509Certificate presented = (X509Certificate) response.sslSession().orElseThrow()
                    .getPeerCertificates()[0];
            assertThat(presented.getSubjectX500Principal().getName()).contains("OpenSFU development");
            List<String> names = presented.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1)))
                    .toList();
            assertThat(names).contains("localhost", "127.0.0.1");
        }
    }

    private static SSLContext trusting(String certificatePem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("sfu", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), new SecureRandom());
        return context;
    }

    /** Trusts any certificate: only to reach the self-signed server. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
