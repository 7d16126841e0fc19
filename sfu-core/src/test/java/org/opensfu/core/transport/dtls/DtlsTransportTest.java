package org.opensfu.core.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.srtp.SrtpKeyingMaterial;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.testing.HexFixtures;
import org.opensfu.core.time.Clock;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DtlsTransportTest {
    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate(Clock.system(), new SecureRandom());

    @Test
    void answersChromiumsFragmentedDtls13ClientHelloWithADtls12ServerHelloChoosingGcm() throws Exception {
        BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
        FailureListener listener = new FailureListener();
        DtlsTransport server = new DtlsTransport("test", DtlsRole.SERVER, CERTIFICATE, List.of(SrtpProfile.values()),
                Duration.ofSeconds(5), (buf, off, len) -> sent.add(copy(buf, off, len)), listener);
        server.setRemoteFingerprint(CERTIFICATE.fingerprint());
        try {
            List<byte[]> clientHello = HexFixtures.load("chromium-156-dtls-client-hello.hex").stream()
                    .map(HexFixtures.Fixture::bytes).toList();
            assertThat(clientHello).hasSize(2); // one ClientHello, two datagrams
            for (byte[] datagram : clientHello) {
                assertThat(server.onDatagram(datagram, 0, datagram.length)).isTrue();
            }
            server.start();

            byte[] flight = sent.poll(10, TimeUnit.SECONDS);
            assertThat(flight).isNotNull();
            ByteBuffer record = ByteBuffer.wrap(flight);
            assertThat(record.get() & 0xFF).as("record content type").isEqualTo(22); // handshake
            assertThat(record.getShort() & 0xFFFF).as("record version").isEqualTo(0xFEFD); // DTLS 1.2
            record.position(13);
            assertThat(record.get() & 0xFF).as("handshake type").isEqualTo(2); // ServerHello
            record.position(13 + 12);
            assertThat(record.getShort() & 0xFFFF).as("server_version").isEqualTo(0xFEFD);
            record.position(record.position() + 32); // random
            record.position(record.position() + 1 + (record.get(record.position()) & 0xFF)); // session id
            assertThat(record.getShort() & 0xFFFF).as("cipher suite")
                    .isEqualTo(0xC02B); // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
            record.get(); // compression
            int extensionsEnd = (record.getShort() & 0xFFFF) + record.position();
            Integer chosenProfile = null;
            while (record.position() < extensionsEnd) {
                int type = record.getShort() & 0xFFFF;
                int length = record.getShort() & 0xFFFF;
                if (type == 0x000E) { // use_srtp (RFC 5764 §4.1.1)
                    assertThat(record.getShort() & 0xFFFF).isEqualTo(2);
                    chosenProfile = record.getShort() & 0xFFFF;
                    record.position(record.position() + length - 4);
                } else {
                    record.position(record.position() + length);
                }
            }
            assertThat(chosenProfile).isEqualTo(SrtpProfile.AEAD_AES_128_GCM.id());
        } finally {
            server.close();
        }
    }

    @Test
    void failsAHandshakeNobodyAnswersAfterTheTimeout() throws Exception {
        FailureListener listener = new FailureListener();
        DtlsTransport client = new DtlsTransport("test", DtlsRole.CLIENT, CERTIFICATE, List.of(SrtpProfile.values()),
                Duration.ofSeconds(2), (buf, off, len) -> { }, listener);
        client.setRemoteFingerprint(CERTIFICATE.fingerprint());
        long startNanos = System.nanoTime();
        client.start();

        String reason = listener.failed.get(10, TimeUnit.SECONDS);
        assertThat(reason).contains("handshake failed");
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isBetween(Duration.ofMillis(1900),
                Duration.ofSeconds(8));
        assertThat(client.state()).isEqualTo(DtlsState.FAILED);
        client.close();
    }

    private static byte[] copy(byte[] buf, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        return copy;
    }

    private static final class FailureListener implements DtlsTransport.Listener {
        final CompletableFuture<String> failed = new CompletableFuture<>();

        @Override
        public void onDtlsConnected(SrtpKeyingMaterial keyingMaterial) {
        }

        @Override
        public void onDtlsFailed(String reason, Throwable cause) {
            failed.complete(reason);
        }

        @Override
        public void onDtlsClosed() {
        }
    }
}
