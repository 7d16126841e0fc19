package org.opensfu.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed attribute values on their own: grammar corners the fixtures do not show. */
class TypedAttributeValuesTest {

    @Test
    void simulcastWithAlternativesPausedStreamsAndRecvFirst() {
        // RFC 8853 §5.1 example shape: recv listed first, alternatives with ",", paused with "~"
        Simulcast s = Simulcast.parse("recv 1;~4 send 2,3;~5,6");
        assertThat(s.recv()).containsExactly(Simulcast.Stream.of("1"),
                new Simulcast.Stream(List.of(new Simulcast.Alternative("4", true))));
        assertThat(s.send()).containsExactly(
                new Simulcast.Stream(List.of(new Simulcast.Alternative("2", false), new Simulcast.Alternative("3", false))),
                new Simulcast.Stream(List.of(new Simulcast.Alternative("5", true), new Simulcast.Alternative("6", false))));
        assertThat(s.sendRids()).containsExactly("2", "3", "5", "6");
        assertThat(s.recvRids()).containsExactly("1", "4");
        assertThat(s.toSdpValue()).isEqualTo("send 2,3;~5,6 recv 1;~4");
        assertThat(Simulcast.parse(s.toSdpValue())).isEqualTo(s);
        assertThat(s.reversed().toSdpValue()).isEqualTo("send 1;~4 recv 2,3;~5,6");
        assertThat(Simulcast.parse("  send   q;h  ")).isEqualTo(Simulcast.send("q", "h"));
    }

    @Test
    void ridRestrictions() {
        Rid r = Rid.parse("hi send pt=96,97;max-width=1280;max-fps=30;depend=lo");
        assertThat(r.id()).isEqualTo("hi");
        assertThat(r.direction()).isEqualTo(RidDirection.SEND);
        assertThat(r.restrictions()).isEqualTo("pt=96,97;max-width=1280;max-fps=30;depend=lo");
        assertThat(r.restrictionMap()).containsExactly(Map.entry("pt", "96,97"), Map.entry("max-width", "1280"),
                Map.entry("max-fps", "30"), Map.entry("depend", "lo"));
        assertThat(r.payloadTypes()).containsExactly(96, 97);
        assertThat(r.reversed()).isEqualTo(new Rid("hi", RidDirection.RECV, r.restrictions()));
        assertThat(new Rid("q", RidDirection.RECV).payloadTypes()).isEmpty();
        assertThat(Rid.parse("x send pt=1,abc,999").payloadTypes()).containsExactly(1);
    }

    @Test
    void extmapWithDirectionAndAttributes() {
        ExtMap e = ExtMap.parse("4096/recvonly urn:example:ext  some attributes ");
        assertThat(e).isEqualTo(new ExtMap(4096, Direction.RECVONLY, "urn:example:ext", "some attributes"));
        assertThat(e.isOneByteId()).isFalse();
        assertThat(e.toSdpValue()).isEqualTo("4096/recvonly urn:example:ext some attributes");
        assertThat(new ExtMap(14, ExtMap.SDES_MID).isOneByteId()).isTrue();
        assertThat(new ExtMap(15, ExtMap.SDES_MID).isOneByteId()).isFalse();
    }

    @Test
    void rtcpFeedbackWildcardApplies() {
        RtcpFeedback any = RtcpFeedback.parse("* ccm tmmbr smaxpr=120");
        assertThat(any.isWildcard()).isTrue();
        assertThat(any.parameter()).isEqualTo("tmmbr smaxpr=120");
        assertThat(any.appliesTo(96)).isTrue();
        assertThat(any.toSdpValue()).isEqualTo("* ccm tmmbr smaxpr=120");
        assertThat(any.forPayloadType(96)).isEqualTo(new RtcpFeedback(96, "ccm", "tmmbr smaxpr=120"));
        assertThat(RtcpFeedback.parse("97 nack").appliesTo(96)).isFalse();
    }

