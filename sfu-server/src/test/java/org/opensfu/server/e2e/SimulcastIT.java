package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.testing.Chromium;
import org.opensfu.core.testing.Impairment;
import org.opensfu.core.testing.ImpairmentRelay;
import org.opensfu.server.testing.BrowserParticipant;
import org.opensfu.server.testing.BrowserParticipant.RemoteTrack;
import org.opensfu.server.testing.ServerProcess;

/**
 * Simulcast end to end: a Chromium publisher sends three layers (180p, 360p, 720p); two Chromium viewers put it on
 * their demo stage (so they want its best layer). One has a clean path and decodes 720p. The other's downlink is
 * limited to 300 kbit/s by an impairment relay between it and the SFU (the server advertises the relay's address):
 * it keeps decoding without freezing at a layer that fits (the 180p layer, or the 360p layer at a reduced frame rate:
 * temporal layers go before resolution while the picture keeps moving, at 7 fps or more), never the 720p layer; once
 * the limit is lifted it climbs to 720p within 15 seconds.
 *
 * <p>Every second the viewers' {@code getStats} (resolution, frame rate, frames decoded, freezes) is recorded; the
 * timeline is printed and written to {@code target/simulcast-timeline.txt}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SimulcastIT {
    private static final long LIMIT_BPS = 300_000;
    private static final Duration LIMITED_PHASE = Duration.ofSeconds(20);
    private static final Duration CLIMB_LIMIT = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> timeline = new ArrayList<>();
    private ServerProcess server;
    private final long startNanos = System.nanoTime();

    @Test
    void eachViewerGetsTheLayersItsOwnLinkCarries() throws Exception {
        Chromium.assumeUsable();
        int mediaPort = ServerProcess.freeUdpPort();
        try (ImpairmentRelay relay = new ImpairmentRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                mediaPort));
             ServerProcess server = ServerProcess.start("sfu.media { port = %d, advertised-addresses = [\"%s:%d\"] }"
                     .formatted(mediaPort, "127.0.0.1", relay.address().getPort()));
             Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            this.server = server;
            BrowserParticipant publisher = BrowserParticipant.join(browser, server.baseUrl(), "simulcast", "Pat");
            BrowserParticipant wide = BrowserParticipant.join(browser, server.baseUrl(), "simulcast", "Wendy",
                    false);
            awaitConnected(publisher);
            awaitConnected(wide);
            // everyone not known by now (the narrow viewer, about to join) gets the limited downlink
            Set<Integer> unlimited = Set.of(publisher.selectedLocalPort(), wide.selectedLocalPort());
            relay.setDownlink(client -> unlimited.contains(port(client)) ? Impairment.NONE
                    : Impairment.rateLimit(LIMIT_BPS));
            BrowserParticipant narrow = BrowserParticipant.join(browser, server.baseUrl(), "simulcast", "Nick",
                    false);
            awaitConnected(narrow);
            assertThat(narrow.selectedLocalPort()).isNotIn(unlimited);
            for (BrowserParticipant viewer : List.of(wide, narrow)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> video(viewer) != null);
                viewer.setStage(publisher.participantId());
            }

            try {
                // the clean path: 720p
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    sample(wide, narrow);
                    assertThat(video(wide).frameHeight()).as("wide viewer's resolution").isEqualTo(720);
                });

                // the limited path: a low layer keeps playing
                long limitedUntil = System.nanoTime() + LIMITED_PHASE.toNanos();
                RemoteTrack limitedStart = null;
                while (System.nanoTime() < limitedUntil) {
                    sample(wide, narrow);
                    if (limitedStart == null && video(narrow).framesDecoded() > 0) {
                        limitedStart = video(narrow);
                    }
                    Thread.sleep(1000);
                }
                RemoteTrack limitedEnd = video(narrow);
                assertThat(limitedStart).as("the narrow viewer decoded frames").isNotNull();
                assertThat(limitedEnd.framesDecoded() - limitedStart.framesDecoded())
                        .as("frames decoded behind %d kbit/s", LIMIT_BPS / 1000).isGreaterThan(60);
                assertThat(limitedEnd.frameHeight()).as("a low layer behind the limit").isIn(180L, 360L);
                List<Long> heights = new ArrayList<>();
                long freezesBefore = limitedEnd.freezeCount();
                for (int i = 0; i < 5; i++) {
                    RemoteTrack before = video(narrow);
                    Thread.sleep(1000);
                    RemoteTrack after = sample(wide, narrow);
                    assertThat(after.framesDecoded()).as("still decoding").isGreaterThan(before.framesDecoded());
                    heights.add(after.frameHeight());
                }
                assertThat(heights).as("never the 720p layer").allMatch(h -> h == 180 || h == 360);
                assertThat(video(narrow).freezeCount()).as("no freeze while settled").isEqualTo(freezesBefore);

                // the limit lifted: the top layer within 15 s
                relay.setDownlink(client -> Impairment.NONE);
                long liftedNanos = System.nanoTime();
                record("limit lifted");
                await().atMost(CLIMB_LIMIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(sample(wide, narrow).frameHeight()).as("narrow viewer's resolution").isEqualTo(720);
                });
                record("narrow viewer at 720p %.1f s after the limit was lifted",
                        (System.nanoTime() - liftedNanos) / 1e9);
                RemoteTrack before = video(narrow);
                Thread.sleep(2000);
                assertThat(sample(wide, narrow).framesDecoded()).isGreaterThan(before.framesDecoded() + 20);
            } catch (AssertionError | ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\ntimeline:\n" + String.join("\n", timeline)
                        + "\nroom stats: " + server.get("/api/v1/rooms/simulcast/stats"), e);
            } finally {
                writeTimeline();
            }
        }
    }

    private static void awaitConnected(BrowserParticipant participant) {
        await().atMost(Duration.ofSeconds(20)).until(() -> participant.selectedLocalPort() > 0);
    }

    private static int port(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    /** The viewer's one remote video track, or null before it has one. */
    private static RemoteTrack video(BrowserParticipant viewer) {
        return viewer.remoteTracks().stream().filter(RemoteTrack::isVideo).findFirst().orElse(null);
    }

    /** Records one line of the timeline; returns the narrow viewer's video figures. */
    private RemoteTrack sample(BrowserParticipant wide, BrowserParticipant narrow) {
        RemoteTrack w = video(wide);
        RemoteTrack n = video(narrow);
        JsonNode stats = roomStats();
        record("wide %s %s | narrow %s %s", describe(w), bandwidth(stats, wide), describe(n),
                bandwidth(stats, narrow));
        return n;
    }

    private JsonNode roomStats() {
        try {
            return JSON.readTree(server.get("/api/v1/rooms/simulcast/stats"));
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The SFU's view of a viewer: estimate, loss, and the layer forwarded. */
    private static String bandwidth(JsonNode stats, BrowserParticipant viewer) {
        for (JsonNode participant : stats.path("participants")) {
            if (participant.path("participantId").asText().equals(viewer.participantId())) {
                JsonNode bw = participant.path("bandwidth");
                String layer = "";
                for (JsonNode track : participant.path("received")) {
                    if ("video".equals(track.path("kind").asText())) {
                        layer = "S%dT%d".formatted(track.path("currentSpatialLayer").asInt(),
                                track.path("currentTemporalLayer").asInt());
                    }
                }
                return "[est %4d kbps, ack %4d, loss %3.0f%%, %s]".formatted(
                        bw.path("estimatedBitrateBps").asLong() / 1000,
                        bw.path("acknowledgedBitrateBps").asLong() / 1000,
                        bw.path("lossFraction").asDouble() * 100, layer);
            }
        }
        return "[?]";
    }

    private static String describe(RemoteTrack t) {
        if (t == null) {
            return "no video";
        }
        return "%4dx%-4d %4.1f fps %5d frames %2d freezes %4d lost %3d nacks".formatted(t.frameWidth(),
                t.frameHeight(), t.framesPerSecond(), t.framesDecoded(), t.freezeCount(), t.packetsLost(),
                t.nackCount());
    }

    private void record(String format, Object... args) {
        String line = "%6.1f s  %s".formatted((System.nanoTime() - startNanos) / 1e9, format.formatted(args));
        timeline.add(line);
        System.out.println("[simulcast] " + line);
    }

    private void writeTimeline() throws IOException {
        Path out = Path.of("target", "simulcast-timeline.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", timeline) + "\n");
    }
}
