package org.opensfu.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opensfu.loadgen.cli.LoadGenCommand;
import picocli.CommandLine;

/**
 * Runs the load generator's command line briefly against the real server process (three participants of a meeting
 * publishing VP8 simulcast and Opus, a few seconds) and checks that the report adds up: the packets the publishers
 * sent times the fan-out, less the losses, are the packets the receivers got, and the SFU's own forwarded count is
 * what the receivers counted. These are identities between counters, not thresholds on speed, so a slow or loaded
 * machine changes the figures but not the outcome. Run it in a loopback-only network namespace.
 */
class LoadGeneratorIT {
    private static final int PARTICIPANTS = 3;
    /** Settle (3 s) plus measurement window (4 s): time every participant hears every other. */
    private static final int ALL_JOINED_SECONDS = 7;
    private static final int AUDIO_PACKETS_PER_SECOND = 50;

    @Test
    @Timeout(value = 90)
    void reportIsConsistent(@TempDir Path out) throws Exception {
        Path serverJar = Path.of(System.getProperty("sfu.serverJar", "../sfu-server/target/opensfu.jar"));
        int status = new CommandLine(new LoadGenCommand()).execute(
                "--start-server", serverJar.toString(),
                // audio is then forwarded packet for packet, which makes "sent x fan-out" exact
                "--server-config", "sfu.rooms.skip-silence = false",
                "--server-jvm-args", "-Xmx256m",
                "--scenario", "meeting", "--steps", Integer.toString(PARTICIPANTS), "--join-rate", "10/s",
                "--settle", "3s", "--step-duration", "4s", "--threads", "1",
                "--out", out.toString(), "--name", "it");
        assertThat(status).isZero();

        JsonNode report = new ObjectMapper().readTree(Files.readString(out.resolve("it.json")));
        assertThat(out.resolve("it.html")).exists();
        JsonNode step = report.path("steps").path(0);
        JsonNode totals = report.path("totals");

        assertThat(step.path("participants").asInt()).isEqualTo(PARTICIPANTS);
        assertThat(step.path("joinFailures").asLong()).isZero();
        assertThat(step.path("forwardedPacketsPerSecond").asDouble()).isPositive();
        assertThat(step.path("sfuCpuPercent").asDouble()).isPositive();
        assertThat(step.path("cpuMicrosPerForwardedPacket").asDouble()).isPositive();
        assertThat(step.path("transitSamples").asLong()).isPositive();
        assertThat(step.path("transitP50Millis").asDouble()).isPositive();
        assertThat(step.path("residentMegabytes").asDouble()).isPositive();

        // every participant receives the two others' audio and video
        int streamsPerReceiver = 2 * (PARTICIPANTS - 1);
        assertThat(totals.path("streams").asInt()).isEqualTo(PARTICIPANTS * streamsPerReceiver);
        assertThat(totals.path("videoStreamsWithoutKeyframe").asInt()).isZero();
        assertThat(totals.path("audioStreamsWithoutPackets").asInt(-1)).as("audio streams that never received")
                .isZero();

        // audio: packets sent by the publishers x fan-out - losses = packets received
        long audioSent = totals.path("audioSourcePackets").asLong();
        long audioLost = totals.path("audioLost").asLong();
        long audioReceived = totals.path("audioReceived").asLong();
        assertThat(audioSent).as("audio packets published x fan-out, at least half the time all were there")
                .isGreaterThan((long) PARTICIPANTS * (PARTICIPANTS - 1) * AUDIO_PACKETS_PER_SECOND
                        * ALL_JOINED_SECONDS / 2);
        assertThat(audioSent - audioLost).as("audio sent x fan-out - lost").isEqualTo(audioReceived);
        assertThat(totals.path("audioExpected").asLong()).isEqualTo(audioSent);

        // all media: what the SFU forwarded = what the receivers settled = received + lost
        long expected = totals.path("receiverExpected").asLong();
        long received = totals.path("receiverReceived").asLong();
        long lost = totals.path("receiverLost").asLong();
        assertThat(received + lost).isEqualTo(expected);
        long forwarded = totals.path("serverForwarded").asLong();
        // a stream's very first or last packets, if lost, are invisible to its receiver: allow a handful per stream
        assertThat(forwarded).as("SFU forwarded vs receivers' count").isCloseTo(expected,
                within((long) totals.path("streams").asInt() * 3));
        // loopback with NACK repair: at most a trace of loss even on a loaded machine
        assertThat(lost).isLessThanOrEqualTo(expected / 100);
        assertThat(totals.path("publishedPackets").asLong()).isGreaterThan(audioSent / (PARTICIPANTS - 1));
    }
}