    @Test
    void codecsMergeSpecificAndWildcardFeedback() {
        MediaDescription m = MediaDescription.builder("video", 9, MediaDescription.UDP_TLS_RTP_SAVPF)
                .rtcpFeedback(RtcpFeedback.ANY_PAYLOAD_TYPE, "nack")
                .codec(new Codec(new RtpMap(96, "VP8", 90000), Map.of(), List.of(new RtcpFeedback(96, "nack"),
                        new RtcpFeedback(96, "nack", "pli"))))
                .rtpMap(97, "rtx", 90000).fmtp(97, "apt=96").format(97)
                .build();
        assertThat(m.rtcpFeedback(96)).containsExactly(new RtcpFeedback(-1, "nack"), new RtcpFeedback(96, "nack"),
                new RtcpFeedback(96, "nack", "pli"));
        assertThat(m.codec(96).orElseThrow().feedback()).containsExactly(new RtcpFeedback(96, "nack"),
                new RtcpFeedback(96, "nack", "pli"));
        assertThat(m.codec(97).orElseThrow().feedback()).containsExactly(new RtcpFeedback(97, "nack"));
        assertThat(m.codec(97).orElseThrow().associatedPayloadType()).hasValue(96);
        assertThat(m.codec(96).orElseThrow().associatedPayloadType()).isEmpty();
        assertThat(m.formats()).containsExactly("96", "97");
    }

    @Test
    void rtpMapSameFormatIgnoresPayloadTypeAndCase() {
        assertThat(new RtpMap(111, "opus", 48000, 2).sameFormat(new RtpMap(109, "OPUS", 48000, 2))).isTrue();
        assertThat(new RtpMap(0, "PCMU", 8000).sameFormat(new RtpMap(0, "PCMU", 8000, 1))).isTrue();
        assertThat(new RtpMap(111, "opus", 48000, 2).sameFormat(new RtpMap(111, "opus", 48000))).isFalse();
        assertThat(RtpMap.parse(" 96  VP8/90000 ")).isEqualTo(new RtpMap(96, "VP8", 90000));
    }

    @Test
    void directionAlgebra() {
        assertThat(Direction.SENDONLY.reversed()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.SENDRECV.reversed()).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.INACTIVE.reversed()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDRECV.intersect(Direction.RECVONLY)).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.SENDONLY.intersect(Direction.RECVONLY)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.fromSdpName("sendonly")).contains(Direction.SENDONLY);
        assertThat(Direction.fromSdpName("SENDONLY")).isEmpty();
        assertThat(SetupRole.fromSdpValue("actpass")).contains(SetupRole.ACTPASS);
    }

    @Test
    void fmtpMapsKeepOrderAndFirstOccurrence() {
        Fmtp f = Fmtp.parse("100 b=2;a=1;b=3");
        assertThat(f.parameterMap()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(Fmtp.of(100, f.parameterMap()).parameters()).isEqualTo("b=2;a=1");
        assertThat(Fmtp.parse("63 111/111").parameterMap()).containsExactly(Map.entry("111/111", ""));
    }

    @Test
    void msidAndSsrcAndGroups() {
        assertThat(Msid.parse("- track")).isEqualTo(new Msid(Msid.NO_STREAM, "track"));
        assertThat(Msid.parse("stream")).isEqualTo(new Msid("stream", null));
        assertThat(SsrcAttribute.parse("4294967295 foo")).isEqualTo(new SsrcAttribute(4294967295L, "foo", null));
        assertThat(SsrcAttribute.parse("1 msid:a b").value()).isEqualTo("a b");
        assertThat(SsrcGroup.parse("SIM 1 2 3").ssrcs()).containsExactly(1L, 2L, 3L);
        assertThat(Group.parse("BUNDLE")).isEqualTo(Group.bundle());
        assertThat(Group.parse("LS a b").isBundle()).isFalse();
        assertThat(MsidSemantic.parse(" WMS *").toSdpValue()).isEqualTo(" WMS *");
    }
}
