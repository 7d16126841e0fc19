package org.opensfu.core.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.opensfu.core.time.ManualClock;

class DominantSpeakerDetectorTest {
    private final ManualClock clock = new ManualClock();

    /** Every speaker in {@code levels} sends one packet per 20 ms for {@code millis}; evaluation every 200 ms. */
    private int play(DominantSpeakerDetector detector, long millis, int[] speakers, int[] levels) {
        int changes = 0;
        for (long t = 0; t < millis; t += 20) {
            for (int i = 0; i < speakers.length; i++) {
                detector.onAudioLevel(speakers[i], levels[i], levels[i] < 70, clock.nowNanos());
            }
            clock.advanceMillis(20);
            if ((t + 20) % 200 == 0 && detector.evaluate(clock.nowNanos())) {
                changes++;
            }
        }
        return changes;
    }

    @Test
    void aSpeakerTalkingAloneBecomesDominantWithinASecond() {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        detector.addSpeaker(0);
        detector.addSpeaker(1);
        assertThat(detector.dominantSpeaker()).isEqualTo(DominantSpeakerDetector.NONE);

        assertThat(play(detector, 1_000, new int[] {0, 1}, new int[] {35, 127})).isEqualTo(1);

        assertThat(detector.dominantSpeaker()).isZero();
        assertThat(detector.dominantSpeakerChanges()).isEqualTo(1);
        assertThat(detector.immediateActivity(0)).isBetween(0.9, 1.0);
        assertThat(detector.longActivity(0)).isBetween(0.35, 1.0);
        assertThat(detector.longActivity(1)).isZero();
        assertThat(detector.noiseFloorDbov(1)).isEqualTo(127);
        assertThat(detector.speakersByRecentActivity()).containsExactly(0, 1);
    }

    @Test
    void identicalSpeakersAreResolvedByTheOrderTheyJoinedIn() {
        for (int first : new int[] {0, 1}) {
            DominantSpeakerDetector detector = new DominantSpeakerDetector();
            detector.addSpeaker(first);
            detector.addSpeaker(1 - first);
            play(detector, 2_000, new int[] {0, 1}, new int[] {35, 35});
            assertThat(detector.dominantSpeaker()).isEqualTo(first);
            assertThat(detector.dominantSpeakerChanges()).isEqualTo(1);
        }
    }

    @Test
    void theLouderOfTwoSimultaneousNewSpeakersWins() {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        detector.addSpeaker(0);
        detector.addSpeaker(1);
        play(detector, 4_000, new int[] {0, 1}, new int[] {55, 40});
        assertThat(detector.dominantSpeaker()).isEqualTo(1);
        // both spoke: the quieter one ranks right behind
        assertThat(detector.speakersByRecentActivity()).containsExactly(1, 0);
        assertThat(detector.rankedSpeakerCount()).isEqualTo(2);
    }

    @Test
    void levelsOfUnknownSpeakersAreCountedAndIgnored() {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        detector.addSpeaker(3);
        detector.onAudioLevel(7, 30, true, 0);
        detector.onAudioLevel(-1, 30, true, 0);
        detector.onAudioLevel(Integer.MAX_VALUE, 30, true, 0);
        assertThat(detector.ignoredLevels()).isEqualTo(3);
        assertThat(detector.hasSpeaker(3)).isTrue();
        assertThat(detector.hasSpeaker(7)).isFalse();
        assertThat(detector.speakerCount()).isEqualTo(1);
        assertThat(detector.longActivity(7)).isZero();
    }

    @Test
    void rejectsNegativeAndDuplicateSpeakersAndGrowsForLargeIndexes() {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        assertThatThrownBy(() -> detector.addSpeaker(-1)).isInstanceOf(IllegalArgumentException.class);
        detector.addSpeaker(500);
        assertThatThrownBy(() -> detector.addSpeaker(500)).isInstanceOf(IllegalArgumentException.class);
        assertThat(detector.hasSpeaker(500)).isTrue();
        assertThat(detector.removeSpeaker(499)).isFalse();
    }

