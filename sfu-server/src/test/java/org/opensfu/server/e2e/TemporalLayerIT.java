package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.testing.Chromium;
import org.opensfu.server.testing.BrowserParticipant;
import org.opensfu.server.testing.BrowserParticipant.RemoteTrack;
import org.opensfu.server.testing.ServerProcess;

/**
 * Temporal layers end to end: a viewer that asks for a small picture at a low frame rate gets the base temporal layer
 * of the lowest simulcast layer, and Chromium keeps decoding it (VP8 picture IDs and TL0PICIDX renumbered over the
 * frames forwarded); raising the frame rate brings the other temporal layers back.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TemporalLayerIT {
    @Test
    void theBaseTemporalLayerAloneKeepsDecoding() throws Exception {
        Chromium.assumeUsable();
        try (ServerProcess server = ServerProcess.start("");
             Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            BrowserParticipant publisher = BrowserParticipant.join(browser, server.baseUrl(), "temporal", "Pat");
            BrowserParticipant viewer = BrowserParticipant.join(browser, server.baseUrl(), "temporal", "Val", false);
            await().atMost(Duration.ofSeconds(30)).until(() -> video(viewer) != null
                    && video(viewer).framesDecoded() > 10);
            String trackId = video(viewer).trackId();
            viewer.page().evaluate("id => { window.demo.setStage(null); window.opensfu.setTrackConstraints(id, "
                    + "{maxHeight: 180, maxFrameRate: 5}); }", trackId);
            Thread.sleep(3000);
            for (int i = 0; i < 3; i++) {
                RemoteTrack before = video(viewer);
                Thread.sleep(2000);
                RemoteTrack after = video(viewer);
                System.out.printf("[temporal] %dx%d %.1f fps, %d frames decoded in 2 s, %d freezes%n",
                        after.frameWidth(), after.frameHeight(), after.framesPerSecond(),
                        after.framesDecoded() - before.framesDecoded(), after.freezeCount());
                assertThat(after.frameHeight()).isEqualTo(180);
                assertThat(after.framesDecoded() - before.framesDecoded()).as("base layer frames in 2 s")
                        .isBetween(4L, 16L);
            }
            viewer.page().evaluate("id => window.opensfu.setTrackConstraints(id, {maxHeight: 180})", trackId);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                RemoteTrack before = video(viewer);
                Thread.sleep(2000);
                assertThat(video(viewer).framesDecoded() - before.framesDecoded()).as("all frames again")
                        .isGreaterThan(25);
            });
            assertThat(publisher.participantId()).isNotNull();
        }
    }

    private static RemoteTrack video(BrowserParticipant viewer) {
        return viewer.remoteTracks().stream().filter(RemoteTrack::isVideo).findFirst().orElse(null);
    }
}
