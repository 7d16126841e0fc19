package org.opensfu.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;

/** The captured Chromium 156 offers: exact round trip, and typed readers checked against the known content. */
class ChromiumOfferFixturesTest {
    static final List<String> FIXTURES = SdpFixtures.ALL;

    private static final String STREAM = "0d7e74a2-9c85-4dc2-975b-829ae9a34ed2";
    private static final String AUDIO_TRACK = "20931cfb-1d47-472e-a511-3522e2c0094a";
    private static final String VIDEO_TRACK = "71a10a2a-3212-4d4d-b035-2b8784c5de6e";

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void roundTripsExactly(String name) {
        String text = SdpFixtures.text(name);
        assertThat(text).endsWith("\r\n").doesNotContain("\r\n\r\n");
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.write()).isEqualTo(text);
        assertThat(SessionDescription.parse(sdp.write())).isEqualTo(sdp);
        assertThat(sdp.toBuilder().build()).isEqualTo(sdp);
        for (MediaDescription m : sdp.media()) {
            assertThat(m.toBuilder().build()).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void roundTripsWithLfLineEnds(String name) {
        String text = SdpFixtures.text(name);
        String lf = text.replace("\r\n", "\n");
        assertThat(SessionDescription.parse(lf).write()).isEqualTo(text);
        String noFinalNewline = lf.substring(0, lf.length() - 1);
        assertThat(SessionDescription.parse(noFinalNewline).write()).isEqualTo(text);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyBrowserOfferHasCompleteTransportParametersPerSection(String name) {
        SessionDescription sdp = SdpFixtures.parse(name);
        assertThat(sdp.iceUfrag()).isEmpty();
        assertThat(sdp.fingerprint()).isEmpty();
        for (MediaDescription m : sdp.media()) {
            IceDtlsParameters p = sdp.iceDtlsParameters(m);
            assertThat(p.isComplete()).as(m.mid().orElseThrow()).isTrue();
            assertThat(p.setup()).isEqualTo(SetupRole.ACTPASS);
            assertThat(p.iceParameters()).isPresent();
            assertThat(p.fingerprint().orElseThrow().algorithm()).isEqualTo("sha-256");
            assertThat(m.iceOptions()).containsExactly("trickle");
        }
    }

    @Test
    void audioVideoSendrecvSession() {
        SessionDescription sdp = SdpFixtures.parse(SdpFixtures.AUDIO_VIDEO);
        assertThat(sdp.origin()).isEqualTo(new Origin("-", "5778477855314519231", "2", "IN", "IP4", "127.0.0.1"));
        assertThat(sdp.sessionName()).isEqualTo("-");
        assertThat(sdp.timings()).containsExactly(Timing.PERMANENT);
        assertThat(sdp.bundleMids()).containsExactly("0", "1");
        assertThat(sdp.groups()).containsExactly(Group.bundle("0", "1"));
        assertThat(sdp.extmapAllowMixed()).isTrue();
        assertThat(sdp.msidSemantic()).contains(new MsidSemantic("WMS", List.of(STREAM)));
        assertThat(sdp.attributeValue("msid-semantic")).contains(" WMS " + STREAM);
        assertThat(sdp.iceLite()).isFalse();
        assertThat(sdp.media()).extracting(MediaDescription::mediaType).containsExactly("audio", "video");
        assertThat(sdp.mediaByMid("1")).containsSame(sdp.media().get(1));
    }

    @Test
    void audioVideoSendrecvAudioSection() {
        SessionDescription sdp = SdpFixtures.parse(SdpFixtures.AUDIO_VIDEO);
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.port()).isEqualTo(38585);
        assertThat(audio.protocol()).isEqualTo(MediaDescription.UDP_TLS_RTP_SAVPF);
        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        assertThat(audio.payloadTypes()).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
        assertThat(audio.connections()).containsExactly(Connection.ip4("127.0.0.1"));
        assertThat(audio.mid()).contains("0");
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpRsize()).isTrue();
        assertThat(audio.isRejected()).isFalse();

        assertThat(audio.rtpMap(111)).contains(new RtpMap(111, "opus", 48000, 2));
        assertThat(audio.rtpMap(0)).contains(new RtpMap(0, "PCMU", 8000));
        assertThat(audio.fmtp(111)).containsExactly(Map.entry("minptime", "10"), Map.entry("useinbandfec", "1"));
        assertThat(audio.fmtp(63)).containsExactly(Map.entry("111/111", ""));
        assertThat(audio.fmtp(9)).isEmpty();
        assertThat(audio.rtcpFeedback(111)).containsExactly(new RtcpFeedback(111, "transport-cc"));
        assertThat(audio.codecs()).extracting(c -> c.encodingName() + "/" + c.payloadType()).containsExactly(
                "opus/111", "red/63", "G722/9", "PCMU/0", "PCMA/8", "CN/13", "telephone-event/110",
                "telephone-event/126");

        assertThat(audio.extmapId(ExtMap.SSRC_AUDIO_LEVEL)).hasValue(1);
        assertThat(audio.extmapId(ExtMap.ABS_SEND_TIME)).hasValue(2);
        assertThat(audio.extmapId(ExtMap.TRANSPORT_WIDE_CC)).hasValue(3);
        assertThat(audio.extmapId(ExtMap.SDES_MID)).hasValue(4);
        assertThat(audio.extmaps()).hasSize(4).allMatch(e -> e.direction() == null && e.extensionAttributes() == null);

        assertThat(audio.msid()).contains(new Msid(STREAM, AUDIO_TRACK));
        assertThat(audio.ssrcs()).containsExactly(
                new SsrcAttribute(817536522L, "cname", "clinQX9COmrqxr2s"),
                new SsrcAttribute(817536522L, "msid", STREAM + " " + AUDIO_TRACK));
        assertThat(audio.ssrcGroups()).isEmpty();
        assertThat(audio.rids()).isEmpty();
        assertThat(audio.simulcast()).isEmpty();

        assertThat(audio.iceUfrag()).contains("Jc9P");
        assertThat(audio.icePassword()).contains("/rsHZEtqLDIUa+86YSKbKezI");
        assertThat(audio.setup()).contains(SetupRole.ACTPASS);
        assertThat(audio.fingerprint()).contains(DtlsFingerprint.parse("sha-256 90:F3:07:04:35:9F:B5:DB:CB:38:4C:E9:"
                + "A9:9E:21:53:23:68:DF:1C:62:10:9B:EC:7C:63:47:B8:28:AC:9E:79"));
        assertThat(audio.candidates()).containsExactly(
                new IceCandidate("2963686263", 1, "udp", 2122260223L, "127.0.0.1", 38585, "host", null, -1),
                new IceCandidate("3463029231", 1, "tcp", 1518280447L, "127.0.0.1", 9, "host", null, -1));
        assertThat(audio.candidateValues()).first().asString().endsWith("generation 0 network-id 1 network-cost 50");
        assertThat(audio.endOfCandidates()).isFalse();
        assertThat(audio.sctpPort()).isEmpty();
    }

