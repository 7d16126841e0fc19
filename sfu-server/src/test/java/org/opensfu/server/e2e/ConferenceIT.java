package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.testing.Chromium;
import org.opensfu.server.testing.BrowserParticipant;
import org.opensfu.server.testing.BrowserParticipant.RemoteTrack;
import org.opensfu.server.testing.ServerProcess;

/**
 * The first thing a user tries: a meeting in the demo page. The real server process, three headless Chromium
 * participants in one room and a fourth in another room, all publishing the fake camera and microphone.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConferenceIT {
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(40);

    @Test
    void threeParticipantsSeeAndHearEachOtherAndAnotherRoomReceivesNothing() throws Exception {
        Chromium.assumeUsable();
        try (ServerProcess server = ServerProcess.start("");
             Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            BrowserParticipant alice = BrowserParticipant.join(browser, server.baseUrl(), "standup", "Alice");
            BrowserParticipant bob = BrowserParticipant.join(browser, server.baseUrl(), "standup", "Bob");
            BrowserParticipant carol = BrowserParticipant.join(browser, server.baseUrl(), "standup", "Carol");
            BrowserParticipant dave = BrowserParticipant.join(browser, server.baseUrl(), "elsewhere", "Dave");
            List<BrowserParticipant> meeting = List.of(alice, bob, carol);

            for (BrowserParticipant receiver : meeting) {
                Set<String> others = meeting.stream().filter(p -> p != receiver)
                        .map(BrowserParticipant::participantId).collect(Collectors.toSet());
                await().atMost(MEDIA_WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertReceivesEveryone(receiver, others));
            }
            try {
                for (BrowserParticipant receiver : meeting) {
                    assertVideoKeepsDecoding(receiver, meeting.stream().filter(p -> p != receiver).toList());
                }
            } catch (AssertionError e) {
                StringBuilder tracks = new StringBuilder();
                for (BrowserParticipant receiver : meeting) {
                    tracks.append("\n").append(receiver.name()).append(": ").append(receiver.remoteTracks());
                }
                throw new AssertionError(e.getMessage() + "\nreceived:" + tracks + "\nroom stats: "
                        + server.get("/api/v1/rooms/standup/stats"), e);
            }

            // another room: nothing from the meeting reaches Dave
            assertThat(dave.remoteTracks()).isEmpty();
            assertThat(dave.inboundPackets()).isZero();

            // Carol leaves: her tiles go away, Alice and Bob go on seeing each other
            carol.leave();
            for (BrowserParticipant stayer : List.of(alice, bob)) {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertThat(stayer.tilesOf(carol.participantId())).isZero();
                    assertThat(stayer.remoteTracks()).noneMatch(t -> t.participantId().equals(carol.participantId()));
                });
            }
            assertVideoKeepsDecoding(alice, List.of(bob));
            assertVideoKeepsDecoding(bob, List.of(alice));

            assertThat(server.stop(Duration.ofSeconds(20))).as("exit status after SIGTERM").isZero();
            assertThat(server.logText()).contains("stopped");
        }
    }

    /** Two video and two audio tracks, one of each per other participant, all with media arriving. */
    static void assertReceivesEveryone(BrowserParticipant receiver, Set<String> others) {
        List<RemoteTrack> tracks = receiver.remoteTracks();
        for (String other : others) {
            List<RemoteTrack> fromOther = tracks.stream().filter(t -> t.participantId().equals(other)).toList();
            assertThat(fromOther).as("%s receives from %s", receiver.name(), other)
                    .anySatisfy(t -> {
                        assertThat(t.isVideo()).isTrue();
                        assertThat(t.framesDecoded()).isPositive();
                    })
                    .anySatisfy(t -> {
                        assertThat(t.kind()).isEqualTo("audio");
                        assertThat(t.packetsReceived()).isPositive();
                        assertThat(t.totalSamplesReceived()).isPositive();
                    });
        }
    }

    /**
     * framesDecoded of each sender's video grows over two seconds (and audio samples keep arriving). Three 720p
     * simulcast encoders and six decoders share two cores here, so the allocator may settle on the 7.5 fps base
     * temporal layer for a while: more than four frames in two seconds is video that keeps moving, not a frozen tile.
     */
    static void assertVideoKeepsDecoding(BrowserParticipant receiver, List<BrowserParticipant> senders)
            throws InterruptedException {
        Map<String, RemoteTrack> before = byTrack(receiver.remoteTracks());
        Thread.sleep(2000);
        Map<String, RemoteTrack> after = byTrack(receiver.remoteTracks());
        for (BrowserParticipant sender : senders) {
            List<RemoteTrack> fromSender = after.values().stream()
                    .filter(t -> t.participantId().equals(sender.participantId())).toList();
            assertThat(fromSender).as("%s has tracks from %s", receiver.name(), sender.name()).isNotEmpty();
            for (RemoteTrack now : fromSender) {
                RemoteTrack then = before.get(now.trackId());
                assertThat(then).isNotNull();
                if (now.isVideo()) {
                    assertThat(now.framesDecoded()).as("%s decodes %s's video", receiver.name(), sender.name())
                            .isGreaterThan(then.framesDecoded() + 4);
                } else {
                    assertThat(now.totalSamplesReceived()).as("%s hears %s", receiver.name(), sender.name())
                            .isGreaterThan(then.totalSamplesReceived());
                }
            }
        }
    }

    static Map<String, RemoteTrack> byTrack(List<RemoteTrack> tracks) {
        return tracks.stream().collect(Collectors.toMap(RemoteTrack::trackId, Function.identity()));
    }
}
