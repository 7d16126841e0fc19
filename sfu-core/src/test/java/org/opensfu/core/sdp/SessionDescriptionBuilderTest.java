package org.opensfu.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;

/** Building descriptions: exact text of realistic answers and offers, and the checks builders make. */
class SessionDescriptionBuilderTest {
    private static final DtlsFingerprint FINGERPRINT = DtlsFingerprint.parse("sha-256 "
            + "1F:2E:3D:4C:5B:6A:79:88:97:A6:B5:C4:D3:E2:F1:00:0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0");
    private static final String UFRAG = "sfuA";
    private static final String PWD = "0123456789abcdefghijKL";
    private static final IceCandidate HOST = IceCandidate.host("1", "127.0.0.1", 40000, 65535);

    /** What an SFU answers to Chromium's rid simulcast offer: receive audio and three video layers. */
    @Test
    void answerToTheSimulcastOfferHasTheExpectedText() {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.SIMULCAST);
        MediaDescription offeredAudio = offer.media().get(0);
        MediaDescription offeredVideo = offer.media().get(1);

        MediaDescription audio = transport(MediaDescription.builder("audio", 9, MediaDescription.UDP_TLS_RTP_SAVPF))
                .mid(offeredAudio.mid().orElseThrow())
                .extmap(offeredAudio.extmapId(ExtMap.SSRC_AUDIO_LEVEL).orElseThrow(), ExtMap.SSRC_AUDIO_LEVEL)
                .extmap(offeredAudio.extmapId(ExtMap.TRANSPORT_WIDE_CC).orElseThrow(), ExtMap.TRANSPORT_WIDE_CC)
                .extmap(offeredAudio.extmapId(ExtMap.SDES_MID).orElseThrow(), ExtMap.SDES_MID)
                .direction(offeredAudio.direction().reversed().intersect(Direction.RECVONLY))
                .rtcpMux()
                .rtcpRsize()
                .codec(offeredAudio.codec(111).orElseThrow())
                .build();

        Codec vp8 = offeredVideo.codec(96).orElseThrow();
        Codec answeredVp8 = vp8.withFeedback(vp8.feedback().stream()
                .filter(f -> !f.type().equals(RtcpFeedback.GOOG_REMB)).toList());
        MediaDescriptionBuilder video = transport(
                MediaDescription.builder("video", 9, MediaDescription.UDP_TLS_RTP_SAVPF, List.of()))
                .mid(offeredVideo.mid().orElseThrow());
        for (String uri : List.of(ExtMap.TRANSPORT_WIDE_CC, ExtMap.SDES_MID, ExtMap.RTP_STREAM_ID,
                ExtMap.REPAIRED_RTP_STREAM_ID)) {
            video.extmap(offeredVideo.extmapId(uri).orElseThrow(), uri);
        }
        video.direction(offeredVideo.direction().reversed())
                .rtcpMux()
                .rtcpRsize()
                .codec(answeredVp8)
                .codec(offeredVideo.codec(97).orElseThrow());
        offeredVideo.rids().forEach(r -> video.rid(r.reversed()));
        video.simulcast(offeredVideo.simulcast().orElseThrow().reversed());

        SessionDescription answer = SessionDescription.builder()
                .origin(Origin.of(4611731400430051336L, 1))
                .bundle(offer.bundleMids())
                .extmapAllowMixed()
                .msidSemantic(new MsidSemantic(MsidSemantic.WMS, List.of()))
                .iceLite()
                .media(audio)
                .media(video.build())
                .build();