    @Test
    void removingTheDominantSpeakerLeavesNoneUntilSomebodySpeaks() {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        detector.addSpeaker(0);
        detector.addSpeaker(1);
        detector.addSpeaker(2);
        play(detector, 3_000, new int[] {0, 1, 2}, new int[] {35, 127, 127});
        assertThat(detector.dominantSpeaker()).isZero();
        long version = detector.orderVersion();

        assertThat(detector.removeSpeaker(2)).isFalse();
        assertThat(detector.removeSpeaker(0)).isTrue();

        assertThat(detector.dominantSpeaker()).isEqualTo(DominantSpeakerDetector.NONE);
        assertThat(detector.orderVersion()).isGreaterThan(version);
        assertThat(detector.speakersByRecentActivity()).containsExactly(1);
        assertThat(detector.rankedSpeakerCount()).isZero();
        assertThat(detector.evaluate(clock.nowNanos())).isFalse(); // nobody speaks
        play(detector, 2_000, new int[] {1}, new int[] {40});
        assertThat(detector.dominantSpeaker()).isEqualTo(1);
    }

    @Test
    void theVoiceActivityBitIsIgnoredUnlessConfigured() {
        DominantSpeakerDetector trusting = new DominantSpeakerDetector(
                DominantSpeakerConfig.defaults().withVoiceActivityFlag(true));
        DominantSpeakerDetector ignoring = new DominantSpeakerDetector();
        trusting.addSpeaker(0);
        ignoring.addSpeaker(0);
        for (long t = 0; t < 3_000; t += 20) {
            trusting.onAudioLevel(0, 35, false, clock.nowNanos());
            ignoring.onAudioLevel(0, 35, false, clock.nowNanos());
            clock.advanceMillis(20);
            trusting.evaluate(clock.nowNanos());
            ignoring.evaluate(clock.nowNanos());
        }
        assertThat(trusting.dominantSpeaker()).isEqualTo(DominantSpeakerDetector.NONE);
        assertThat(ignoring.dominantSpeaker()).isZero();
    }

    @Test
    void sixtyMillisecondPacketsCountAsMuchAsTwentyMillisecondOnes() {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        detector.addSpeaker(0);
        detector.addSpeaker(1);
        for (long t = 0; t < 3_000; t += 20) {
            detector.onAudioLevel(0, 40, true, clock.nowNanos());
            if (t % 60 == 0) {
                detector.onAudioLevel(1, 40, true, clock.nowNanos());
            }
            clock.advanceMillis(20);
        }
        detector.evaluate(clock.nowNanos());
        assertThat(detector.longActivity(1)).isCloseTo(detector.longActivity(0), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aStoppedSenderDecaysToSilence() {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        detector.addSpeaker(0);
        play(detector, 2_000, new int[] {0}, new int[] {35});
        clock.advanceMillis(10_000); // no packets at all: muted, or the sender left without a BYE
        assertThat(detector.evaluate(clock.nowNanos())).isFalse();
        assertThat(detector.longActivity(0)).isLessThan(0.01);
        assertThat(detector.dominantSpeaker()).isZero(); // still the last speaker
    }

    @Test
    void timeGoingBackwardsIsTolerated() {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        detector.addSpeaker(0);
        detector.onAudioLevel(0, 35, true, 5_000_000_000L);
        detector.onAudioLevel(0, 35, true, 1_000_000_000L);
        detector.evaluate(4_000_000_000L);
        detector.onAudioLevel(0, 200, true, -7);
        detector.evaluate(6_000_000_000L);
        assertThat(detector.longActivity(0)).isBetween(0.0, 1.0);
    }

    /** onAudioLevel and evaluate allocate nothing (HotSpot's per-thread allocation counter). */
    @Test
    void thePacketPathDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        for (int i = 0; i < 10; i++) {
            detector.addSpeaker(i);
        }
        int[] order = new int[10];
        long now = 0;
        run(detector, order, now, 20_000); // warm up (class loading, JIT)
        now += 20_000L * 20_000_000L;
        long before = threads.getCurrentThreadAllocatedBytes();
        run(detector, order, now, 50_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).isLessThan(1_024); // 500,000 packets and 5,000 evaluations
    }

    private static void run(DominantSpeakerDetector detector, int[] order, long startNanos, int frames) {
        long now = startNanos;
        for (int frame = 0; frame < frames; frame++) {
            for (int speaker = 0; speaker < 10; speaker++) {
                int level = (frame / 250) % 10 == speaker ? 30 + frame % 13 : 100 + frame % 27;
                detector.onAudioLevel(speaker, level, level < 70, now + speaker * 1_000_000L);
            }
            if (frame % 10 == 0) {
                detector.evaluate(now);
                detector.speakersByRecentActivity(order);
            }
            now += 20_000_000L;
        }
    }
}
