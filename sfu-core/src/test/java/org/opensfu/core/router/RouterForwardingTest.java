package org.opensfu.core.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.client.JavaPeer;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.loop.MediaLoopGroup;
import org.opensfu.core.rtcp.GenericNack;
import org.opensfu.core.rtcp.Pli;
import org.opensfu.core.rtcp.ReceiverReport;
import org.opensfu.core.rtcp.ReportBlock;
import org.opensfu.core.rtcp.RtcpIterator;
import org.opensfu.core.rtcp.RtcpPacketType;
import org.opensfu.core.rtcp.SenderReport;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.rtp.HeaderExtensionMap;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.stats.LatencyHistograms;
import org.opensfu.core.testing.OnLoop;
import org.opensfu.core.testing.RecordingTransportListener;
import org.opensfu.core.testing.TestPackets;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.RemoteTransportParameters;
import org.opensfu.core.transport.TransportManager;
import org.opensfu.core.transport.TransportManagerConfig;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.ice.MediaPortConfig;

/** A publisher and a subscriber (Java peers) through a real router, transports and all. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterForwardingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HeaderExtensionMap PUBLISHER_EXTENSIONS = new HeaderExtensionMap(Map.of(
            HeaderExtension.AUDIO_LEVEL, 1, HeaderExtension.ABS_SEND_TIME, 2));
    private static final HeaderExtensionMap SUBSCRIBER_EXTENSIONS = new HeaderExtensionMap(Map.of(
            HeaderExtension.AUDIO_LEVEL, 9));

    private final PacketBufferPool pool = new PacketBufferPool(256);
    private MediaLoopGroup loops;
    private TransportManager manager;
    private MediaLoop roomLoop;
    private Router router;
    private final List<CloseReason> closedEndpoints = new CopyOnWriteArrayList<>();
    private final List<String> dominantSpeakers = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> forwardedVideo = new java.util.concurrent.ConcurrentHashMap<>();
    private final LatencyHistograms transitTimes = new LatencyHistograms();

    @BeforeEach
    void setUp() {
        loops = new MediaLoopGroup("test", 2, Clock.system(), 4096);
        roomLoop = loops.loops().get(0);
        manager = new TransportManager(TransportManagerConfig.defaults(MediaPortConfig.loopbackEphemeral()),
                Clock.system(), pool, roomLoop);
        router = OnLoop.call(roomLoop, () -> new Router("room", roomLoop, pool, Clock.system(),
                new RouterConfig(Duration.ofMillis(200), Duration.ofMillis(300)), new RouterListener() {
                    @Override
                    public void onEndpointConnected(RouterEndpoint endpoint) {
                    }

                    @Override
                    public void onEndpointTransportClosed(RouterEndpoint endpoint, CloseReason reason) {
                        closedEndpoints.add(reason);
                    }

                    @Override
                    public void onDominantSpeakerChanged(RouterEndpoint speaker) {
                        dominantSpeakers.add(speaker == null ? "-" : speaker.participantId());
                    }

                    @Override
                    public void onForwardedVideoChanged(RouterEndpoint subscriber, List<String> participantIds) {
                        forwardedVideo.put(subscriber.participantId(), participantIds == null ? List.of("*")
                                : participantIds);
                    }
                }, transitTimes));
    }

    @AfterEach
    void tearDown() {
        OnLoop.run(roomLoop, router::close);
        manager.close();
        loops.close();
        await().atMost(WAIT).until(() -> pool.outstanding() == 0);
    }

    /** A Java peer connected to a router endpoint. */
    private record Participant(RouterEndpoint endpoint, JavaPeer peer, RecordingTransportListener received) {
    }

    private Participant connect(String id) throws Exception {
        RecordingTransportListener received = new RecordingTransportListener();
        RouterEndpoint endpoint = OnLoop.call(roomLoop, () -> router.createEndpoint(id));
        WebRtcTransport transport = manager.create(id, roomLoop, endpoint);
        OnLoop.run(roomLoop, () -> router.attach(endpoint, transport));
        JavaPeer peer = new JavaPeer(id + "-peer", InetAddress.getLoopbackAddress(),
                DtlsCertificate.generate(Clock.system(), new SecureRandom()), List.of(SrtpProfile.values()),
                Duration.ofSeconds(10), loops.loops().get(1), pool, Clock.system(), received);
        transport.start(new RemoteTransportParameters(peer.localIceParameters(), peer.localCandidates(),
                peer.localFingerprint()));
        peer.connect(new RemoteTransportParameters(transport.localIceParameters(), manager.localCandidates(),
                transport.localFingerprint()));
        received.connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> OnLoop.call(roomLoop, endpoint::isConnected));
        return new Participant(endpoint, peer, received);
    }

    @Test
    void forwardsRewrittenMediaAndExchangesReportsAndKeyframeRequests() throws Exception {
        Participant publisher = connect("alice");
        Participant subscriber = connect("bob");
        Producer audio = OnLoop.call(roomLoop, () -> router.addProducer(publisher.endpoint(),
                ProducerSpec.single("alice-0", MediaKind.AUDIO, "0", 0x1111, 0, 111, 48_000, PUBLISHER_EXTENSIONS, true)));
        Producer video = OnLoop.call(roomLoop, () -> router.addProducer(publisher.endpoint(),
                ProducerSpec.single("alice-1", MediaKind.VIDEO, "1", 0x3333, 0x3334, 96, 90_000, HeaderExtensionMap.EMPTY,
                        true)));
        OnLoop.call(roomLoop, () -> router.addConsumer(subscriber.endpoint(), audio,
                new ConsumerSpec(0x2222, 109, SUBSCRIBER_EXTENSIONS)));
        OnLoop.call(roomLoop, () -> router.addConsumer(subscriber.endpoint(), video,
                new ConsumerSpec(0x4444, 100, HeaderExtensionMap.EMPTY)));
        // the new video consumer made the router ask the publisher for a keyframe
        assertThat(nextPli(publisher, 0x3333)).isTrue();

        // 20 audio packets with an audio level (ID 1) and an abs-send-time (ID 2, hop-by-hop)
        for (int i = 0; i < 20; i++) {
            send(publisher.peer(), TestPackets.rtpWithExtensions(111, 65_530 + i, 960L * i, 0x1111,
                    new int[] {1, 2}, new byte[][] {{(byte) (0x80 | i)}, {1, 2, 3}}, new byte[] {(byte) i, 42}), false);
        }
        List<RtpPacket> received = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] bytes = subscriber.received().nextRtp(WAIT);
            assertThat(bytes).as("packet %d", i).isNotNull();
            RtpPacket packet = new RtpPacket();
            assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();
            received.add(packet);
        }
        for (int i = 0; i < 20; i++) {
            RtpPacket packet = received.get(i);
            assertThat(packet.ssrc()).isEqualTo(0x2222);
            assertThat(packet.payloadType()).isEqualTo(109);
            assertThat(packet.sequenceNumber()).isEqualTo((received.get(0).sequenceNumber() + i) & 0xFFFF);
            assertThat(packet.timestamp()).isEqualTo((received.get(0).timestamp() + 960L * i) & 0xFFFFFFFFL);
            assertThat(packet.extensionCount()).isEqualTo(1);
            assertThat(packet.extensionId(0)).isEqualTo(9);
            assertThat(packet.buffer()[packet.extensionDataOffset(0)]).isEqualTo((byte) (0x80 | i));
            assertThat(packet.buffer()[packet.payloadOffset()]).isEqualTo((byte) i);
        }

        // a key frame starts the video; keyframe requests from the subscriber then reach the publisher, coalesced
        send(publisher.peer(), TestPackets.rtp(96, 7, 90_000, 0x3333, TestPackets.vp8Frame(1, true, (byte) 1)), false);
        byte[] keyframe = subscriber.received().nextRtp(WAIT);
        assertThat(keyframe).isNotNull();
        assertThat(keyframe[1] & 0x7F).isEqualTo(100);
        await().atMost(Duration.ofMillis(1000)).pollDelay(Duration.ofMillis(350)).until(() -> true);
        publisher.received().rtcp.clear();
        send(subscriber.peer(), TestPackets.pli(0xBEEF, 0x4444), true);
        send(subscriber.peer(), TestPackets.pli(0xBEEF, 0x4444), true);
        send(subscriber.peer(), TestPackets.pli(0xBEEF, 0x4444), true);
        assertThat(nextPli(publisher, 0x3333)).isTrue();
        assertThat(nextPli(publisher, 0x3333)).as("the next two were coalesced").isFalse();
        assertThat(video.keyframeRequestsSuppressed()).isGreaterThanOrEqualTo(2);

        // receiver reports go to the publisher, sender reports to the subscriber
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiverReportBlock(publisher, 0x1111)).isNotNull());
        await().atMost(WAIT).untilAsserted(() -> assertThat(senderReportPackets(subscriber, 0x2222)).isEqualTo(20));
        assertThat(publisher.endpoint().rtpUnknownSsrc()).isZero();
        assertThat(transitTimes.snapshot().count()).as("transit times recorded").isGreaterThanOrEqualTo(21);

        publisher.peer().close();
        subscriber.peer().close();
        await().atMost(WAIT).until(() -> closedEndpoints.size() == 2);
    }

    @Test
    void dropsWhatItCannotForwardAndCountsIt() throws Exception {
        Participant publisher = connect("carol");
        Participant subscriber = connect("dave");
        Producer audio = OnLoop.call(roomLoop, () -> router.addProducer(publisher.endpoint(),
                ProducerSpec.single("carol-0", MediaKind.AUDIO, "0", 0x5555, 0, 111, 48_000, HeaderExtensionMap.EMPTY,
                        true)));
        OnLoop.call(roomLoop, () -> router.addConsumer(subscriber.endpoint(), audio,
                new ConsumerSpec(0x6666, 111, HeaderExtensionMap.EMPTY)));

        send(publisher.peer(), TestPackets.rtp(111, 1, 0, 0x7777, new byte[10]), false); // unknown SSRC
        send(publisher.peer(), TestPackets.rtp(112, 2, 0, 0x5555, new byte[10]), false); // not the negotiated codec
        send(publisher.peer(), TestPackets.rtp(111, 3, 0, 0x5555, new byte[0]), false); // no payload
        byte[] badPadding = TestPackets.rtp(111, 4, 0, 0x5555, new byte[] {1, 2, 3, (byte) 200});
        badPadding[0] = (byte) 0xA0; // padding flag, and a padding count larger than the payload
        send(publisher.peer(), badPadding, false);
        send(publisher.peer(), TestPackets.rtp(111, 5, 0, 0x5555, new byte[] {1}), false);

        byte[] only = subscriber.received().nextRtp(WAIT);
        assertThat(only).isNotNull();
        assertThat(subscriber.received().nextRtp(Duration.ofMillis(300))).isNull();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(publisher.endpoint().rtpUnknownSsrc()).isEqualTo(1);
            assertThat(publisher.endpoint().rtpMalformed()).isEqualTo(1);
            assertThat(audio.packetsDropped()).isEqualTo(2);
        });
    }

    @Test
    void asksThePublisherForWhatWasLostAndForwardsTheRetransmission() throws Exception {
        Participant publisher = connect("erin");
        Participant subscriber = connect("frank");
        Producer video = OnLoop.call(roomLoop, () -> router.addProducer(publisher.endpoint(),
                new ProducerSpec("erin-1", MediaKind.VIDEO, "1", List.of(new ProducerLayerSpec(null, 0x7100, 0x7101)),
                        96, 97, 90_000, HeaderExtensionMap.EMPTY, true, true)));
        OnLoop.call(roomLoop, () -> router.addConsumer(subscriber.endpoint(), video,
                new ConsumerSpec(0x7200, 100, 0x7201, 101, HeaderExtensionMap.EMPTY)));

        // frames 1000 (key), 1001, (1002 lost), 1003: one packet each
        for (int seq : new int[] {1000, 1001, 1003}) {
            send(publisher.peer(), TestPackets.rtp(96, seq, 3000L * seq, 0x7100,
                    TestPackets.vp8Frame(seq, seq == 1000, (byte) seq)), false);
        }
        assertThat(nextNackedSequenceNumbers(publisher, 0x7100)).containsExactly(1002);

        // the answer on the RTX stream (RFC 4588 §4: original sequence number, then the original payload)
        byte[] frame = TestPackets.vp8Frame(1002, false, (byte) 1002);
        byte[] rtxPayload = new byte[2 + frame.length];
        rtxPayload[0] = (byte) (1002 >> 8);
        rtxPayload[1] = (byte) 1002;
        System.arraycopy(frame, 0, rtxPayload, 2, frame.length);
        send(publisher.peer(), TestPackets.rtp(97, 1, 3000L * 1002, 0x7101, rtxPayload), false);
        List<RtpPacket> forwarded = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] bytes = subscriber.received().nextRtp(WAIT);
            assertThat(bytes).as("packet %d", i).isNotNull();
            RtpPacket packet = new RtpPacket();
            assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();
            assertThat(packet.ssrc()).isEqualTo(0x7200);
            assertThat(packet.payloadType()).isEqualTo(100);
            forwarded.add(packet);
        }
        assertThat(forwarded).extracting(RouterForwardingTest::lastPayloadByte)
                .containsExactly(1000 & 0xFF, 1001 & 0xFF, 1003 & 0xFF, 1002 & 0xFF);
        int base = forwarded.get(0).sequenceNumber();
        assertThat(forwarded).extracting(RtpPacket::sequenceNumber).containsExactly(base, (base + 1) & 0xFFFF,
                (base + 3) & 0xFFFF, (base + 2) & 0xFFFF);
        assertThat(publisher.endpoint().retransmissionsReceived()).isEqualTo(1);
        assertThat(publisher.endpoint().nacksSent()).isGreaterThanOrEqualTo(1);

        // a second copy of the same packet is a duplicate, not forwarded twice
        send(publisher.peer(), TestPackets.rtp(97, 2, 3000L * 1002, 0x7101, rtxPayload), false);
        assertThat(subscriber.received().nextRtp(Duration.ofMillis(300))).isNull();

        // the subscriber NACKs what it got as base + 1: resent from our cache on our RTX stream, as first sent
        send(subscriber.peer(), TestPackets.nack(0xBEEF, 0x7200, (base + 1) & 0xFFFF), true);
        byte[] bytes = subscriber.received().nextRtp(WAIT);
        assertThat(bytes).isNotNull();
        RtpPacket rtx = new RtpPacket();
        assertThat(rtx.wrap(bytes, 0, bytes.length)).isTrue();
        assertThat(rtx.ssrc()).isEqualTo(0x7201);
        assertThat(rtx.payloadType()).isEqualTo(101);
        assertThat(rtx.timestamp()).isEqualTo(forwarded.get(1).timestamp());
        assertThat(((bytes[rtx.payloadOffset()] & 0xFF) << 8) | (bytes[rtx.payloadOffset() + 1] & 0xFF))
                .isEqualTo((base + 1) & 0xFFFF);
        assertThat(rtx.payloadLength() - 2).isEqualTo(forwarded.get(1).payloadLength());
        assertThat(lastPayloadByte(rtx)).isEqualTo(1001 & 0xFF);
        assertThat(OnLoop.call(roomLoop, () -> subscriber.endpoint().consumers().get(0).retransmissionsSent()))
                .isEqualTo(1);
    }

    private static int lastPayloadByte(RtpPacket packet) {
        return packet.buffer()[packet.payloadOffset() + packet.payloadLength() - 1] & 0xFF;
    }

    @Test
    void leavesOutSilentAudioWithoutLeavingAGapInTheNumbering() throws Exception {
        Participant publisher = connect("gina");
        Participant subscriber = connect("hal");
        Producer audio = OnLoop.call(roomLoop, () -> router.addProducer(publisher.endpoint(),
                ProducerSpec.single("gina-0", MediaKind.AUDIO, "0", 0x8100, 0, 111, 48_000, PUBLISHER_EXTENSIONS,
                        true)));
        Consumer consumer = OnLoop.call(roomLoop, () -> router.addConsumer(subscriber.endpoint(), audio,
                new ConsumerSpec(0x8200, 111, SUBSCRIBER_EXTENSIONS)));
        // 10 spoken packets, 10 of digital silence (level 127), 10 spoken again
        for (int i = 0; i < 30; i++) {
            int level = i >= 10 && i < 20 ? 127 : 30;
            send(publisher.peer(), TestPackets.rtpWithExtensions(111, 500 + i, 960L * i, 0x8100, new int[] {1},
                    new byte[][] {{(byte) level}}, new byte[] {(byte) i}), false);
        }
        List<RtpPacket> received = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] bytes = subscriber.received().nextRtp(WAIT);
            assertThat(bytes).as("packet %d", i).isNotNull();
            RtpPacket packet = new RtpPacket();
            assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();
            received.add(packet);
        }
        assertThat(subscriber.received().nextRtp(Duration.ofMillis(300))).isNull();
        int first = received.get(0).sequenceNumber();
        for (int i = 0; i < 20; i++) {
            RtpPacket packet = received.get(i);
            int sent = i < 10 ? i : i + 10;
            assertThat(packet.sequenceNumber()).as("no gap").isEqualTo((first + i) & 0xFFFF);
            assertThat(packet.buffer()[packet.payloadOffset()]).isEqualTo((byte) sent);
            assertThat(packet.timestamp()).as("time goes on, as after DTX")
                    .isEqualTo((received.get(0).timestamp() + 960L * sent) & 0xFFFFFFFFL);
        }
        assertThat(OnLoop.call(roomLoop, consumer::silentPacketsSkipped)).isEqualTo(10);
    }

    @Test
    void electsTheSpeakerAndLastNForwardsOnlyTheirVideo() throws Exception {
        Participant talker = connect("ivy");
        Participant quiet = connect("jon");
        Participant viewer = connect("kim");
        Producer talkerAudio = OnLoop.call(roomLoop, () -> router.addProducer(talker.endpoint(),
                ProducerSpec.single("ivy-0", MediaKind.AUDIO, "0", 0x9100, 0, 111, 48_000, PUBLISHER_EXTENSIONS,
                        true)));
        Producer quietAudio = OnLoop.call(roomLoop, () -> router.addProducer(quiet.endpoint(),
                ProducerSpec.single("jon-0", MediaKind.AUDIO, "0", 0x9200, 0, 111, 48_000, PUBLISHER_EXTENSIONS,
                        true)));
        Producer talkerVideo = OnLoop.call(roomLoop, () -> router.addProducer(talker.endpoint(),
                ProducerSpec.single("ivy-1", MediaKind.VIDEO, "1", 0x9101, 0, 96, 90_000, HeaderExtensionMap.EMPTY,
                        true)));
        Producer quietVideo = OnLoop.call(roomLoop, () -> router.addProducer(quiet.endpoint(),
                ProducerSpec.single("jon-1", MediaKind.VIDEO, "1", 0x9201, 0, 96, 90_000, HeaderExtensionMap.EMPTY,
                        true)));
        Consumer toTalker = OnLoop.call(roomLoop, () -> router.addConsumer(viewer.endpoint(), talkerVideo,
                new ConsumerSpec(0x9301, 100, HeaderExtensionMap.EMPTY)));
        Consumer toQuiet = OnLoop.call(roomLoop, () -> router.addConsumer(viewer.endpoint(), quietVideo,
                new ConsumerSpec(0x9302, 100, HeaderExtensionMap.EMPTY)));
        OnLoop.run(roomLoop, () -> router.setLastN(viewer.endpoint(), 1));
        assertThat(talkerAudio.id()).isNotEqualTo(quietAudio.id());

        // 3 s of 20 ms audio: one loud speaker (-20 dBov), one muted (digital silence)
        for (int i = 0; i < 150; i++) {
            send(talker.peer(), TestPackets.rtpWithExtensions(111, i, 960L * i, 0x9100, new int[] {1},
                    new byte[][] {{(byte) (0x80 | 20)}}, new byte[] {1}), false);
            send(quiet.peer(), TestPackets.rtpWithExtensions(111, i, 960L * i, 0x9200, new int[] {1},
                    new byte[][] {{(byte) 127}}, new byte[] {1}), false);
            Thread.sleep(20);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(dominantSpeakers).containsExactly("ivy");
            assertThat(forwardedVideo).containsEntry("kim", List.of("ivy"));
        });
        assertThat(OnLoop.call(roomLoop, toQuiet::suspendedByLastN)).isTrue();
        assertThat(OnLoop.call(roomLoop, toTalker::suspendedByLastN)).isFalse();

        // key frames from both: only the speaker's reaches the viewer
        send(quiet.peer(), TestPackets.rtp(96, 1, 0, 0x9201, TestPackets.vp8Frame(1, true, (byte) 2)), false);
        send(talker.peer(), TestPackets.rtp(96, 1, 0, 0x9101, TestPackets.vp8Frame(1, true, (byte) 1)), false);
        byte[] video = null;
        byte[] bytes;
        while ((bytes = viewer.received().nextRtp(Duration.ofMillis(500))) != null) {
            RtpPacket packet = new RtpPacket();
            assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();
            assertThat(packet.ssrc()).as("nothing from the quiet one").isNotEqualTo(0x9302);
            if (packet.ssrc() == 0x9301) {
                video = bytes;
            }
        }
        assertThat(video).as("the speaker's key frame").isNotNull();

        // the limit lifted: both again
        OnLoop.run(roomLoop, () -> router.setLastN(viewer.endpoint(), -1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(forwardedVideo).containsEntry("kim", List.of("*")));
        assertThat(OnLoop.call(roomLoop, toQuiet::suspendedByLastN)).isFalse();
    }

    private void send(JavaPeer peer, byte[] bytes, boolean rtcp) {
        PacketBuffer buffer = pool.acquire();
        buffer.copyFrom(bytes, 0, bytes.length);
        WebRtcTransport transport = peer.transport();
        transport.loop().execute(() -> {
            if (rtcp) {
                transport.sendRtcp(buffer);
            } else {
                transport.sendRtp(buffer);
            }
            buffer.release();
        });
    }

    /** Waits for a compound RTCP packet that holds a PLI for {@code mediaSsrc}. */
    private static boolean nextPli(Participant participant, int mediaSsrc) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
        while (System.nanoTime() < deadline) {
            byte[] compound = participant.received().rtcp.poll(100, TimeUnit.MILLISECONDS);
            if (compound == null) {
                continue;
            }
            RtcpIterator it = new RtcpIterator();
            it.wrap(compound, 0, compound.length);
            while (it.next()) {
                Pli pli = new Pli();
                if (it.packetType() == RtcpPacketType.PSFB && it.countOrFormat() == RtcpPacketType.FMT_PSFB_PLI
                        && pli.wrap(compound, it.packetOffset(), it.packetLength()) && pli.mediaSsrc() == mediaSsrc) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Waits for a generic NACK for {@code mediaSsrc} and returns the sequence numbers it asks for. */
    private static List<Integer> nextNackedSequenceNumbers(Participant participant, int mediaSsrc)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2000);
        while (System.nanoTime() < deadline) {
            byte[] compound = participant.received().rtcp.poll(100, TimeUnit.MILLISECONDS);
            if (compound == null) {
                continue;
            }
            RtcpIterator it = new RtcpIterator();
            it.wrap(compound, 0, compound.length);
            while (it.next()) {
                GenericNack nack = new GenericNack();
                if (it.packetType() == RtcpPacketType.RTPFB && it.countOrFormat() == RtcpPacketType.FMT_RTPFB_NACK
                        && nack.wrap(compound, it.packetOffset(), it.packetLength()) && nack.mediaSsrc() == mediaSsrc) {
                    int[] lost = new int[64];
                    int count = nack.lostSequenceNumbers(lost);
                    List<Integer> result = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        result.add(lost[i]);
                    }
                    return result;
                }
            }
        }
        return List.of();
    }

    private static Integer receiverReportBlock(Participant participant, int mediaSsrc) throws InterruptedException {
        byte[] compound;
        while ((compound = participant.received().rtcp.poll(50, TimeUnit.MILLISECONDS)) != null) {
            RtcpIterator it = new RtcpIterator();
            it.wrap(compound, 0, compound.length);
            while (it.next()) {
                if (it.packetType() == RtcpPacketType.RR) {
                    for (int i = 0; i < it.countOrFormat(); i++) {
                        int block = ReceiverReport.reportBlockOffset(it.packetOffset(), i);
                        if (ReportBlock.ssrc(compound, block) == mediaSsrc) {
                            return (int) ReportBlock.extendedHighestSequenceNumber(compound, block);
                        }
                    }
                }
            }
        }
        return null;
    }

    private static Long senderReportPackets(Participant participant, int ssrc) throws InterruptedException {
        byte[] compound;
        while ((compound = participant.received().rtcp.poll(50, TimeUnit.MILLISECONDS)) != null) {
            RtcpIterator it = new RtcpIterator();
            it.wrap(compound, 0, compound.length);
            while (it.next()) {
                SenderReport sr = new SenderReport();
                if (it.packetType() == RtcpPacketType.SR && sr.wrap(compound, it.packetOffset(), it.packetLength())
                        && sr.senderSsrc() == ssrc) {
                    return sr.senderPacketCount();
                }
            }
        }
        return null;
    }
}