        String expected = """
                v=0
                o=- 4611731400430051336 1 IN IP4 0.0.0.0
                s=-
                t=0 0
                a=group:BUNDLE 0 1
                a=extmap-allow-mixed
                a=msid-semantic: WMS
                a=ice-lite
                m=audio 9 UDP/TLS/RTP/SAVPF 111
                c=IN IP4 0.0.0.0
                a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host
                a=end-of-candidates
                a=ice-ufrag:sfuA
                a=ice-pwd:0123456789abcdefghijKL
                a=fingerprint:sha-256 1F:2E:3D:4C:5B:6A:79:88:97:A6:B5:C4:D3:E2:F1:00:0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0
                a=setup:passive
                a=mid:0
                a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
                a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
                a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
                a=recvonly
                a=rtcp-mux
                a=rtcp-rsize
                a=rtpmap:111 opus/48000/2
                a=rtcp-fb:111 transport-cc
                a=fmtp:111 minptime=10;useinbandfec=1
                m=video 9 UDP/TLS/RTP/SAVPF 96 97
                c=IN IP4 0.0.0.0
                a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host
                a=end-of-candidates
                a=ice-ufrag:sfuA
                a=ice-pwd:0123456789abcdefghijKL
                a=fingerprint:sha-256 1F:2E:3D:4C:5B:6A:79:88:97:A6:B5:C4:D3:E2:F1:00:0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0
                a=setup:passive
                a=mid:1
                a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
                a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
                a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
                a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
                a=recvonly
                a=rtcp-mux
                a=rtcp-rsize
                a=rtpmap:96 VP8/90000
                a=rtcp-fb:96 transport-cc
                a=rtcp-fb:96 ccm fir
                a=rtcp-fb:96 nack
                a=rtcp-fb:96 nack pli
                a=rtpmap:97 rtx/90000
                a=fmtp:97 apt=96
                a=rid:q recv
                a=rid:h recv
                a=rid:f recv
                a=simulcast:recv q;h;f
                """.replace("\n", "\r\n");
        assertThat(answer.write()).isEqualTo(expected);

