package org.opensfu.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the parser rejects, with which line and message, and what it accepts leniently. */
class SdpParserTest {
    /** Lines 1-9 of a small valid description; tests replace or add lines. */
    private static final List<String> BASE = List.of(
            "v=0",
            "o=- 1 1 IN IP4 0.0.0.0",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=mid:0",
            "a=rtpmap:111 opus/48000/2");

    private static String sdp(List<String> lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** BASE with line {@code lineNumber} (1-based) replaced. */
    private static String replacing(int lineNumber, String line) {
        List<String> l = new java.util.ArrayList<>(BASE);
        l.set(lineNumber - 1, line);
        return sdp(l);
    }

    /** BASE with {@code line} inserted to become line {@code lineNumber}. */
    private static String inserting(int lineNumber, String line) {
        List<String> l = new java.util.ArrayList<>(BASE);
        l.add(lineNumber - 1, line);
        return sdp(l);
    }

    private static AbstractThrowableAssert<?, ?> rejects(String text, int lineNumber, String messagePart) {
        return assertThatThrownBy(() -> SessionDescription.parse(text))
                .isInstanceOfSatisfying(SdpParseException.class, e -> assertThat(e.lineNumber()).isEqualTo(lineNumber))
                .hasMessageContaining(messagePart);
    }

    @Test
    void baseIsValid() {
        assertThat(SessionDescription.parse(sdp(BASE)).write()).isEqualTo(sdp(BASE));
    }

    @Test
    void rejectsMissingOrWrongMandatoryLines() {
        rejects(null, 0, "no SDP text");
        rejects("", 0, "SDP is empty");
        rejects(sdp(BASE.subList(1, BASE.size())), 1, "expected the 'v=' line, got 'o=- 1 1 IN IP4 0.0.0.0'");
        rejects(replacing(1, "v=1"), 1, "unsupported SDP version '1' (only v=0 exists)");
        rejects(replacing(1, "v =0"), 1, "expected '<type>=<value>', got 'v =0'");
        rejects(replacing(2, "s=-"), 2, "expected the 'o=' line, got 's=-'");
        rejects(replacing(2, "o=- 1 1 IN IP4"), 2, "o= needs 6 fields");
        rejects(replacing(2, "o=- 1x 1 IN IP4 0.0.0.0"), 2, "o= session id '1x' is not decimal digits");
        rejects(replacing(2, "o=-  1 1 IN IP4 0.0.0.0"), 2, "o= needs 6 fields separated by single spaces");
        rejects(replacing(3, "t=0 0"), 3, "expected the 's=' line");
        rejects("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n", 3, "missing the 's=' line: the SDP ends after line 2");
        rejects("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n", 3, "no 't=' line");
        rejects(replacing(4, "a=ice-lite"), 4, "'a=' before any 't=' line");
        rejects(sdp(List.of("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "m=audio 9 RTP/AVP 0")), 4,
                "'m=' before any 't=' line");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            m=audio 9 UDP/TLS/RTP/SAVPF               | m= needs '<media> <port> <proto> <fmt> ...'
            m=audio 9                                 | m= needs '<media> <port> <proto> <fmt> ...'
            m=audio 70000 UDP/TLS/RTP/SAVPF 111       | m= port '70000' is not a number in 0-65535
            m=audio 09 UDP/TLS/RTP/SAVPF 111          | m= port '09' has a leading zero
            m=audio -1 UDP/TLS/RTP/SAVPF 111          | m= port '-1' is not a number in 0-65535
            m=audio 9/0 UDP/TLS/RTP/SAVPF 111         | m= port count '0' is not a number in 1-65535
            m=audio 9  UDP/TLS/RTP/SAVPF 111          | m= has an empty field
            m=audio 9 UDP/TLS/RTP/SAVPF 111 '         | m= has an empty field
            m=audio 9 UDP/TLS/RTP/SAVPF abc           | m= payload type 'abc' is not a number in 0-127
            m=audio 9 UDP/TLS/RTP/SAVPF 128           | m= payload type '128' is not a number in 0-127
            m=audio 9 UDP/TLS/RTP/SAVPF 0111          | m= payload type '0111' has a leading zero
            m=audio 9 UDP/TLS//SAVPF 111              | m= protocol part '' is not a token
            m=au(dio 9 UDP/TLS/RTP/SAVPF 111          | m= media type 'au(dio' is not a token
            """)
    void rejectsBadMediaLines(String mLine, String message) {
        rejects(replacing(6, mLine.replace("'", " ")), 6, message);
    }

    @Test
    void rejectsOversizedInput() {
        String big = sdp(BASE) + ("a=x-padding:" + "p".repeat(1000) + "\r\n").repeat(300);
        rejects(big, 0, "SDP is " + big.length() + " characters long, over the limit of 262144");
        rejects(inserting(10, "a=x-long:" + "y".repeat(5000)), 10, "line is longer than the limit of 4096 characters");
        String exactly4096 = "a=x-long:" + "y".repeat(4096 - 9);
        assertThat(SessionDescription.parse(inserting(10, exactly4096)).media().get(0).attribute("x-long"))
                .isPresent();
        StringBuilder many = new StringBuilder(sdp(BASE.subList(0, 4)));
        many.append("m=audio 9 RTP/AVP 0\r\n".repeat(1000));
        assertThat(SessionDescription.parse(many.toString()).media()).hasSize(1000);
        many.append("m=audio 9 RTP/AVP 0\r\n");
        rejects(many.toString(), 1004 + 1, "more than 1000 media sections");
    }

    @Test
    void largestHostileInputsParseAndReadQuickly() {
        String header = sdp(BASE.subList(0, 4));
        StringBuilder formats = new StringBuilder("m=video 9 UDP/TLS/RTP/SAVPF");
        while (formats.length() < 4090) {
            formats.append(" 96");
        }
        String feedback = "a=rtcp-fb:* nack\r\na=rtcp-fb:96 nack\r\na=rtpmap:96 VP8/90000\r\n";
        String text = header + formats + "\r\n" + feedback.repeat((262144 - header.length() - 4100) / feedback.length());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            SessionDescription sdp = SessionDescription.parse(text);
            MediaDescription m = sdp.media().get(0);
            assertThat(m.codecs()).singleElement().satisfies(c -> assertThat(c.feedback()).hasSize(1));
            assertThat(m.rtcpFeedback(96)).hasSizeGreaterThan(8000);
            SdpPropertiesTest.readEverything(sdp);
            assertThat(sdp.write()).isEqualTo(text);
        });
        String sections = header + "a=group:BUNDLE x\r\n" + "m=audio 9 RTP/AVP 0\r\na=mid:x\r\n".repeat(1000);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            SessionDescription sdp = SessionDescription.parse(sections);
            SdpPropertiesTest.readEverything(sdp);
        });
    }

    @Test
    void customLimits() {
        assertThatThrownBy(() -> SessionDescription.parse(sdp(BASE), new SdpLimits(10, 10, 10)))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("over the limit of 10");
        assertThatThrownBy(() -> SessionDescription.parse(sdp(BASE), new SdpLimits(1000, 20, 10)))
                .hasMessage("line 2: line is longer than the limit of 20 characters");
        assertThatThrownBy(() -> SessionDescription.parse(sdp(BASE), new SdpLimits(1000, 100, 0)))
                .hasMessage("line 6: more than 0 media sections");
    }

    @Test
    void rejectsControlCharactersAndBadLineEnds() {
        rejects(replacing(3, "s=a\u0000b"), 3, "control character \\u0000 at column 4");
        rejects(replacing(3, "s=a\tb"), 3, "control character \\u0009 at column 4");
        rejects(replacing(8, "a=mid:0\u007F"), 8, "control character \\u007F at column 8");
        rejects(replacing(9, "a=rtpmap:111 opus/48000/2\u001B[2J"), 9, "control character \\u001B");
        rejects(sdp(BASE).replace("s=-\r\n", "s=-\rt=0 0\r\n"), 3, "carriage return not followed by line feed");
        rejects(sdp(BASE) + "\r", 10, "carriage return not followed by line feed");
        rejects(sdp(BASE) + "\r\n", 10, "empty line");
        rejects(inserting(5, ""), 5, "empty line");
    }

    @Test
    void rejectsUnknownLineTypesAndWrongOrder() {
        rejects(inserting(5, "x=foo"), 5, "unknown line 'x=' (RFC 8866 §5 knows v o s i u e p c b t r z k a m)");
        rejects(inserting(10, "A=foo"), 10, "unknown line 'A='");
        rejects(inserting(10, "\u00e9=foo"), 10, "unknown line type \\u00E9");
        rejects(inserting(5, "c=IN IP4 0.0.0.0"), 5, "'c=' may not follow 't='");
        rejects(inserting(4, "s=again"), 4, "a second 's=' line at session level");
        rejects(inserting(4, "r=604800 3600 0 90000"), 4, "'r=' must follow a 't=' line");
        rejects(inserting(6, "v=0"), 6, "'v=' may not follow 'a='");
        rejects(inserting(10, "t=0 0"), 10, "'t=' is not allowed in a media section");
        rejects(inserting(10, "c=IN IP4 0.0.0.0"), 10, "'c=' may not follow 'a=' in a media section");
        rejects(inserting(8, "i=one"), 8, "'i=' may not follow 'c=' in a media section");
        rejects(inserting(7, "i=two").replace("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\ni=one\r\n"), 8, "a second 'i=' line in a media section");
    }

    @Test
    void rejectsMalformedStructuralFields() {
        rejects(replacing(4, "t=0"), 4, "t= needs 2 fields");
        rejects(replacing(4, "t=0 x"), 4, "t= stop time 'x' is not a number");
        rejects(replacing(4, "t=00 0"), 4, "t= start time '00' has a leading zero");
        rejects(replacing(7, "c=IN IP4"), 7, "c= needs 3 fields");
        rejects(inserting(8, "b=AS"), 8, "b= needs <bwtype>:<bandwidth>");
        rejects(inserting(8, "b=AS:-5"), 8, "b= bandwidth '-5' is not a number");
        rejects(inserting(8, "b=AS:99999999999999999999"), 8, "b= bandwidth '99999999999999999999' is not a number");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a=rtpmap:abc                                       | a=rtpmap: needs '<payload type> <encoding name>/<clock rate>[/<channels>]', got 'abc'
            a=rtpmap:abc VP8/90000                             | a=rtpmap: payload type 'abc' is not a number in 0-127
            a=rtpmap:99999999999999999999999 VP8/90000         | a=rtpmap: payload type '99999999999999999999999' is not a number in 0-127
            a=rtpmap:96 VP8/99999999999999999999999            | a=rtpmap: clock rate '99999999999999999999999' is not a number in 1-2147483647
            a=rtpmap:96 VP8/2147483648                         | a=rtpmap: clock rate '2147483648' is not a number in 1-2147483647
            a=rtpmap:111 opus/48000/256                        | a=rtpmap: channel count '256' is not a number in 1-255
            a=rtpmap:96 VP8                                    | a=rtpmap: encoding 'VP8' is not <name>/<clock rate>[/<channels>]
            a=rtpmap                                           | a=rtpmap needs a value
            a=fmtp:96                                          | a=fmtp: needs '<payload type> <parameters>'
            a=rtcp-fb:96                                       | a=rtcp-fb: needs '<payload type or *> <type> [<parameter>]'
            a=rtcp-fb:+96 nack                                 | a=rtcp-fb: payload type '+96' is not a number in 0-127
            a=extmap:256 urn:ietf:params:rtp-hdrext:sdes:mid   | a=extmap: extmap id 256 is not in 1-255 or 4096-4351
            a=extmap:0 urn:ietf:params:rtp-hdrext:sdes:mid     | a=extmap: extmap id '0' is not a number in 1-4351
            a=extmap:1/both urn:x                              | a=extmap: extmap direction 'both' is not sendrecv
            a=ssrc:4294967296 cname:x                          | a=ssrc: SSRC '4294967296' is not a number in 0-4294967295
            a=ssrc:1                                           | a=ssrc: needs '<ssrc> <attribute>[:<value>]'
            a=ssrc-group:FID 1 x                               | a=ssrc-group: SSRC 'x' is not a number
            a=rid:q sendrecv                                   | a=rid: rid direction 'sendrecv' is not send or recv
            a=rid:q.1 send                                     | a=rid: rid id 'q.1' may only hold letters, digits, - and _
            a=simulcast:send q;;f                              | a=simulcast: simulcast rid is empty
            a=simulcast:send q recv                            | a=simulcast: needs 'send <streams>', 'recv <streams>' or both
            a=simulcast:send q send h                          | a=simulcast: simulcast direction 'send' is not send or recv, or appears twice
            a=simulcast:sendrecv q                             | a=simulcast: simulcast direction 'sendrecv'
            a=msid:a b c                                       | a=msid: needs '<stream id> [<track id>]'
            a=setup:server                                     | a=setup: setup role 'server' is not active, passive, actpass or holdconn
            a=mid:                                             | a=mid: mid '' is not a token
            a=ice-ufrag:ab                                     | a=ice-ufrag: ice-ufrag must be 4-256 characters, got 2
            a=ice-pwd:short/password                           | a=ice-pwd: ice-pwd must be 22-256 characters, got 14
            a=ice-ufrag:ab:cd                                  | a=ice-ufrag: ice-ufrag 'ab:cd' holds a character other than
            a=fingerprint:sha-256 ZZ:00                        | a=fingerprint: needs '<hash function> <XX:XX:...>'
            a=fingerprint:sha-256                              | a=fingerprint: needs '<hash function> <XX:XX:...>'
            a=sctp-port:65536                                  | a=sctp-port: sctp-port '65536' is not a number in 0-65535
            a=max-message-size:-1                              | a=max-message-size: max-message-size '-1' is not a number
            a=sendrecv:yes                                     | a=sendrecv takes no value
            a=group:BUNDLE 0 (1)                               | a=group: group mid '(1)' is not a token
            a= mid:0                                           | attribute name ' mid' is not a token
            a=                                                 | attribute name '' is not a token
            """)
    void rejectsMalformedKnownAttributes(String line, String message) {
        rejects(inserting(10, line), 10, message);
    }

    @Test
    void acceptsAndKeepsWhatItDoesNotUnderstand() {
        String text = sdp(List.of(
                "v=0",
                "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5",
                "s=SDP Seminar \u00e9t\u00e9",
                "i=A Seminar on the session description protocol",
                "u=http://www.example.com/seminars/sdp.pdf",
                "e=j.doe@example.com (Jane Doe)",
                "e=other@example.com",
                "p=+1 617 555-6011",
                "c=IN IP4 224.2.17.12/127",
                "b=CT:1000",
                "b=X-YZ:12",
                "t=2873397496 2873404696",
                "r=7d 1h 0 25h",
                "t=0 0",
                "z=2882844526 -1h 2898848070 0",
                "k=prompt",
                "a=recvonly",
                "a=x-flag",
                "a=x-empty:",
                "a=x-spaces:  a  b  ",
                "a=tool:some tool 1.0",
                "m=audio 49170/2 RTP/AVP 0 96",
                "i=first",
                "c=IN IP4 224.2.17.12/127",
                "c=IN IP6 ff15::101/3",
                "b=AS:64",
                "b=TIAS:64000",
                "k=clear:key",
                "a=rtpmap:96 L16/16000/2",
                "a=candidate:garbage",
                "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
                "a=fingerprint:sha-3 AB:CD",
                "a=fingerprint:sha-1 ab:cd:ef",
                "a=fmtp:96 a=1; b ;c=x=y",
                "a=rtcp-fb:96 nack   pli",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "m=message 1 TCP/MSRP *"));
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.write()).isEqualTo(text);
        assertThat(sdp.origin().sessionVersion()).isEqualTo("2890842807");
        assertThat(sdp.sessionName()).isEqualTo("SDP Seminar \u00e9t\u00e9");
        assertThat(sdp.emails()).hasSize(2);
        assertThat(sdp.connection().address()).isEqualTo("224.2.17.12/127");
        assertThat(sdp.bandwidths()).containsExactly(new Bandwidth("CT", 1000), new Bandwidth("X-YZ", 12));
        assertThat(sdp.timings()).containsExactly(new Timing(2873397496L, 2873404696L, List.of("7d 1h 0 25h")),
                Timing.PERMANENT);
        assertThat(sdp.timeZones()).isEqualTo("2882844526 -1h 2898848070 0");
        assertThat(sdp.attribute("x-flag").orElseThrow().isFlag()).isTrue();
        assertThat(sdp.attributeValue("x-empty")).contains("");
        assertThat(sdp.attributeValue("x-spaces")).contains("  a  b  ");
        assertThat(sdp.directionAttribute()).contains(Direction.RECVONLY);

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.portCount()).isEqualTo(2);
        assertThat(audio.information()).isEqualTo("first");
        assertThat(audio.connections()).hasSize(2);
        assertThat(audio.encryptionKey()).isEqualTo("clear:key");
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.effectiveDirection(audio)).isEqualTo(Direction.RECVONLY);
        assertThat(audio.candidateValues()).hasSize(2);
        assertThat(audio.candidates()).hasSize(1); // "garbage" is skipped
        assertThat(audio.fingerprints()).hasSize(1); // sha-3 is not a hash the JDK names that way: skipped
        assertThat(audio.fingerprint().orElseThrow().algorithm()).isEqualTo("sha-1");
        assertThat(audio.fmtp(96)).containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", ""),
                java.util.Map.entry("c", "x=y"));
        assertThat(audio.rtcpFeedback(96)).containsExactly(new RtcpFeedback(96, "nack", "pli"));
        assertThat(audio.codecs()).extracting(Codec::encodingName).containsExactly("L16"); // 0 has no rtpmap
        assertThat(audio.rtpMap(96).orElseThrow().channels()).isEqualTo(2);
        assertThat(sdp.media().get(2).formats()).containsExactly("*");
        assertThat(sdp.media().get(2).payloadTypes()).isEmpty();
    }

