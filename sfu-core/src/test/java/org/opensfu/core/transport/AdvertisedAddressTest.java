package org.opensfu.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.testing.ImpairmentRelay;
import org.opensfu.core.testing.TestPackets;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.MediaPortConfig;

/**
 * The server advertises an address and port that differ from what it binds (as behind a 1:1 NAT or a Kubernetes
 * node port): here a relay in front of the port. The peer only ever learns the relay's address, and still connects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdvertisedAddressTest {
    @Test
    void aPeerConnectsThroughTheAdvertisedAddressOnly() throws Exception {
        int boundPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            boundPort = probe.getLocalPort();
        }
        InetSocketAddress bound = new InetSocketAddress(InetAddress.getLoopbackAddress(), boundPort);
        try (ImpairmentRelay relay = new ImpairmentRelay(bound);
             TransportPair pair = new TransportPair(
                     new MediaPortConfig(List.of(InetAddress.getLoopbackAddress()), boundPort,
                             List.of(relay.address())),
                     Duration.ofSeconds(30), List.of(SrtpProfile.values()))) {
            List<IceCandidate> advertised = pair.manager.localCandidates();
            assertThat(advertised).singleElement().satisfies(candidate -> {
                assertThat(candidate.port()).isEqualTo(relay.address().getPort()).isNotEqualTo(boundPort);
                assertThat(candidate.address()).isEqualTo("127.0.0.1");
            });
            assertThat(pair.manager.mediaPort().port()).isEqualTo(boundPort);

            pair.start();
            pair.serverEvents.connected.get(20, TimeUnit.SECONDS);
            pair.peerEvents.connected.get(20, TimeUnit.SECONDS);

            byte[] rtp = TestPackets.rtp(96, 7, 9000, 0x5150, new byte[500]);
            var buffer = pair.pool.acquire();
            buffer.copyFrom(rtp, 0, rtp.length);
            pair.peer.transport().loop().execute(() -> {
                pair.peer.transport().sendRtp(buffer);
                buffer.release();
            });
            assertThat(pair.serverEvents.nextRtp(Duration.ofSeconds(10))).isEqualTo(rtp);
            assertThat(relay.forwarded()).isPositive();
            assertThat(pair.peer.transport().selectedRemoteAddress()).isEqualTo(relay.address());
        }
    }
}