        SessionDescription parsed = SessionDescription.parse(expected);
        assertThat(parsed).isEqualTo(answer);
        assertThat(parsed.iceLite()).isTrue();
        assertThat(parsed.media().get(1).simulcast().orElseThrow().recvRids()).containsExactly("q", "h", "f");
        assertThat(parsed.iceDtlsParameters(parsed.media().get(1)).setup()).isEqualTo(SetupRole.PASSIVE);
        assertThat(parsed.media().get(0).candidates()).containsExactly(HOST);
    }

    /** What a Java peer could offer: audio with an SSRC, video with an RTX FID group, a data channel. */
    @Test
    void offerWithSsrcsAndADataChannelHasTheExpectedText() {
        Map<String, String> vp8Params = new LinkedHashMap<>();
        vp8Params.put("x-google-start-bitrate", "3000");
        vp8Params.put("x-google-min-bitrate", "3000");
        SessionDescription offer = SessionDescription.builder()
                .origin(Origin.of(1234567890123L, 2))
                .bundle("a", "v", "d")
                .media(MediaDescription.builder("audio", 9, MediaDescription.UDP_TLS_RTP_SAVPF, List.of("111"))
                        .connection(Connection.ip4("0.0.0.0"))
                        .iceUfrag(UFRAG).icePassword(PWD).iceOptions("trickle")
                        .fingerprint(FINGERPRINT).setup(SetupRole.ACTPASS)
                        .mid("a")
                        .extmap(new ExtMap(1, Direction.SENDONLY, ExtMap.SSRC_AUDIO_LEVEL, "vad=on"))
                        .direction(Direction.SENDONLY)
                        .msid("stream-1", "audio-1")
                        .rtcpMux()
                        .rtpMap(111, "opus", 48000, 2)
                        .rtcpFeedback(RtcpFeedback.ANY_PAYLOAD_TYPE, "transport-cc")
                        .fmtp(111, "minptime=10;useinbandfec=1")
                        .ssrc(11111111L, SsrcAttribute.CNAME, "peer-cname")
                        .build())
                .media(MediaDescription.builder("video", 9, MediaDescription.UDP_TLS_RTP_SAVPF, List.of("96", "97"))
                        .connection(Connection.ip4("0.0.0.0"))
                        .bandwidth(Bandwidth.applicationSpecific(2500))
                        .mid("v")
                        .direction(Direction.SENDONLY)
                        .msid("stream-1", "video-1")
                        .rtcpMux().rtcpRsize()
                        .rtpMap(96, "VP8", 90000)
                        .rtcpFeedback(96, RtcpFeedback.NACK)
                        .rtcpFeedback(96, RtcpFeedback.NACK, RtcpFeedback.PLI)
                        .fmtp(96, vp8Params)
                        .rtpMap(97, "rtx", 90000)
                        .fmtp(97, Map.of("apt", "96"))
                        .ssrcGroup(SsrcGroup.FID, 22222222L, 33333333L)
                        .ssrc(22222222L, SsrcAttribute.CNAME, "peer-cname")
                        .ssrc(33333333L, SsrcAttribute.CNAME, "peer-cname")
                        .build())
                .media(MediaDescription.builder("application", 9, MediaDescription.UDP_DTLS_SCTP,
                                List.of("webrtc-datachannel"))
                        .connection(Connection.ip4("0.0.0.0"))
                        .mid("d")
                        .bundleOnly()
                        .sctpPort(5000)
                        .maxMessageSize(262144)
                        .build())
                .build();

        String expected = """
                v=0
                o=- 1234567890123 2 IN IP4 0.0.0.0
                s=-
                t=0 0
                a=group:BUNDLE a v d
                m=audio 9 UDP/TLS/RTP/SAVPF 111
                c=IN IP4 0.0.0.0
                a=ice-ufrag:sfuA
                a=ice-pwd:0123456789abcdefghijKL
                a=ice-options:trickle
                a=fingerprint:sha-256 1F:2E:3D:4C:5B:6A:79:88:97:A6:B5:C4:D3:E2:F1:00:0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0
                a=setup:actpass
                a=mid:a
                a=extmap:1/sendonly urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on
                a=sendonly
                a=msid:stream-1 audio-1
                a=rtcp-mux
                a=rtpmap:111 opus/48000/2
                a=rtcp-fb:* transport-cc
                a=fmtp:111 minptime=10;useinbandfec=1
                a=ssrc:11111111 cname:peer-cname
                m=video 9 UDP/TLS/RTP/SAVPF 96 97
                c=IN IP4 0.0.0.0
                b=AS:2500
                a=mid:v
                a=sendonly
                a=msid:stream-1 video-1
                a=rtcp-mux
                a=rtcp-rsize
                a=rtpmap:96 VP8/90000
                a=rtcp-fb:96 nack
                a=rtcp-fb:96 nack pli
                a=fmtp:96 x-google-start-bitrate=3000;x-google-min-bitrate=3000
                a=rtpmap:97 rtx/90000
                a=fmtp:97 apt=96
                a=ssrc-group:FID 22222222 33333333
                a=ssrc:22222222 cname:peer-cname
                a=ssrc:33333333 cname:peer-cname
                m=application 9 UDP/DTLS/SCTP webrtc-datachannel
                c=IN IP4 0.0.0.0
                a=mid:d
                a=bundle-only
                a=sctp-port:5000
                a=max-message-size:262144
                """.replace("\n", "\r\n");
        assertThat(offer.write()).isEqualTo(expected);

        SessionDescription parsed = SessionDescription.parse(expected);
        assertThat(parsed).isEqualTo(offer);
        MediaDescription audio = parsed.media().get(0);
        assertThat(audio.rtcpFeedback(111)).containsExactly(new RtcpFeedback(RtcpFeedback.ANY_PAYLOAD_TYPE,
                "transport-cc"));
        assertThat(audio.codec(111).orElseThrow().feedback()).containsExactly(new RtcpFeedback(111, "transport-cc"));
        assertThat(audio.extmaps()).containsExactly(new ExtMap(1, Direction.SENDONLY, ExtMap.SSRC_AUDIO_LEVEL,
                "vad=on"));
        MediaDescription video = parsed.media().get(1);
        assertThat(video.fmtp(96)).containsExactlyEntriesOf(vp8Params);
        assertThat(video.bandwidths()).containsExactly(new Bandwidth("AS", 2500));
        assertThat(video.ssrcGroups()).containsExactly(SsrcGroup.of("FID", 22222222L, 33333333L));
        MediaDescription data = parsed.media().get(2);
        assertThat(data.bundleOnly()).isTrue();
        assertThat(data.isRejected()).isFalse();
        // the data section has no ICE lines of its own: they come from the BUNDLE-tagged section "a"
        IceDtlsParameters transport = parsed.iceDtlsParameters(data);
        assertThat(transport.iceUfrag()).isEqualTo(UFRAG);
        assertThat(transport.icePassword()).isEqualTo(PWD);
        assertThat(transport.fingerprints()).containsExactly(FINGERPRINT);
        assertThat(transport.setup()).isEqualTo(SetupRole.ACTPASS);
    }

    @Test
    void sessionLevelTransportAttributesAreTheLastFallback() {
        SessionDescription sdp = SessionDescription.builder()
                .origin(Origin.of(1, 1))
                .iceUfrag(UFRAG).icePassword(PWD).fingerprint(FINGERPRINT).setup(SetupRole.ACTIVE)
                .direction(Direction.SENDONLY)
                .media(MediaDescription.builder("audio", 9, MediaDescription.UDP_TLS_RTP_SAVPF, List.of("0"))
                        .iceUfrag("ownX").build())
                .build();
        MediaDescription m = sdp.media().get(0);
        assertThat(sdp.iceDtlsParameters(m)).isEqualTo(new IceDtlsParameters("ownX", PWD, List.of(FINGERPRINT),
                SetupRole.ACTIVE));
        assertThat(m.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.effectiveDirection(m)).isEqualTo(Direction.SENDONLY);
        assertThat(m.codecs()).isEmpty(); // static payload type 0 without a=rtpmap
    }

    @Test
    void toBuilderChangesACopy() {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.AUDIO_VIDEO);
        MediaDescription video = offer.media().get(1).toBuilder().port(0).removeAttributes("sendrecv")
                .direction(Direction.INACTIVE).build();
        SessionDescription changed = offer.toBuilder().origin(offer.origin().withSessionVersion(3))
                .setMedia(1, video).build();
        assertThat(changed.origin().sessionVersion()).isEqualTo("3");
        assertThat(changed.media().get(1).isRejected()).isTrue();
        assertThat(changed.media().get(1).direction()).isEqualTo(Direction.INACTIVE);
        assertThat(offer.media().get(1).port()).isEqualTo(55653);
        String text = changed.write();
        assertThat(text).contains("m=video 0 UDP/TLS/RTP/SAVPF 96 97 ").contains("a=inactive\r\n")
                .doesNotContain("a=sendrecv\r\nm=", "o=- 5778477855314519231 2 ");
    }

    @Test
    void buildersRejectBadValuesEarly() {
        MediaDescriptionBuilder m = MediaDescription.builder("video", 9, MediaDescription.UDP_TLS_RTP_SAVPF);
        assertThatThrownBy(() -> m.rtpMap(128, "VP8", 90000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload type 128");
        assertThatThrownBy(() -> m.attribute("rtpmap", "abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=rtpmap");
        assertThatThrownBy(() -> m.attribute("mid", "0\r\na=evil")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> m.attribute("bad name", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a token");
        assertThatThrownBy(() -> m.attribute("rtcp-mux", "yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes no value");
        assertThatThrownBy(() -> m.extmap(256, ExtMap.SDES_MID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.iceUfrag("ab")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4-256");
        assertThatThrownBy(() -> m.rid("q!", RidDirection.SEND)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.format("x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload type");
        assertThatThrownBy(m::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> SessionDescription.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("origin");
        assertThatThrownBy(() -> Fmtp.of(96, Map.of("a;b", "1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Simulcast(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** ICE and DTLS lines as an SFU writes them in every m-section of its answer. */
    private static MediaDescriptionBuilder transport(MediaDescriptionBuilder m) {
        return m.connection(Connection.ip4("0.0.0.0"))
                .candidate(HOST)
                .endOfCandidates()
                .iceUfrag(UFRAG)
                .icePassword(PWD)
                .fingerprint(FINGERPRINT)
                .setup(SetupRole.PASSIVE);
    }
}
