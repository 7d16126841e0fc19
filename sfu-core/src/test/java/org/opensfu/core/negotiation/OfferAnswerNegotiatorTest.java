package org.opensfu.core.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opensfu.core.router.MediaKind;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.sdp.Direction;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.SessionDescription;
import org.opensfu.core.sdp.SetupRole;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;

/** Answers to real Chromium 156 offers (fixtures captured by the SDP tests). */
class OfferAnswerNegotiatorTest {
    private static final LocalTransportInfo LOCAL = new LocalTransportInfo(
            new IceParameters("sfu1", "0123456789abcdefghijklmn"),
            DtlsCertificate.generate(Clock.system(), new SecureRandom()).fingerprint(),
            List.of(IceCandidate.host("1", "127.0.0.1", 10000, 65535)));
    private final OfferAnswerNegotiator negotiator = new OfferAnswerNegotiator();

    @Test
    void acceptsAChromiumPublisherAsRecvonlyOpusAndVp8WithRtx() throws Exception {
        Negotiation negotiation = negotiator.answer(fixture("chromium-156-audio-video-sendrecv.sdp"), LOCAL,
                Map.of(), 1);

        assertThat(negotiation.remoteTransport().ice().ufrag()).isEqualTo("Jc9P");
        assertThat(negotiation.remoteTransport().fingerprint().algorithm()).isEqualTo("sha-256");
        assertThat(negotiation.remoteTransport().candidates()).extracting(IceCandidate::address)
                .containsOnly("127.0.0.1");
        assertThat(negotiation.subscribed()).isEmpty();
        assertThat(negotiation.published()).hasSize(2);
        PublishedMedia audio = negotiation.published().get(0);
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.layers()).containsExactly(new PublishedLayer(null, (int) 817536522L, 0));
        assertThat(audio.transportCc()).isTrue();
        assertThat(audio.payloadType()).isEqualTo(111);
        assertThat(audio.clockRateHz()).isEqualTo(48_000);
        assertThat(audio.extensions().id(HeaderExtension.AUDIO_LEVEL)).isEqualTo(1);
        assertThat(audio.extensions().id(HeaderExtension.ABS_SEND_TIME)).isZero();
        PublishedMedia video = negotiation.published().get(1);
        assertThat(video.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(video.layers()).containsExactly(new PublishedLayer(null, (int) 2651518713L, 75492151));
        assertThat(video.rtxPayloadType()).isEqualTo(97);
        assertThat(video.payloadType()).isEqualTo(96);
        assertThat(video.acceptsPli()).isTrue();
        assertThat(video.acceptsNack()).isTrue();
        assertThat(audio.acceptsNack()).isFalse();

        SessionDescription answer = SessionDescription.parse(negotiation.answerSdp());
        assertThat(answer.bundleMids()).containsExactly("0", "1");
        assertThat(answer.extmapAllowMixed()).isTrue();
        for (MediaDescription section : answer.media()) {
            assertThat(answer.effectiveDirection(section)).isEqualTo(Direction.RECVONLY);
            assertThat(answer.iceDtlsParameters(section).setup()).isEqualTo(SetupRole.PASSIVE);
            assertThat(answer.iceDtlsParameters(section).iceUfrag()).isEqualTo("sfu1");
            assertThat(section.rtcpMux()).isTrue();
            assertThat(section.candidates()).hasSize(1);
        }
        assertThat(answer.media().get(0).payloadTypes()).containsExactly(111);
        assertThat(answer.media().get(1).payloadTypes()).containsExactly(96, 97);
        assertThat(answer.media().get(1).fmtp(97)).containsEntry("apt", "96");
        assertThat(answer.media().get(1).rtcpFeedback(96)).extracting(f -> f.type() + " " + f.parameter())
                .containsExactlyInAnyOrder("transport-cc null", "nack null", "nack pli", "ccm fir");
    }

