package org.opensfu.bench;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.client.JavaPeer;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.loop.MediaLoopGroup;
import org.opensfu.core.router.Consumer;
import org.opensfu.core.router.ConsumerSpec;
import org.opensfu.core.router.MediaKind;
import org.opensfu.core.router.Producer;
import org.opensfu.core.router.ProducerSpec;
import org.opensfu.core.router.Router;
import org.opensfu.core.router.RouterConfig;
import org.opensfu.core.router.RouterEndpoint;
import org.opensfu.core.router.RouterListener;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.rtp.HeaderExtensionMap;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.stats.LatencyHistograms;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.RemoteTransportParameters;
import org.opensfu.core.transport.TransportListener;
import org.opensfu.core.transport.TransportManager;
import org.opensfu.core.transport.TransportManagerConfig;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.ice.MediaPortConfig;

/**
 * sfu-core's real forwarding machinery on loopback, for benchmarks: a {@link Router} on its own media loop, one
 * publisher endpoint with a VP8 producer, and {@code fanOut} subscriber endpoints with a consumer each. Every endpoint
 * has a real {@link WebRtcTransport} whose ICE and DTLS completed with a {@link JavaPeer} (which receives and decrypts
 * the forwarded copies on a second loop), so each forwarded copy is rewritten, SRTP-protected and sent by the
 * kernel exactly as in the server.
 */
final class RouterFixture implements AutoCloseable {
    static final int PUBLISHER_SSRC = 0x1000;
    static final int PAYLOAD_TYPE = 96;
    /** transport-wide-cc header extension ID on both legs (the publisher's and the subscribers'). */
    static final int TRANSPORT_CC_ID = 3;
    private static final Duration WAIT = Duration.ofSeconds(15);

    final PacketBufferPool pool = new PacketBufferPool(1024);
    final MediaLoop roomLoop;
    final RouterEndpoint publisher;
    final WebRtcTransport publisherTransport;
    final List<Consumer> consumers = new ArrayList<>();
    private final MediaLoopGroup loops;
    private final TransportManager manager;
    private final Router router;
    private final List<JavaPeer> peers = new ArrayList<>();

    RouterFixture(int fanOut) throws Exception {
        Clock clock = Clock.system();
        loops = new MediaLoopGroup("bench", 2, clock, 8192);
        roomLoop = loops.loops().get(0);
        manager = new TransportManager(TransportManagerConfig.defaults(MediaPortConfig.loopbackEphemeral()), clock,
                pool, roomLoop);
        router = onLoop(() -> new Router("bench", roomLoop, pool, clock, RouterConfig.DEFAULT, new RouterListener() {
            @Override
            public void onEndpointConnected(RouterEndpoint endpoint) {
            }

            @Override
            public void onEndpointTransportClosed(RouterEndpoint endpoint, CloseReason reason) {
            }
        }, new LatencyHistograms()));
        publisher = connect("publisher");
        publisherTransport = publisher.transport();
        HeaderExtensionMap extensions = new HeaderExtensionMap(Map.of(HeaderExtension.TRANSPORT_CC, TRANSPORT_CC_ID));
        Producer video = onLoop(() -> router.addProducer(publisher, ProducerSpec.single("publisher-video",
                MediaKind.VIDEO, "1", PUBLISHER_SSRC, 0, PAYLOAD_TYPE, 90_000, extensions, true)));
        for (int i = 0; i < fanOut; i++) {
            RouterEndpoint subscriber = connect("subscriber-" + i);
            int ssrc = 0x2000 + i;
            consumers.add(onLoop(() -> router.addConsumer(subscriber, video,
                    new ConsumerSpec(ssrc, PAYLOAD_TYPE, extensions))));
        }
    }

    private RouterEndpoint connect(String id) throws Exception {
        RouterEndpoint endpoint = onLoop(() -> router.createEndpoint(id));
        WebRtcTransport transport = manager.create(id, roomLoop, endpoint);
        onLoop(() -> {
            router.attach(endpoint, transport);
            return null;
        });
        CompletableFuture<Void> connected = new CompletableFuture<>();
        JavaPeer peer = new JavaPeer(id + "-peer", InetAddress.getLoopbackAddress(),
                DtlsCertificate.generate(Clock.system(), new SecureRandom()), List.of(SrtpProfile.AEAD_AES_128_GCM),
                WAIT, loops.loops().get(1), pool, Clock.system(), new DiscardingListener(connected));
        peers.add(peer);
        transport.start(new RemoteTransportParameters(peer.localIceParameters(), peer.localCandidates(),
                peer.localFingerprint()));
        peer.connect(new RemoteTransportParameters(transport.localIceParameters(), manager.localCandidates(),
                transport.localFingerprint()));
        connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        long deadlineNanos = System.nanoTime() + WAIT.toNanos();
        while (!onLoop(endpoint::isConnected)) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException(id + " did not connect");
            }
            Thread.sleep(10);
        }
        return endpoint;
    }

    /** Copies forwarded to all subscribers so far. */
    long packetsForwarded() throws Exception {
        return onLoop(() -> consumers.stream().mapToLong(Consumer::packetsSent).sum());
    }

    <T> T onLoop(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        roomLoop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        onLoop(() -> {
            router.close();
            return null;
        });
        for (JavaPeer peer : peers) {
            peer.close();
        }
        manager.close();
        loops.close();
    }

    /** A subscriber's client side: counts nothing, releases what it receives. */
    private record DiscardingListener(CompletableFuture<Void> connected) implements TransportListener {
        @Override
        public void onTransportConnected(WebRtcTransport transport) {
            connected.complete(null);
        }

        @Override
        public void onRtp(WebRtcTransport transport, PacketBuffer packet) {
            packet.release();
        }

        @Override
        public void onRtcp(WebRtcTransport transport, PacketBuffer packet) {
            packet.release();
        }

        @Override
        public void onTransportClosed(WebRtcTransport transport, CloseReason reason) {
        }
    }
}