    @Test
    void audioVideoSendrecvVideoSection() {
        MediaDescription video = SdpFixtures.parse(SdpFixtures.AUDIO_VIDEO).media().get(1);
        assertThat(video.mid()).contains("1");
        assertThat(video.port()).isEqualTo(55653);
        assertThat(video.payloadTypes()).containsExactly(96, 97, 102, 103, 104, 107, 108, 109, 114, 115, 116, 117,
                39, 40, 45, 46, 98, 99, 100, 101, 118, 119, 120);
        assertThat(video.extmaps()).extracting(ExtMap::id).containsExactly(14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11);
        assertThat(video.extmapId(ExtMap.SDES_MID)).hasValue(4);
        assertThat(video.extmapId(ExtMap.TRANSPORT_WIDE_CC)).hasValue(3);
        assertThat(video.extmapId(ExtMap.RTP_STREAM_ID)).hasValue(10);
        assertThat(video.extmapId(ExtMap.REPAIRED_RTP_STREAM_ID)).hasValue(11);
        assertThat(video.extmapId(ExtMap.SSRC_AUDIO_LEVEL)).isEmpty();

        assertThat(video.rtpMap(96)).contains(new RtpMap(96, "VP8", 90000));
        assertThat(video.rtcpFeedback(96)).containsExactly(
                new RtcpFeedback(96, "goog-remb"), new RtcpFeedback(96, "transport-cc"),
                new RtcpFeedback(96, "ccm", "fir"), new RtcpFeedback(96, "nack"), new RtcpFeedback(96, "nack", "pli"));
        assertThat(video.fmtp(102)).containsExactly(Map.entry("level-asymmetry-allowed", "1"),
                Map.entry("packetization-mode", "1"), Map.entry("profile-level-id", "42001f"));
        assertThat(video.fmtp(45)).containsEntry("level-idx", "5").containsEntry("profile", "0");
        assertThat(video.fmtp(98)).containsExactly(Map.entry("profile-id", "0"));

        Map<Integer, Integer> rtx = new LinkedHashMap<>();
        for (Codec c : video.codecs()) {
            if (c.isRtx()) {
                rtx.put(c.payloadType(), c.associatedPayloadType().orElseThrow());
                assertThat(c.feedback()).isEmpty();
            }
        }
        assertThat(rtx).containsExactly(Map.entry(97, 96), Map.entry(103, 102), Map.entry(107, 104),
                Map.entry(109, 108), Map.entry(115, 114), Map.entry(117, 116), Map.entry(40, 39), Map.entry(46, 45),
                Map.entry(99, 98), Map.entry(101, 100), Map.entry(119, 118));
        Codec vp8 = video.codec(96).orElseThrow();
        assertThat(vp8.hasFeedback("nack", "pli")).isTrue();
        assertThat(vp8.hasFeedback("nack", null)).isTrue();
        assertThat(vp8.parameters()).isEmpty();
        assertThat(video.codec(120).orElseThrow().encodingName()).isEqualTo("ulpfec");

        assertThat(video.ssrcGroups()).containsExactly(SsrcGroup.of("FID", 2651518713L, 75492151L));
        assertThat(video.ssrcIds()).containsExactly(2651518713L, 75492151L);
        assertThat(video.ssrcs()).filteredOn(s -> s.attribute().equals("cname"))
                .extracting(SsrcAttribute::value).containsOnly("clinQX9COmrqxr2s");
        assertThat(video.msid()).contains(new Msid(STREAM, VIDEO_TRACK));
    }