    /** Hand-written in the shape Firefox uses (not captured): transport attributes at session level, braces in ids. */
    @Test
    void readsSessionLevelTransportAttributesInAFirefoxShapedOffer() {
        String text = sdp(List.of(
                "v=0",
                "o=mozilla...THIS_IS_SDPARTA-99.0 5063925591164338416 0 IN IP4 0.0.0.0",
                "s=-",
                "t=0 0",
                "a=fingerprint:sha-256 0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:"
                        + "A4:B5:C6:D7:E8:F9",
                "a=group:BUNDLE 0",
                "a=ice-options:trickle",
                "a=msid-semantic:WMS *",
                "m=audio 9 UDP/TLS/RTP/SAVPF 109 101",
                "c=IN IP4 0.0.0.0",
                "a=sendrecv",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level",
                "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1",
                "a=fmtp:101 0-15",
                "a=ice-pwd:2b6d4f8a0c1e3b5d7f9a1c3e5b7d9f1a",
                "a=ice-ufrag:8f2e4a6c",
                "a=mid:0",
                "a=msid:{5f2b3c4d-1e2f-4a5b-9c8d-7e6f5a4b3c2d} {0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}",
                "a=rtcp-mux",
                "a=rtpmap:109 opus/48000/2",
                "a=rtpmap:101 telephone-event/8000",
                "a=setup:actpass",
                "a=ssrc:1234567890 cname:{9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d}"));
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.write()).isEqualTo(text);
        assertThat(sdp.origin().username()).isEqualTo("mozilla...THIS_IS_SDPARTA-99.0");
        assertThat(sdp.iceOptions()).containsExactly("trickle");
        assertThat(sdp.msidSemantic()).contains(new MsidSemantic("WMS", List.of("*")));
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.fingerprint()).isEmpty();
        IceDtlsParameters transport = sdp.iceDtlsParameters(audio);
        assertThat(transport.isComplete()).isTrue();
        assertThat(transport.fingerprint()).isEqualTo(sdp.fingerprint());
        assertThat(transport.iceUfrag()).isEqualTo("8f2e4a6c");
        assertThat(audio.extmaps().get(1).direction()).isEqualTo(Direction.RECVONLY);
        assertThat(audio.msid().orElseThrow().streamId()).startsWith("{5f2b");
        assertThat(audio.codec(101).orElseThrow().parameters()).containsExactly(java.util.Map.entry("0-15", ""));
        assertThat(audio.codecs()).extracting(Codec::payloadType).containsExactly(109, 101);
    }

    @Test
    void parseExceptionCarriesLineAndProblem() {
        SdpParseException e = org.junit.jupiter.api.Assertions.assertThrows(SdpParseException.class,
                () -> SessionDescription.parse(inserting(10, "a=rtpmap:96 VP8/0")));
        assertThat(e.lineNumber()).isEqualTo(10);
        assertThat(e.problem()).isEqualTo("a=rtpmap: clock rate '0' is not a number in 1-2147483647");
        assertThat(e.getMessage()).isEqualTo("line 10: " + e.problem());
    }

    @Test
    void messagesQuoteHostileInputSafely() {
        String line = "a=rtpmap:" + "\u202e".repeat(3) + "9".repeat(100) + " x/1";
        assertThatThrownBy(() -> SessionDescription.parse(inserting(10, line)))
                .hasMessage("line 10: a=rtpmap: payload type '\\u202E\\u202E\\u202E9999999999999999999999999999"
                        + "999999999...' is not a number in 0-127");
    }
}
