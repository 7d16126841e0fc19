package org.opensfu.core.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the captured Chromium offers of {@code src/test/resources/sdp} byte for byte. */
final class SdpFixtures {
    static final String AUDIO_VIDEO = "chromium-156-audio-video-sendrecv.sdp";
    static final String SIMULCAST = "chromium-156-simulcast.sdp";
    static final String RECVONLY = "chromium-156-recvonly.sdp";
    static final String BEFORE_RENEGOTIATION = "chromium-156-initial-before-renegotiation.sdp";
    static final String RENEGOTIATION = "chromium-156-renegotiation.sdp";
    static final String DATACHANNEL = "chromium-156-datachannel.sdp";
    static final List<String> ALL = List.of(AUDIO_VIDEO, SIMULCAST, RECVONLY, BEFORE_RENEGOTIATION, RENEGOTIATION,
            DATACHANNEL);

    private SdpFixtures() {
    }

    static String text(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no SDP fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        return SessionDescription.parse(text(name));
    }
}
