package org.opensfu.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz-style properties: no input makes parsing throw anything but {@link SdpParseException}; whatever parses
 * round-trips exactly and its typed readers do not throw; building then parsing gives back the same values.
 */
class SdpPropertiesTest {
    private static final List<String> FIXTURES = SdpFixtures.ALL.stream().map(SdpFixtures::text).toList();

    /** Lines that stress the typed readers and the structure checks when spliced into a fixture. */
    private static final List<String> TRICKY = List.of(
            "a=rtpmap:96 VP8/99999999999", "a=rtpmap:96 VP8/90000/0", "a=rtpmap:200 x/1", "a=extmap:0 x",
            "a=extmap:4351/inactive urn:x a b", "m=video 0 RTP/AVP 0", "m=application 9 UDP/DTLS/SCTP x",
            "a=simulcast:send ~", "a=simulcast:recv a,~b;c send d", "a=ssrc:1", "a=ssrc:1 x:", "a=fmtp:1 x",
            "a=fmtp:96 apt=abc", "a=candidate:1 1 udp 1 1.1.1.1 1 typ host", "a=candidate:1 1 udp x 1.1.1.1 1 typ",
            "t=0 0", "r=1", "c=IN IP4 1.1.1.1", "b=AS:1", "b=X:18446744073709551616", "a=fingerprint:sha-256 00",
            "a=fingerprint:md5 00:11", "a=group:BUNDLE", "a=group:BUNDLE 0 1 2 3", "a=mid:", "a=mid:9",
            "a=rid:q send pt=abc", "a=rid:q recv pt=96,97;max-width=9999999999", "a=msid:- -", "a=setup:actpass",
            "a=sctp-port:0", "a=max-message-size:0", "a=rtcp-fb:* nack", "a=rtcp-fb:96 nack  pli", "i=x", "k=x",
            "z=1", "a=sendonly", "a=inactive", "a=bundle-only", "a=ice-ufrag:abcd", "a=ice-pwd:", "a=", "a=:",
            "\u0000", "\r", "", "v=0", "o=- 1 1 IN IP4 x", "s=", "a=ssrc-group:FID 1 4294967295",
            "a=msid-semantic:", "a=msid-semantic: WMS *", "\u00e9=x", "a=x\u2028y");

    private static final List<String> NUMBERS = List.of("0", "00", "-1", "1", "127", "128", "255", "256", "4351",
            "65535", "65536", "2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807",
            "99999999999999999999999", "", "x");

    // ---- parsing never throws anything else -----------------------------------------------------------------------

    @Property(tries = 1000)
    void randomStringsOnlyFailWithSdpParseException(@ForAll("sdpAlphabetStrings") String text) {
        check(text);
    }

    @Property(tries = 1000)
    void randomLinesAfterAValidHeaderOnlyFailWithSdpParseException(
            @ForAll @Size(max = 12) List<@net.jqwik.api.From("randomLine") String> lines) {
        check("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" + String.join("\r\n", lines));
    }

    @Property(tries = 1500)
    void mutatedFixturesOnlyFailWithSdpParseException(@ForAll @IntRange(min = 0, max = 5) int fixture,
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("mutation") Mutation> mutations) {
        String text = FIXTURES.get(fixture);
        for (Mutation m : mutations) {
            text = m.apply(text);
        }
        check(text);
    }

    @Property(tries = 300)
    void everyTruncationOfAFixtureOnlyFailsWithSdpParseException(@ForAll @IntRange(min = 0, max = 5) int fixture,
            @ForAll @IntRange(min = 0, max = 11000) int cut) {
        String text = FIXTURES.get(fixture);
        check(text.substring(0, Math.min(cut, text.length())));
    }

