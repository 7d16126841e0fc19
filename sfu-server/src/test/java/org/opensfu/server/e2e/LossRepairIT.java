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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.testing.Chromium;
import org.opensfu.core.testing.Impairment;
import org.opensfu.core.testing.ImpairmentRelay;
import org.opensfu.server.testing.BrowserParticipant;
import org.opensfu.server.testing.BrowserParticipant.RemoteTrack;
import org.opensfu.server.testing.ServerProcess;

/**
 * Loss repair end to end: a Chromium viewer behind an impairment relay that drops 5% of the packets the SFU sends it
 * watches a Chromium publisher, once with retransmissions on (its NACKs answered from the SFU's cache as RTX) and once
 * with them off. With repair it sends NACKs, receives retransmissions, and decodes more frames with less time frozen.
 * The figures of both runs are printed and written to {@code target/loss-repair.txt}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LossRepairIT {
    private static final double LOSS_PERCENT = 5;
    private static final Duration MEASURED = Duration.ofSeconds(20);

    private final List<String> report = new ArrayList<>();

    @Test
    void retransmissionsRepairWhatTheLinkLoses() throws Exception {
        Chromium.assumeUsable();
        try {
            Run repaired = run(true);
            Run unrepaired = run(false);
            assertThat(repaired.viewer().nackCount()).as("NACKs sent by the viewer").isPositive();
            assertThat(repaired.sfuRetransmissions()).as("NACKed packets the SFU resent").isPositive();
            assertThat(repaired.viewer().retransmittedPacketsReceived()).as("retransmissions received").isPositive();
            assertThat(unrepaired.sfuRetransmissions()).as("none without repair").isZero();
            assertThat(repaired.viewer().framesDecoded()).as("frames decoded, with repair vs without")
                    .isGreaterThan(unrepaired.viewer().framesDecoded());
            assertThat(repaired.viewer().totalFreezesSeconds()).as("time frozen, with repair vs without")
                    .isLessThan(unrepaired.viewer().totalFreezesSeconds());
        } finally {
            Path out = Path.of("target", "loss-repair.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.join("\n", report) + "\n");
        }
    }

    /** What one run measured: the viewer's getStats and the SFU's counters over the measured period. */
    private record Run(RemoteTrack viewer, long sfuRetransmissions, long sfuPaddingPackets) {
    }

    /** One run; returns the viewer's figures for the measured period (differences of its counters). */
    private Run run(boolean retransmissions) throws IOException, InterruptedException {
        int mediaPort = ServerProcess.freeUdpPort();
        try (ImpairmentRelay relay = new ImpairmentRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                mediaPort));
             ServerProcess server = ServerProcess.start(("sfu.media { port = %d, advertised-addresses = [\"%s:%d\"] }"
                     + "\nsfu.rooms.retransmissions = %s").formatted(mediaPort, "127.0.0.1",
                     relay.address().getPort(), retransmissions));
             Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            BrowserParticipant publisher = BrowserParticipant.join(browser, server.baseUrl(), "lossy", "Pat");
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.selectedLocalPort() > 0);
            Set<Integer> clean = Set.of(publisher.selectedLocalPort());
            relay.setDownlink(client -> clean.contains(port(client)) ? Impairment.NONE
                    : Impairment.loss(LOSS_PERCENT));
            BrowserParticipant viewer = BrowserParticipant.join(browser, server.baseUrl(), "lossy", "Val", false);
            await().atMost(Duration.ofSeconds(30)).until(() -> video(viewer) != null
                    && video(viewer).framesDecoded() > 0);
            viewer.setStage(publisher.participantId());
            Thread.sleep(5000); // settle on the layer the estimate allows
            RemoteTrack start = video(viewer);
            long[] sfuStart = sfuCounters(server, viewer);
            Thread.sleep(MEASURED.toMillis());
            RemoteTrack end = video(viewer);
            long[] sfuEnd = sfuCounters(server, viewer);
            long sfuRetransmissions = sfuEnd[0] - sfuStart[0];
            long sfuPadding = sfuEnd[1] - sfuStart[1];
            RemoteTrack delta = new RemoteTrack(end.trackId(), end.participantId(), end.kind(),
                    end.framesDecoded() - start.framesDecoded(), end.packetsReceived() - start.packetsReceived(),
                    0, end.frameWidth(), end.frameHeight(), end.packetsLost() - start.packetsLost(),
                    end.freezeCount() - start.freezeCount(), end.nackCount() - start.nackCount(),
                    end.framesPerSecond(), end.retransmittedPacketsReceived() - start.retransmittedPacketsReceived(),
                    end.framesDropped() - start.framesDropped(),
                    end.totalFreezesSeconds() - start.totalFreezesSeconds(), end.pliCount() - start.pliCount());
            String line = ("retransmissions %-3s, %.0f%% loss, %d s: %d frames decoded, %d packets received, %d lost, "
                    + "%d NACKs, %d RTX received (SFU: %d resent, %d padding probes), %d freezes (%.1f s frozen), "
                    + "%d frames dropped, %d PLIs, %dx%d at the end").formatted(retransmissions ? "on" : "off",
                    LOSS_PERCENT, MEASURED.toSeconds(), delta.framesDecoded(), delta.packetsReceived(),
                    delta.packetsLost(), delta.nackCount(), delta.retransmittedPacketsReceived(), sfuRetransmissions,
                    sfuPadding, delta.freezeCount(), delta.totalFreezesSeconds(), delta.framesDropped(),
                    delta.pliCount(), delta.frameWidth(), delta.frameHeight());
            report.add(line);
            System.out.println("[loss-repair] " + line);
            return new Run(delta, sfuRetransmissions, sfuPadding);
        }
    }

    /** The SFU's retransmissions and padding packets toward the viewer's video (from the room statistics). */
    private static long[] sfuCounters(ServerProcess server, BrowserParticipant viewer) throws IOException {
        JsonNode stats = new ObjectMapper().readTree(server.get("/api/v1/rooms/lossy/stats"));
        for (JsonNode participant : stats.path("participants")) {
            if (participant.path("participantId").asText().equals(viewer.participantId())) {
                for (JsonNode track : participant.path("received")) {
                    if ("video".equals(track.path("kind").asText())) {
                        return new long[] {track.path("retransmissionsSent").asLong(),
                                track.path("paddingPacketsSent").asLong()};
                    }
                }
            }
        }
        return new long[] {0, 0};
    }

    private static int port(java.net.SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    private static RemoteTrack video(BrowserParticipant viewer) {
        return viewer.remoteTracks().stream().filter(RemoteTrack::isVideo).findFirst().orElse(null);
    }
}
