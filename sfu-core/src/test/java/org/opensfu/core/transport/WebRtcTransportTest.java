package org.opensfu.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.stats.DropReason;
import org.opensfu.core.testing.TestPackets;

/** The Java peer against the server-side transport, over loopback, with real ICE, DTLS and SRTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebRtcTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void connectsAndExchangesSrtpAndSrtcpInBothDirections() throws Exception {
        try (TransportPair pair = new TransportPair(Duration.ofSeconds(30), List.of(SrtpProfile.values()))) {
            pair.start();
            pair.serverEvents.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            pair.peerEvents.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(pair.server.srtpProfile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
            assertThat(pair.peer.transport().srtpProfile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
            exchangeMediaBothWays(pair, 0);

            pair.peer.close();
            assertThat(pair.serverEvents.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(CloseReason.PEER_CLOSED);
            await().atMost(WAIT).until(() -> pair.manager.transportCount() == 0);
            await().atMost(WAIT).until(() -> pair.pool.outstanding() == 0);
        }
    }

    @Test
    void negotiatesAesCmWhenThePeerOffersOnlyThat() throws Exception {
        try (TransportPair pair = new TransportPair(Duration.ofSeconds(30),
                List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80))) {
            pair.start();
            pair.serverEvents.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            pair.peerEvents.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(pair.server.srtpProfile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
            assertThat(pair.peer.transport().srtpProfile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
            exchangeMediaBothWays(pair, 0);
        }
    }

    @Test
    void refusesAPeerWhoseCertificateDoesNotMatchTheSignalledFingerprint() throws Exception {
        try (TransportPair pair = new TransportPair(Duration.ofSeconds(30), List.of(SrtpProfile.values()))) {
            // signal the fingerprint of some other certificate for the peer
            pair.server.start(new RemoteTransportParameters(pair.peer.localIceParameters(),
                    pair.peer.localCandidates(), pair.server.localFingerprint()));
            pair.peer.connect(new RemoteTransportParameters(pair.server.localIceParameters(),
                    pair.manager.localCandidates(), pair.server.localFingerprint()));

            assertThat(pair.serverEvents.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(CloseReason.DTLS_FAILED);
            assertThat(pair.serverEvents.connected).isNotDone();
            assertThat(pair.peerEvents.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isIn(CloseReason.DTLS_FAILED, CloseReason.PEER_CLOSED);
            assertThat(pair.peerEvents.connected).isNotDone();
            assertThat(pair.server.state()).isEqualTo(TransportState.CLOSED);
        }
    }

    @Test
    void keepsWorkingWhileRandomAndTruncatedDatagramsHitTheSharedPort() throws Exception {
        try (TransportPair pair = new TransportPair(Duration.ofSeconds(30), List.of(SrtpProfile.values()));
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            pair.start();
            pair.serverEvents.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            pair.peerEvents.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            InetSocketAddress port = pair.manager.mediaPort().boundAddresses().get(0);

            // A STUN request naming the server's ufrag makes the shared port deliver this socket's datagrams to the
            // server transport, as an attacker who sniffed the ufrag could: everything after must be a counted drop.
            byte[] stun = TestPackets.stunBindingRequest(
                    pair.server.localIceParameters().ufrag() + ":" + pair.peer.localIceParameters().ufrag(),
                    new byte[12]);
            attacker.send(new DatagramPacket(stun, stun.length, port));
            Thread.sleep(200);

            Random random = new Random(42);
            byte[] validRtp = TestPackets.rtp(96, 1000, 90_000, 0x1234, new byte[200]);
            int sent = 0;
            int mustBeCountedDrops = 0; // DTLS-looking input goes to the DTLS layer, STUN-looking to ice4j
            for (int i = 0; i < 3000; i++) {
                byte[] datagram = switch (i % 5) {
                    case 0 -> randomBytes(random, 1 + random.nextInt(1400));
                    case 1 -> Arrays.copyOf(validRtp, random.nextInt(validRtp.length)); // truncated clear RTP
                    case 2 -> withFirstByte(randomBytes(random, 1 + random.nextInt(300)), 0x80); // RTP-looking
                    case 3 -> withFirstByte(randomBytes(random, 1 + random.nextInt(300)), 22); // DTLS-looking
                    default -> withFirstByte(randomBytes(random, 2 + random.nextInt(100)), 0x81, 200); // RTCP-looking
                };
                if (datagram.length == 0) {
                    continue;
                }
                attacker.send(new DatagramPacket(datagram, datagram.length, port));
                stranger.send(new DatagramPacket(datagram, datagram.length, port));
                sent++;
                PacketKind kind = PacketClassifier.classify(datagram, 0, datagram.length);
                if (kind != PacketKind.DTLS && kind != PacketKind.STUN) {
                    mustBeCountedDrops++;
                }
                if (i % 20 == 0) {
                    Thread.sleep(1); // a flood that overflows the kernel's socket buffer would drop everyone's packets
                }
                if (i % 500 == 0) {
                    exchangeMediaBothWays(pair, i); // media keeps flowing during the barrage
                }
            }
            exchangeMediaBothWays(pair, 5000);

            int expectedDrops = mustBeCountedDrops;
            assertThat(sent).isGreaterThan(2900);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(pair.server.drops().total()).isGreaterThanOrEqualTo(expectedDrops));
            TransportStats stats = pair.server.stats();
            assertThat(stats.state()).isEqualTo(TransportState.CONNECTED);
            assertThat(stats.dropped(DropReason.SRTP_AUTH_FAILED) + stats.dropped(DropReason.SRTP_INVALID))
                    .isPositive();
            assertThat(stats.dropped(DropReason.UNKNOWN_PROTOCOL)).isPositive();
            assertThat(pair.serverEvents.closed).isNotDone();
        }
    }

    @Test
    void closesATransportWhosePeerVanishesAndFreesIt() throws Exception {
        try (TransportPair pair = new TransportPair(Duration.ofSeconds(2), List.of(SrtpProfile.values()))) {
            pair.start();
            pair.serverEvents.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            pair.peerEvents.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            exchangeMediaBothWays(pair, 0);

            long vanishedAtNanos = System.nanoTime();
            pair.peer.vanish();

            assertThat(pair.serverEvents.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(CloseReason.INACTIVE);
            assertThat(Duration.ofNanos(System.nanoTime() - vanishedAtNanos)).isGreaterThan(Duration.ofSeconds(1));
            await().atMost(WAIT).until(() -> pair.manager.transportCount() == 0);
            await().atMost(WAIT).until(() -> pair.pool.outstanding() == 0);
        }
    }

    /** Sends one RTP and one RTCP packet each way and checks they arrive decrypted and intact. */
    private static void exchangeMediaBothWays(TransportPair pair, int round) throws Exception {
        byte[] payload = new byte[1000];
        new Random(round).nextBytes(payload);
        byte[] fromPeer = TestPackets.rtp(111, 100 + round, 48_000L * round, 0xAAAA0001, payload);
        byte[] fromServer = TestPackets.rtp(96, 200 + round, 90_000L * round, 0xBBBB0002, payload);
        byte[] pli = TestPackets.pli(0xAAAA0001, 0xBBBB0002);
        byte[] rr = TestPackets.emptyReceiverReport(0xBBBB0002);

        send(pair, pair.peer.transport(), fromPeer, false);
        send(pair, pair.peer.transport(), pli, true);
        send(pair, pair.server, fromServer, false);
        send(pair, pair.server, rr, true);

        assertThat(pair.serverEvents.nextRtp(WAIT)).as(() -> "server " + pair.server.stats() + " peer "
                + pair.peer.transport().stats()).isEqualTo(fromPeer);
        assertThat(pair.serverEvents.nextRtcp(WAIT)).isEqualTo(pli);
        assertThat(pair.peerEvents.nextRtp(WAIT)).isEqualTo(fromServer);
        assertThat(pair.peerEvents.nextRtcp(WAIT)).isEqualTo(rr);
    }

    private static void send(TransportPair pair, WebRtcTransport transport, byte[] bytes, boolean rtcp) {
        PacketBuffer buffer = pair.pool.acquire();
        buffer.copyFrom(bytes, 0, bytes.length);
        transport.loop().execute(() -> {
            boolean ok = rtcp ? transport.sendRtcp(buffer) : transport.sendRtp(buffer);
            buffer.release();
            assertThat(ok).isTrue();
        });
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] withFirstByte(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length && i < bytes.length; i++) {
            bytes[i] = (byte) prefix[i];
        }
        return bytes;
    }
}