    /**
     * Parses; on success checks the exact round trip (after CRLF normalisation) and that every reader works; on
     * failure only {@link SdpParseException} is allowed (anything else propagates and fails the property).
     */
    static void check(String text) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(text);
        } catch (SdpParseException e) {
            net.jqwik.api.statistics.Statistics.collect("rejected");
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.lineNumber()).isGreaterThanOrEqualTo(0);
            return;
        }
        net.jqwik.api.statistics.Statistics.collect("parsed");
        assertThat(sdp.write()).isEqualTo(normalize(text));
        assertThat(SessionDescription.parse(sdp.write())).isEqualTo(sdp);
        readEverything(sdp);
    }

    static String normalize(String text) {
        String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
        return crlf.endsWith("\r\n") ? crlf : crlf + "\r\n";
    }

    /** Calls every typed reader; they must not throw. */
    static void readEverything(SessionDescription sdp) {
        sdp.groups();
        sdp.bundleMids();
        sdp.msidSemantic();
        sdp.iceLite();
        sdp.extmapAllowMixed();
        sdp.iceUfrag();
        sdp.icePassword();
        sdp.iceOptions();
        sdp.fingerprints();
        sdp.setup();
        sdp.directionAttribute();
        for (MediaDescription m : sdp.media()) {
            sdp.iceDtlsParameters(m).iceParameters();
            sdp.effectiveDirection(m);
            m.mid().ifPresent(sdp::bundleGroupOf);
            m.isRtp();
            m.payloadTypes();
            m.isRejected();
            m.direction();
            m.rtpMaps();
            m.fmtps().forEach(Fmtp::parameterMap);
            m.rtcpFeedbacks();
            for (Codec c : m.codecs()) {
                c.associatedPayloadType();
                m.fmtp(c.payloadType());
                m.rtcpFeedback(c.payloadType());
                m.rtpMap(c.payloadType());
            }
            m.extmaps();
            m.extmapId(ExtMap.SDES_MID);
            m.ssrcs();
            m.ssrcIds();
            m.ssrcGroups();
            m.rids().forEach(r -> r.payloadTypes());
            m.simulcast().ifPresent(s -> s.reversed().toSdpValue());
            m.msid();
            m.msids();
            m.candidates();
            m.candidateValues();
            m.endOfCandidates();
            m.fingerprints();
            m.rtcpMux();
            m.rtcpRsize();
            m.sctpPort();
            m.maxMessageSize();
            m.bundleOnly();
            m.toBuilder().build();
        }
        sdp.toBuilder().build();
    }

    // ---- building then parsing --------------------------------------------------------------------------------------

    @Property(tries = 300)
    void buildingThenParsingGivesTheSameTypedValues(@ForAll("mediaSpec") MediaSpec spec,
            @ForAll @IntRange(min = 0, max = 3) int directionIndex) {
        Direction direction = Direction.values()[directionIndex];
        MediaDescriptionBuilder b = MediaDescription.builder("video", 9, MediaDescription.UDP_TLS_RTP_SAVPF)
                .mid(spec.mid()).direction(direction).msid(spec.msid());
        spec.extmaps().forEach(b::extmap);
        spec.codecs().forEach(b::codec);
        spec.ssrcs().forEach(b::ssrc);
        spec.rids().forEach(b::rid);
        if (!spec.rids().isEmpty()) {
            b.simulcast(spec.simulcast());
        }
        SessionDescription built = SessionDescription.builder().origin(Origin.of(42, 1)).bundle(spec.mid())
                .media(b.build()).build();

        SessionDescription parsed = SessionDescription.parse(built.write());
        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.write()).isEqualTo(built.write());
        MediaDescription m = parsed.media().get(0);
        assertThat(m.mid()).contains(spec.mid());
        assertThat(parsed.bundleMids()).containsExactly(spec.mid());
        assertThat(m.direction()).isEqualTo(direction);
        assertThat(m.msid()).contains(spec.msid());
        assertThat(m.extmaps()).isEqualTo(spec.extmaps());
        assertThat(m.codecs()).isEqualTo(spec.codecs());
        for (Codec c : spec.codecs()) {
            assertThat(m.fmtp(c.payloadType())).containsExactlyEntriesOf(c.parameters());
            assertThat(m.rtcpFeedback(c.payloadType())).isEqualTo(c.feedback());
            assertThat(m.rtpMap(c.payloadType())).contains(c.rtpMap());
        }
        assertThat(m.ssrcs()).isEqualTo(spec.ssrcs());
        assertThat(m.rids()).isEqualTo(spec.rids());
        assertThat(m.simulcast()).isEqualTo(spec.rids().isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(spec.simulcast()));
    }

    @Property(tries = 500)
    void anyAttributeTheBuilderAcceptsParsesBack(@ForAll("attributeName") String name,
            @ForAll("attributeValue") String value, @ForAll boolean mediaLevel) {
        Attribute attribute;
        try {
            attribute = value == null ? Attribute.flag(name) : new Attribute(name, value);
        } catch (IllegalArgumentException e) {
            return; // rejected early, as documented
        }
        SessionDescriptionBuilder b = SessionDescription.builder().origin(Origin.of(7, 7));
        if (mediaLevel) {
            b.media(MediaDescription.builder("audio", 9, MediaDescription.UDP_TLS_RTP_SAVPF, List.of("0"))
                    .attribute(attribute).build());
        } else {
            b.attribute(attribute);
        }
        SessionDescription built = b.build();
        SessionDescription parsed = SessionDescription.parse(built.write());
        assertThat(parsed).isEqualTo(built);
        readEverything(parsed);
    }

    @Provide
    Arbitrary<String> attributeName() {
        return Arbitraries.oneOf(Arbitraries.of("rtpmap", "fmtp", "rtcp-fb", "extmap", "ssrc", "ssrc-group", "rid",
                        "simulcast", "msid", "group", "mid", "setup", "fingerprint", "candidate", "sctp-port",
                        "max-message-size", "ice-ufrag", "ice-pwd", "msid-semantic", "sendrecv", "rtcp-mux"),
                Arbitraries.strings().withChars("abx-:; ").ofMaxLength(6));
    }

    @Provide
    Arbitrary<String> attributeValue() {
        return Arbitraries.oneOf(Arbitraries.of(TRICKY).map(t -> t.indexOf(':') < 0 ? t : t.substring(t.indexOf(':') + 1)),
                Arbitraries.strings().withChars("0123456789 abcQ/:;,~=*-\r\n\u0000").ofMaxLength(20)).injectNull(0.1);
    }

    record MediaSpec(String mid, Msid msid, List<ExtMap> extmaps, List<Codec> codecs, List<SsrcAttribute> ssrcs,
                     List<Rid> rids, Simulcast simulcast) {
    }

    @Provide
    Arbitrary<MediaSpec> mediaSpec() {
        Arbitrary<String> token = Arbitraries.strings().withChars("abcXYZ019-_.!~*").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> ridId = Arbitraries.strings().withChars("abcQ09-_").ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> word = Arbitraries.strings().withChars("abcXYZ019-_.!~*:/=#").ofMinLength(1).ofMaxLength(16);
        Arbitrary<Msid> msid = Combinators.combine(token, token.injectNull(0.3)).as(Msid::new);
        Arbitrary<ExtMap> extmap = Combinators.combine(Arbitraries.integers().between(1, 255),
                Arbitraries.of(Direction.class).injectNull(0.7), word,
                Arbitraries.of("a b", "x", "key=1").injectNull(0.8)).as(ExtMap::new);
        Arbitrary<List<ExtMap>> extmaps = extmap.list().ofMaxSize(6).uniqueElements(ExtMap::id);
        Arbitrary<Map<String, String>> params = Arbitraries.maps(
                Arbitraries.strings().withChars("abcx-_.").ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().withChars("0123456789abc=,/").ofMaxLength(8)).ofMaxSize(4)
                .map(LinkedHashMap::new);
        Arbitrary<List<RtcpFeedback>> feedback = Arbitraries.of(new RtcpFeedback(0, "nack"),
                new RtcpFeedback(0, "nack", "pli"), new RtcpFeedback(0, "ccm", "fir"),
                new RtcpFeedback(0, "transport-cc"), new RtcpFeedback(0, "x-y", "a b c")).list().ofMaxSize(4)
                .uniqueElements();
        Arbitrary<Codec> codec = Combinators.combine(Arbitraries.integers().between(0, 127),
                        Arbitraries.strings().withChars("VPHxrtAV0-9").ofMinLength(1).ofMaxLength(8),
                        Arbitraries.integers().between(1, Integer.MAX_VALUE),
                        Arbitraries.integers().between(1, 255).injectNull(0.5), params, feedback)
                .as((pt, name, clock, ch, p, fb) -> new Codec(new RtpMap(pt, name, clock, ch), p, fb));
        Arbitrary<List<Codec>> codecs = codec.list().ofMinSize(1).ofMaxSize(6).uniqueElements(Codec::payloadType);
        Arbitrary<SsrcAttribute> ssrc = Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL), token,
                Arbitraries.strings().withChars("abc XYZ:/").ofMaxLength(12).map(String::stripTrailing)
                        .injectNull(0.2)).as(SsrcAttribute::new);
        Arbitrary<List<Rid>> rids = Combinators.combine(ridId, Arbitraries.of(RidDirection.class),
                        Arbitraries.of("pt=96", "max-width=1280;max-height=720", "depend=a,b").injectNull(0.6))
                .as(Rid::new).list().ofMaxSize(4).uniqueElements(Rid::id);
        return Combinators.combine(token, msid, extmaps, codecs, ssrc.list().ofMaxSize(4), rids,
                Arbitraries.of(true, false)).as((mid, ms, ex, cs, ss, rs, paused) -> {
                    List<Simulcast.Stream> streams = new ArrayList<>();
                    for (int i = 0; i < rs.size(); i++) {
                        streams.add(new Simulcast.Stream(List.of(new Simulcast.Alternative(rs.get(i).id(),
                                paused && i == rs.size() - 1))));
                    }
                    Simulcast sim = streams.isEmpty() ? null : new Simulcast(streams, List.of());
                    return new MediaSpec(mid, ms, ex, cs, ss, rs, sim);
                });
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> sdpAlphabetStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("vosiuepcbtrzkam=:/ ;,~*-.0123456789\r\nAIP").ofMaxLength(200),
                Arbitraries.strings().all().ofMaxLength(100),
                Arbitraries.strings().withChars("v=0\r\n").ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> randomLine() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefmsrtpvx0123456789 :/;,~=-*.").ofMaxLength(40),
                Arbitraries.of(TRICKY));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of('a', 'm', 'c', 'b', 'i', 'k', 't', 'r', 'z', 'x', 'A'), value)
                        .as((t, v) -> t + "=" + v),
                Combinators.combine(Arbitraries.of("rtpmap", "fmtp", "rtcp-fb", "extmap", "ssrc", "ssrc-group",
                                "rid", "simulcast", "msid", "group", "mid", "setup", "fingerprint", "candidate",
                                "sctp-port", "max-message-size", "ice-ufrag", "ice-pwd", "msid-semantic"), value)
                        .as((n, v) -> "a=" + n + ":" + v),
                Arbitraries.of(TRICKY));
    }

    /** One edit of the text; positions are fractions of the current length so they shrink well. */
    record Mutation(int kind, double where, double where2, String payload) {
        String apply(String text) {
            int n = text.length();
            int at = (int) (where * n);
            int at2 = (int) (where2 * n);
            return switch (kind) {
                case 0 -> n == 0 ? payload : text.substring(0, Math.min(at, n - 1)) + (payload.isEmpty() ? "" : payload.substring(0, 1))
                        + text.substring(Math.min(at, n - 1) + 1);
                case 1 -> text.substring(0, Math.min(at, at2)) + text.substring(Math.max(at, at2));
                case 2 -> text.substring(0, at) + payload + text.substring(at);
                case 3 -> text.substring(0, at);
                case 4 -> lineEdit(text, lines -> lines.add(Math.min((int) (where * lines.size()), lines.size()), payload));
                case 5 -> lineEdit(text, lines -> {
                    if (!lines.isEmpty()) {
                        int i = Math.min((int) (where * lines.size()), lines.size() - 1);
                        int j = Math.min((int) (where2 * lines.size()), lines.size() - 1);
                        String t = lines.get(i);
                        lines.set(i, lines.get(j));
                        lines.set(j, t);
                    }
                });
                case 6 -> replaceNumber(text, at);
                default -> lineEdit(text, lines -> {
                    if (!lines.isEmpty()) {
                        int i = Math.min((int) (where * lines.size()), lines.size() - 1);
                        lines.add(i, lines.get(i));
                    }
                });
            };
        }

        private String replaceNumber(String text, int at) {
            int start = at;
            while (start < text.length() && !Character.isDigit(text.charAt(start))) {
                start++;
            }
            int end = start;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            String number = NUMBERS.get(Math.floorMod(payload.hashCode(), NUMBERS.size()));
            return text.substring(0, start) + number + text.substring(end);
        }

        private static String lineEdit(String text, java.util.function.Consumer<List<String>> edit) {
            List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
            edit.accept(lines);
            return String.join("\r\n", lines);
        }
    }

    @Provide
    Arbitrary<Mutation> mutation() {
        Arbitrary<String> payload = Arbitraries.oneOf(Arbitraries.of(TRICKY),
                Arbitraries.strings().withChars(" :/;,~=*-0123456789\r\naA~\u0000\u00e9").ofMaxLength(6));
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), payload).as(Mutation::new);
    }
}
