package org.opensfu.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.stats.DropReason;
import org.opensfu.core.testing.Chromium;
import org.opensfu.core.testing.StaticPageServer;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;

/**
 * A real Chromium connects to a server-side transport: ICE with Chromium controlling, Chromium's DTLS 1.3 ClientHello
 * (with an ML-KEM key share, fragmented over two datagrams) answered with DTLS 1.2, AEAD_AES_128_GCM negotiated, and
 * Chromium's SRTP and SRTCP decrypted by us. The SDP answer is a minimal hand-built one: the point is the transport.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChromiumTransportInteropTest {
    private static final String PAGE = """
            <!doctype html><html><body><script>
            window.start = async () => {
              window.pc = new RTCPeerConnection();
              const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: true});
              stream.getTracks().forEach(t => pc.addTrack(t, stream));
              await pc.setLocalDescription(await pc.createOffer());
              await new Promise(r => {
                if (pc.iceGatheringState === 'complete') { r(); return; }
                pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') r(); };
              });
              return pc.localDescription.sdp;
            };
            window.answer = sdp => pc.setRemoteDescription({type: 'answer', sdp});
            window.transportStats = async () => {
              const stats = await pc.getStats();
              for (const s of stats.values()) {
                if (s.type === 'transport') {
                  return {dtlsState: s.dtlsState, tlsVersion: s.tlsVersion || '', srtpCipher: s.srtpCipher || ''};
                }
              }
              return {};
            };
            </script></body></html>
            """;

    @Test
    void chromiumConnectsWithDtls12AndItsSrtpIsDecrypted() throws Exception {
        Chromium.assumeUsable();
        try (TransportPair pair = new TransportPair(Duration.ofSeconds(30), List.of(SrtpProfile.values()));
             StaticPageServer pageServer = new StaticPageServer(PAGE);
             Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            Page page = browser.newPage();
            page.navigate(pageServer.url());
            String offer = (String) page.evaluate("start()");

            OfferSummary summary = OfferSummary.parse(offer);
            pair.server.start(new RemoteTransportParameters(summary.ice, summary.candidates, summary.fingerprint));
            page.evaluate("sdp => answer(sdp)", answerFor(summary, pair));

            pair.serverEvents.connected.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> stats = (Map<String, Object>) page.evaluate("transportStats()");
                assertThat(stats.get("dtlsState")).isEqualTo("connected");
                assertThat(stats.get("tlsVersion")).isEqualTo("FEFD"); // DTLS 1.2, although Chromium offered 1.3
                assertThat(stats.get("srtpCipher")).isEqualTo("SRTP_AEAD_AES_128_GCM");
            });
            assertThat(pair.server.srtpProfile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);

            // Chromium's audio and video arrive and decrypt, and so does its RTCP
            List<Integer> payloadTypes = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                byte[] rtp;
                while ((rtp = pair.serverEvents.rtp.poll()) != null) {
                    payloadTypes.add(rtp[1] & 0x7F);
                }
                return payloadTypes.contains(summary.opusPayloadType) && payloadTypes.contains(summary.vp8PayloadType);
            });
            byte[] rtcp = pair.serverEvents.nextRtcp(Duration.ofSeconds(10));
            assertThat(rtcp).isNotNull();
            assertThat(rtcp[1] & 0xFF).isEqualTo(200); // a compound RTCP packet starts with a sender report
            // Chromium may send its first SRTP packets in the moment between its receiving our DTLS Finished and our
            // SRTP keys being installed: those few are counted as NOT_CONNECTED, like libwebrtc drops them. Nothing else.
            assertThat(pair.server.stats().drops()).allSatisfy((reason, count) -> {
                assertThat(reason).isEqualTo(DropReason.NOT_CONNECTED);
                assertThat(count).isLessThanOrEqualTo(20L);
            });
        }
    }

    private static String answerFor(OfferSummary offer, TransportPair pair) {
        IceParameters ice = pair.server.localIceParameters();
        StringBuilder sdp = new StringBuilder();
        sdp.append("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sdp.append("a=group:BUNDLE ").append(offer.audioMid).append(' ').append(offer.videoMid).append("\r\n");
        appendMedia(sdp, "audio", offer.audioMid, offer.opusPayloadType, "opus/48000/2", ice, pair);
        appendMedia(sdp, "video", offer.videoMid, offer.vp8PayloadType, "VP8/90000", ice, pair);
        return sdp.toString();
    }

    private static void appendMedia(StringBuilder sdp, String kind, String mid, int payloadType, String codec,
                                    IceParameters ice, TransportPair pair) {
        sdp.append("m=").append(kind).append(" 9 UDP/TLS/RTP/SAVPF ").append(payloadType).append("\r\n");
        sdp.append("c=IN IP4 0.0.0.0\r\n");
        sdp.append("a=mid:").append(mid).append("\r\na=recvonly\r\na=rtcp-mux\r\n");
        sdp.append("a=ice-ufrag:").append(ice.ufrag()).append("\r\na=ice-pwd:").append(ice.password()).append("\r\n");
        sdp.append("a=fingerprint:").append(pair.server.localFingerprint().toSdpValue()).append("\r\n");
        sdp.append("a=setup:passive\r\n");
        sdp.append("a=rtpmap:").append(payloadType).append(' ').append(codec).append("\r\n");
        for (IceCandidate candidate : pair.manager.localCandidates()) {
            sdp.append("a=candidate:").append(candidate.toSdpValue()).append("\r\n");
        }
        sdp.append("a=end-of-candidates\r\n");
    }

    /** Just what this test needs from Chromium's offer. */
    private record OfferSummary(IceParameters ice, DtlsFingerprint fingerprint, List<IceCandidate> candidates,
                                String audioMid, String videoMid, int opusPayloadType, int vp8PayloadType) {
        static OfferSummary parse(String sdp) {
            String ufrag = null;
            String pwd = null;
            DtlsFingerprint fingerprint = null;
            List<IceCandidate> candidates = new ArrayList<>();
            String kind = null;
            String audioMid = null;
            String videoMid = null;
            int opus = -1;
            int vp8 = -1;
            for (String line : sdp.split("\r\n")) {
                if (line.startsWith("m=")) {
                    kind = line.substring(2, line.indexOf(' '));
                } else if (line.startsWith("a=ice-ufrag:")) {
                    ufrag = line.substring("a=ice-ufrag:".length());
                } else if (line.startsWith("a=ice-pwd:")) {
                    pwd = line.substring("a=ice-pwd:".length());
                } else if (line.startsWith("a=fingerprint:")) {
                    fingerprint = DtlsFingerprint.parse(line.substring("a=fingerprint:".length()));
                } else if (line.startsWith("a=candidate:")) {
                    IceCandidate candidate = IceCandidate.parse(line);
                    if (candidate.address().equals("127.0.0.1") && candidates.stream()
                            .noneMatch(c -> c.port() == candidate.port() && c.protocol().equals(candidate.protocol()))) {
                        candidates.add(candidate);
                    }
                } else if (line.startsWith("a=mid:")) {
                    if ("audio".equals(kind)) {
                        audioMid = line.substring(6);
                    } else if ("video".equals(kind)) {
                        videoMid = line.substring(6);
                    }
                } else if (line.startsWith("a=rtpmap:")) {
                    int pt = Integer.parseInt(line.substring(9, line.indexOf(' ')));
                    if (opus < 0 && line.toLowerCase().contains(" opus/48000")) {
                        opus = pt;
                    } else if (vp8 < 0 && line.contains(" VP8/90000")) {
                        vp8 = pt;
                    }
                }
            }
            return new OfferSummary(new IceParameters(ufrag, pwd), fingerprint, candidates, audioMid, videoMid,
                    opus, vp8);
        }
    }
}