    @Test
    void ridSimulcastOffer() {
        SessionDescription sdp = SdpFixtures.parse(SdpFixtures.SIMULCAST);
        MediaDescription audio = sdp.media().get(0);
        MediaDescription video = sdp.media().get(1);
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.ssrcIds()).containsExactly(1807674992L);
        assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(video.rids()).containsExactly(new Rid("q", RidDirection.SEND), new Rid("h", RidDirection.SEND),
                new Rid("f", RidDirection.SEND));
        Simulcast simulcast = video.simulcast().orElseThrow();
        assertThat(simulcast).isEqualTo(Simulcast.send("q", "h", "f"));
        assertThat(simulcast.sendRids()).containsExactly("q", "h", "f");
        assertThat(simulcast.recv()).isEmpty();
        assertThat(simulcast.send()).allMatch(s -> s.alternatives().size() == 1 && !s.first().paused());
        assertThat(simulcast.reversed().toSdpValue()).isEqualTo("recv q;h;f");
        assertThat(video.ssrcs()).isEmpty();
        assertThat(video.ssrcGroups()).isEmpty();
        assertThat(video.msid()).contains(new Msid(STREAM, VIDEO_TRACK));
        assertThat(video.extmapId(ExtMap.RTP_STREAM_ID)).hasValue(10);
        assertThat(video.extmapId(ExtMap.REPAIRED_RTP_STREAM_ID)).hasValue(11);
        assertThat(video.extmapId(ExtMap.DEPENDENCY_DESCRIPTOR)).hasValue(12);
        assertThat(video.extmapId("http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00")).hasValue(9);
        assertThat(video.codec(97).orElseThrow().associatedPayloadType()).hasValue(96);
    }

    @Test
    void recvonlyOffer() {
        SessionDescription sdp = SdpFixtures.parse(SdpFixtures.RECVONLY);
        assertThat(sdp.msidSemantic()).contains(new MsidSemantic("WMS", List.of()));
        assertThat(sdp.bundleMids()).containsExactly("0", "1");
        for (MediaDescription m : sdp.media()) {
            assertThat(m.direction()).isEqualTo(Direction.RECVONLY);
            assertThat(sdp.effectiveDirection(m)).isEqualTo(Direction.RECVONLY);
            assertThat(m.msid()).isEmpty();
            assertThat(m.ssrcs()).isEmpty();
        }
        MediaDescription video = sdp.media().get(1);
        assertThat(video.payloadTypes()).hasSize(34).contains(35, 37, 41, 43, 47, 49);
        assertThat(video.rtpMap(35)).contains(new RtpMap(35, "VP9", 90000));
        assertThat(video.fmtp(35)).containsExactly(Map.entry("profile-id", "1"));
        assertThat(video.fmtp(41)).containsEntry("profile-level-id", "f4001f");
        assertThat(video.rtpMap(49)).contains(new RtpMap(49, "flexfec-03", 90000));
        assertThat(video.fmtp(49)).containsExactly(Map.entry("repair-window", "10000000"));
        assertThat(video.codec(48).orElseThrow().associatedPayloadType()).hasValue(47);
    }

    @Test
    void renegotiationOfferWithStoppedAndAddedTransceiver() {
        SessionDescription before = SdpFixtures.parse(SdpFixtures.BEFORE_RENEGOTIATION);
        SessionDescription sdp = SdpFixtures.parse(SdpFixtures.RENEGOTIATION);
        assertThat(sdp.origin().sessionId()).isEqualTo(before.origin().sessionId()).isEqualTo("3377480702127548351");
        assertThat(before.origin().sessionVersion()).isEqualTo("2");
        assertThat(sdp.origin().sessionVersion()).isEqualTo("3");
        assertThat(sdp.bundleMids()).containsExactly("0", "2");
        assertThat(sdp.media()).hasSize(3);

        MediaDescription stopped = sdp.media().get(1);
        assertThat(stopped.mid()).contains("1");
        assertThat(stopped.port()).isZero();
        assertThat(stopped.isRejected()).isTrue();
        assertThat(stopped.bundleOnly()).isFalse();
        assertThat(stopped.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(sdp.bundleGroupOf("1")).isEmpty();

        MediaDescription added = sdp.mediaByMid("2").orElseThrow();
        assertThat(added.port()).isEqualTo(9);
        assertThat(added.connections()).containsExactly(Connection.ip4("0.0.0.0"));
        assertThat(added.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(added.candidates()).isEmpty();
        assertThat(added.iceUfrag()).contains("8uUC");
        assertThat(sdp.bundleGroupOf("2")).contains(Group.bundle("0", "2"));
        assertThat(added.extmapId(ExtMap.SDES_MID)).hasValue(4);

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.candidates()).hasSize(2);
        assertThat(audio.msid()).isEqualTo(before.media().get(0).msid());
    }

    @Test
    void dataChannelOffer() {
        SessionDescription sdp = SdpFixtures.parse(SdpFixtures.DATACHANNEL);
        assertThat(sdp.bundleMids()).containsExactly("0");
        assertThat(sdp.msidSemantic()).contains(new MsidSemantic("WMS", List.of()));
        MediaDescription data = sdp.media().get(0);
        assertThat(data.mediaType()).isEqualTo(MediaDescription.APPLICATION);
        assertThat(data.protocol()).isEqualTo(MediaDescription.UDP_DTLS_SCTP);
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        assertThat(data.isRtp()).isFalse();
        assertThat(data.payloadTypes()).isEmpty();
        assertThat(data.codecs()).isEmpty();
        assertThat(data.port()).isEqualTo(54303);
        assertThat(data.mid()).contains("0");
        assertThat(data.sctpPort()).hasValue(5000);
        assertThat(data.maxMessageSize()).hasValue(262144L);
        assertThat(data.rtcpMux()).isFalse();
        assertThat(data.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(data.directionAttribute()).isEmpty();
        assertThat(data.candidates()).extracting(IceCandidate::port).containsExactly(54303, 9);
        assertThat(sdp.iceDtlsParameters(data).iceUfrag()).isEqualTo("N/ZD");
    }
}
