package org.opensfu.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.client.JavaPeer;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.loop.MediaLoopGroup;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.SessionDescription;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.testing.TestPackets;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.RemoteTransportParameters;
import org.opensfu.core.transport.TransportListener;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.ice.IceCandidate;

/**
 * A participant without a browser, for end-to-end tests of the real server: the signaling WebSocket ({@link WsClient})
 * plus a {@link JavaPeer} for ICE, DTLS and SRTP. It either publishes one Opus track (50 RTP packets a second of
 * dummy payload) or subscribes to one, each with a single offer.
 */
public final class JavaParticipant implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int OPUS = 111;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WsClient signaling;
    private final String participantId;
    private final JsonNode joined;
    private final PacketBufferPool pool = new PacketBufferPool(256);
    private final MediaLoopGroup loops = new MediaLoopGroup("java-peer", 1, Clock.system(), 1024);
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private JavaPeer peer;
    private MediaLoop.ScheduledTask sender;

    private JavaParticipant(WsClient signaling, JsonNode joined) {
        this.signaling = signaling;
        this.joined = joined;
        this.participantId = joined.path("participantId").asText();
    }

    /**
     * Connects to {@code wsUrl} (with its query, e.g. the access token) and joins {@code room}.
     *
     * @throws AssertionError if the server answers anything but {@code joined}
     */
    public static JavaParticipant join(String wsUrl, String room, String name) throws Exception {
        WsClient client = new WsClient(wsUrl);
        client.send("{\"type\": \"join\", \"requestId\": \"j\", \"room\": \"" + room + "\", \"displayName\": \""
                + name + "\"}");
        JsonNode reply = client.next(WAIT);
        if (!"joined".equals(reply.path("type").asText())) {
            client.close();
            throw new AssertionError(name + " could not join " + room + ": " + reply);
        }
        return new JavaParticipant(client, reply);
    }

    public String participantId() {
        return participantId;
    }

    /** The {@code joined} message. */
    public JsonNode joined() {
        return joined;
    }

    public WsClient signaling() {
        return signaling;
    }

    /** Publishes one audio track and starts sending; returns its track id. */
    public String publishAudio() throws Exception {
        int ssrc = RANDOM.nextInt() | 1;
        JsonNode answer = negotiate("sendonly", "a=ssrc:" + Integer.toUnsignedString(ssrc) + " cname:"
                + participantId + "\r\n", null);
        String trackId = answer.path("published").path(0).path("track").path("trackId").asText();
        AtomicInteger sequence = new AtomicInteger();
        WebRtcTransport transport = peer.transport();
        sender = transport.loop().schedulePeriodic(() -> {
            int n = sequence.getAndIncrement();
            byte[] rtp = TestPackets.rtp(OPUS, n & 0xFFFF, 960L * n, ssrc, new byte[] {(byte) 0xFC, 1, 2, 3});
            PacketBuffer buffer = pool.acquire();
            buffer.copyFrom(rtp, 0, rtp.length);
            transport.sendRtp(buffer);
            buffer.release();
        }, 20, TimeUnit.MILLISECONDS);
        return trackId;
    }

    /** Subscribes to a remote audio track. */
    public void subscribeAudio(String trackId) throws Exception {
        ObjectNode subscription = MAPPER.createObjectNode().put("mid", "0").put("trackId", trackId);
        negotiate("recvonly", "", List.of(subscription));
    }

    /** RTP packets received and decrypted so far. */
    public long rtpReceived() {
        return peer == null ? 0 : peer.transport().stats().rtpPacketsReceived();
    }

    public boolean isConnected() {
        return connected.isDone();
    }

    /** Sends {@code leave} and waits for {@code left}. */
    public JsonNode leave() throws Exception {
        signaling.send("{\"type\": \"leave\"}");
        return signaling.next("left", WAIT);
    }

    private JsonNode negotiate(String direction, String extraLines, List<ObjectNode> subscribe) throws Exception {
        peer = new JavaPeer(participantId + "-peer", InetAddress.getLoopbackAddress(),
                DtlsCertificate.generate(Clock.system(), RANDOM), List.of(SrtpProfile.values()),
                Duration.ofSeconds(10), loops.loops().get(0), pool, Clock.system(), new Listener());
        StringBuilder candidates = new StringBuilder();
        for (IceCandidate candidate : peer.localCandidates()) {
            candidates.append("a=candidate:").append(candidate.toSdpValue()).append("\r\n");
        }
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "a=msid-semantic: WMS\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
                + candidates
                + "a=ice-ufrag:" + peer.localIceParameters().ufrag() + "\r\n"
                + "a=ice-pwd:" + peer.localIceParameters().password() + "\r\n"
                + "a=fingerprint:" + peer.localFingerprint().toSdpValue() + "\r\n"
                + "a=setup:actpass\r\na=mid:0\r\n"
                + "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n"
                + "a=" + direction + "\r\n"
                + ("sendonly".equals(direction) ? "a=msid:stream-" + participantId + " audio-" + participantId + "\r\n"
                        : "")
                + "a=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
                + extraLines;
        ObjectNode offer = MAPPER.createObjectNode().put("type", "offer").put("requestId", "o").put("sdp", sdp);
        if (subscribe != null) {
            offer.putArray("subscribe").addAll(subscribe);
        }
        signaling.send(MAPPER.writeValueAsString(offer));
        JsonNode answer = signaling.next("answer", WAIT);
        SessionDescription parsed = SessionDescription.parse(answer.path("sdp").asText());
        MediaDescription section = parsed.media().get(0);
        List<IceCandidate> remote = new ArrayList<>(section.candidates());
        peer.connect(new RemoteTransportParameters(parsed.iceDtlsParameters(section).iceParameters().orElseThrow(),
                remote, parsed.iceDtlsParameters(section).fingerprint().orElseThrow()));
        connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return answer;
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.cancel();
        }
        signaling.close();
        if (peer != null) {
            peer.close();
        }
        loops.close();
    }

    private final class Listener implements TransportListener {
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
