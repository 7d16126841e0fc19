package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensfu.core.testing.Chromium;
import org.opensfu.server.testing.BrowserParticipant;
import org.opensfu.server.testing.BrowserParticipant.RemoteTrack;
import org.opensfu.server.testing.ServerProcess;

/**
 * Dominant speaker and last-N end to end. Two Chromium publishers with cameras: one whose fake microphone plays
 * speech-like sound, one whose microphone is silent. A third participant only watches, with last-N = 1. The
 * dominant-speaker event names the one with sound, and the viewer receives only that participant's video: the other's
 * stops, and the demo marks it as paused.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DominantSpeakerIT {
    private static final int SAMPLE_RATE_HZ = 48_000;

    @TempDir
    Path dir;

    @Test
    void theParticipantWithSoundIsDominantAndLastNOneForwardsOnlyThem() throws Exception {
        Chromium.assumeUsable();
        Path speech = writeWav(dir.resolve("speech.wav"), true);
        Path silence = writeWav(dir.resolve("silence.wav"), false);
        try (ServerProcess server = ServerProcess.start("");
             Playwright playwright = Chromium.playwright();
             Browser talking = Chromium.launch(playwright, List.of("--use-file-for-fake-audio-capture=" + speech));
             Browser quiet = Chromium.launch(playwright, List.of("--use-file-for-fake-audio-capture=" + silence))) {
            BrowserParticipant talker = BrowserParticipant.join(talking, server.baseUrl(), "speakers", "Tess");
            BrowserParticipant muted = BrowserParticipant.join(quiet, server.baseUrl(), "speakers", "Mo");
            for (BrowserParticipant participant : List.of(talker, muted)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(participant.page()
                        .evaluate("() => window.opensfu.dominantSpeaker")).as("%s hears the dominant speaker",
                        participant.name()).isEqualTo(talker.participantId()));
            }
            // someone who joins after the election is told the current speaker at once
            BrowserParticipant viewer = BrowserParticipant.join(quiet, server.baseUrl(), "speakers", "Vic", false);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(viewer.page()
                    .evaluate("() => window.opensfu.dominantSpeaker")).as("the late joiner knows the speaker")
                    .isEqualTo(talker.participantId()));
            viewer.page().evaluate("() => window.opensfu.setLastN(1)");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(viewer.page()
                    .evaluate("() => window.opensfu.forwardedVideo")).isEqualTo(List.of(talker.participantId())));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(viewer.page().locator("[data-participant-id='" + talker.participantId() + "']")
                        .getAttribute("class")).contains("speaking").doesNotContain("off-stage");
                assertThat(viewer.page().locator("[data-participant-id='" + muted.participantId() + "']")
                        .getAttribute("class")).contains("off-stage");
            });

            // over three seconds the viewer decodes the speaker's video, and nothing of the other's
            Thread.sleep(1000); // frames in flight when last-N switched are done
            Map<String, RemoteTrack> before = videoByParticipant(viewer);
            Thread.sleep(3000);
            Map<String, RemoteTrack> after = videoByParticipant(viewer);
            assertThat(after.get(talker.participantId()).framesDecoded())
                    .isGreaterThan(before.get(talker.participantId()).framesDecoded() + 20);
            assertThat(after.get(muted.participantId()).framesDecoded())
                    .isEqualTo(before.get(muted.participantId()).framesDecoded());

            // the limit lifted: the other's video comes back
            viewer.page().evaluate("() => window.opensfu.setLastN(-1)");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(videoByParticipant(viewer).get(muted.participantId()).framesDecoded())
                            .isGreaterThan(after.get(muted.participantId()).framesDecoded() + 10));
        }
    }

    private static Map<String, RemoteTrack> videoByParticipant(BrowserParticipant viewer) {
        return viewer.remoteTracks().stream().filter(RemoteTrack::isVideo)
                .collect(Collectors.toMap(RemoteTrack::participantId, t -> t));
    }

    /**
     * A 10 s mono 16-bit PCM WAV: speech-like (a voiced harmonic sound at a wandering pitch in 200-400 ms syllables
     * with short pauses, about -12 dBFS) or digital silence.
     */
    private static Path writeWav(Path file, boolean speech) throws IOException {
        int samples = SAMPLE_RATE_HZ * 10;
        ByteBuffer data = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        data.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE_HZ)
                .putInt(SAMPLE_RATE_HZ * 2).putShort((short) 2).putShort((short) 16);
        data.put("data".getBytes()).putInt(samples * 2);
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / SAMPLE_RATE_HZ;
            double value = 0;
            if (speech) {
                double syllable = t % 0.4; // 300 ms voiced, 100 ms pause
                double envelope = syllable < 0.3 ? Math.sin(Math.PI * syllable / 0.3) : 0;
                double pitchHz = 140 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
                phase += 2 * Math.PI * pitchHz / SAMPLE_RATE_HZ;
                for (int harmonic = 1; harmonic <= 12; harmonic++) {
                    value += Math.sin(harmonic * phase) / harmonic;
                }
                value *= 0.25 * envelope;
            }
            data.putShort((short) Math.round(Math.max(-1, Math.min(1, value)) * 32767));
        }
        Files.write(file, data.array());
        return file;
    }
}