    @Test
    void answersSubscriptionsSendonlyWithMsidAndSsrcAndOthersInactive() throws Exception {
        Map<String, SubscriptionRequest> subscriptions = Map.of(
                "1", new SubscriptionRequest("pub-1", MediaKind.VIDEO, "pub", 0xCAFEBABE, 0x0BADF00D, "pub"));
        Negotiation negotiation = negotiator.answer(fixture("chromium-156-recvonly.sdp"), LOCAL, subscriptions, 2);

        assertThat(negotiation.published()).isEmpty();
        assertThat(negotiation.subscribed()).singleElement().satisfies(s -> {
            assertThat(s.mid()).isEqualTo("1");
            assertThat(s.trackId()).isEqualTo("pub-1");
            assertThat(s.ssrc()).isEqualTo(0xCAFEBABE);
            assertThat(s.payloadType()).isEqualTo(96);
        });
        SessionDescription answer = SessionDescription.parse(negotiation.answerSdp());
        MediaDescription audio = answer.mediaByMid("0").orElseThrow();
        MediaDescription video = answer.mediaByMid("1").orElseThrow();
        assertThat(answer.effectiveDirection(audio)).isEqualTo(Direction.INACTIVE); // recvonly, no subscription
        assertThat(answer.effectiveDirection(video)).isEqualTo(Direction.SENDONLY);
        assertThat(video.msid()).hasValueSatisfying(m -> {
            assertThat(m.streamId()).isEqualTo("pub");
            assertThat(m.trackId()).isEqualTo("pub-1");
        });
        assertThat(video.ssrcIds()).containsExactly(0xCAFEBABEL, 0x0BADF00DL);
        assertThat(video.ssrcGroups()).singleElement().satisfies(g ->
                assertThat(g.ssrcs()).containsExactly(0xCAFEBABEL, 0x0BADF00DL));
        assertThat(video.payloadTypes()).containsExactly(96, 97);
    }

    @Test
    void keepsStoppedSectionsInPlaceRejectedAndOutOfTheBundle() throws Exception {
        Negotiation negotiation = negotiator.answer(fixture("chromium-156-renegotiation.sdp"), LOCAL, Map.of(), 3);
        SessionDescription answer = SessionDescription.parse(negotiation.answerSdp());
        assertThat(answer.media()).extracting(m -> m.mid().orElse("?")).containsExactly("0", "1", "2");
        assertThat(answer.mediaByMid("1").orElseThrow().port()).isZero();
        assertThat(answer.bundleMids()).containsExactly("0", "2");
        assertThat(negotiation.published()).extracting(PublishedMedia::mid).containsExactly("0");
    }

    @Test
    void refusesAnOfferWithOnlyADataChannelSinceDataChannelsAreNotSupported() {
        assertThatThrownBy(() -> negotiator.answer(fixture("chromium-156-datachannel.sdp"), LOCAL, Map.of(), 1))
                .isInstanceOf(NegotiationException.class).hasMessageContaining("no media section");
    }

    @Test
    void rejectsADataChannelSectionNextToMediaAndAnswersTheMedia() throws Exception {
        String media = fixture("chromium-156-audio-video-sendrecv.sdp");
        String dataChannel = fixture("chromium-156-datachannel.sdp");
        String application = dataChannel.substring(dataChannel.indexOf("m=application"));
        String offer = media.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
                + application.replace("a=mid:0", "a=mid:2");
        Negotiation negotiation = negotiator.answer(offer, LOCAL, Map.of(), 1);
        SessionDescription answer = SessionDescription.parse(negotiation.answerSdp());
        assertThat(answer.media()).hasSize(3);
        assertThat(answer.media().get(2).mediaType()).isEqualTo("application");
        assertThat(answer.media().get(2).port()).isZero();
        assertThat(answer.bundleMids()).containsExactly("0", "1");
        assertThat(negotiation.published()).hasSize(2);
    }

    @Test
    void refusesOffersItCannotAnswerWithAClearReason() throws Exception {
        String offer = fixture("chromium-156-audio-video-sendrecv.sdp");
        assertRefused("", "invalid SDP");
        assertRefused("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", "no media");
        assertRefused(offer.replace("a=group:BUNDLE 0 1\r\n", ""), "BUNDLE");
        assertRefused(offer.replace("a=setup:actpass", "a=setup:passive"), "setup");
        assertRefused(offer.replace("a=ice-ufrag:Jc9P", "a=ice-ufrag:Jc:9P"), "ICE");
        assertRefused(offer.replaceAll("a=fingerprint:sha-256 ", "a=fingerprint:md5 "), "fingerprint");
        assertRefused(offer.replaceAll("a=ice-pwd:[^\r]*\r\n", ""), "ICE credentials");
    }

    private void assertRefused(String offer, String reason) {
        assertThatThrownBy(() -> negotiator.answer(offer, LOCAL, Map.of(), 1))
                .isInstanceOf(NegotiationException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase(reason));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = OfferAnswerNegotiatorTest.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
