package org.opensfu.core.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SpeakerPropertiesTest {
    /**
     * One step of a random room: a burst of {@code packets} packets 20 ms apart from one speaker (levels around
     * {@code level}, evaluated every 200 ms), an evaluation, or a speaker joining or leaving; then time moves on by
     * {@code deltaNanos} (which may be negative).
     */
    record Step(int kind, int speaker, int level, boolean voice, long deltaNanos, int packets) {
    }

    @Provide
    Arbitrary<List<Step>> streams() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 19),
                Arbitraries.integers().between(-2, 9),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 127), Arbitraries.integers()),
                Arbitraries.of(true, false),
                Arbitraries.oneOf(Arbitraries.longs().between(0, 40_000_000L),
                        Arbitraries.longs().between(-100_000_000L, 30_000_000_000L)),
                Arbitraries.integers().between(1, 150)).as(Step::new);
        return step.list().ofMaxSize(300);
    }

    /** Applies the steps; returns the trace of observable decisions. Checks the invariants on the way. */
    private static List<String> play(List<Step> steps) {
        DominantSpeakerDetector detector = new DominantSpeakerDetector();
        Set<Integer> present = new HashSet<>();
        for (int s = 0; s < 4; s++) {
            detector.addSpeaker(s);
            present.add(s);
        }
        List<String> trace = new ArrayList<>();
        int[] order = new int[16];
        long now = 1_000_000_000L;
        for (Step step : steps) {
            now += step.deltaNanos();
            switch (step.kind()) {
                case 0, 1 -> trace.add("e" + detector.evaluate(now) + detector.dominantSpeaker());
                case 2 -> {
                    if (step.speaker() >= 0 && present.add(step.speaker())) {
                        detector.addSpeaker(step.speaker());
                    }
                }
                case 3 -> trace.add("r" + detector.removeSpeaker(step.speaker()) + present.remove(step.speaker()));
                default -> {
                    for (int k = 0; k < step.packets(); k++) {
                        detector.onAudioLevel(step.speaker(), step.level() + k % 7, step.voice(), now);
                        now += 20_000_000L;
                        if (k % 10 == 9) {
                            trace.add("e" + detector.evaluate(now) + detector.dominantSpeaker());
                        }
                    }
                }
            }
            int dominant = detector.dominantSpeaker();
            assertThat(dominant == DominantSpeakerDetector.NONE || present.contains(dominant)).isTrue();
            int count = detector.speakersByRecentActivity(order);
            assertThat(count).isEqualTo(present.size());
            Set<Integer> listed = new HashSet<>();
            for (int i = 0; i < count; i++) {
                listed.add(order[i]);
            }
            assertThat(listed).isEqualTo(present);
            if (dominant != DominantSpeakerDetector.NONE) {
                assertThat(order[0]).isEqualTo(dominant);
            }
            assertThat(detector.rankedSpeakerCount()).isBetween(0, count);
            for (int s : present) {
                assertThat(detector.immediateActivity(s)).isBetween(0.0, 1.0);
                assertThat(detector.mediumActivity(s)).isBetween(0.0, 1.0);
                assertThat(detector.longActivity(s)).isBetween(0.0, 1.0);
            }
            trace.add(detector.speakersByRecentActivity() + "/" + detector.rankedSpeakerCount());
        }
        return trace;
    }

    /** Random level streams (any int level, unknown speakers, time jumps and reversals) never throw, keep the
     * invariants, and the same stream gives the same decisions. */
    @Property(tries = 200)
    void randomStreamsNeverThrowAndAreDeterministic(@ForAll("streams") List<Step> steps) {
        assertThat(play(steps)).isEqualTo(play(steps));
    }

    /** Any room, any previous selection: the selection obeys last-N's rules. */
    @Property(tries = 500)
    void lastNSelectionObeysTheRules(@ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 15) Integer> room,
                                     @ForAll @IntRange(min = 0, max = 12) int ranked,
                                     @ForAll @IntRange(min = -1, max = 8) int lastN,
                                     @ForAll @IntRange(min = 0, max = 15) int subscriber,
                                     @ForAll @Size(16) List<Boolean> video,
                                     @ForAll @Size(16) List<Boolean> pinned,
                                     @ForAll @Size(16) List<Boolean> previous) {
        int[] order = room.stream().distinct().mapToInt(Integer::intValue).toArray();
        int rankedCount = Math.min(ranked, order.length);
        boolean[] publishesVideo = toArray(video);
        boolean[] pins = toArray(pinned);
        boolean[] selection = toArray(previous);
        LastNSelector selector = new LastNSelector();
        selector.room(order, order.length, rankedCount, publishesVideo);

        int count = selector.select(subscriber, lastN, pins, selection);

        Set<Integer> members = new HashSet<>();
        int eligible = 0;
        int eligiblePinned = 0;
        for (int p : order) {
            members.add(p);
            if (p != subscriber && publishesVideo[p]) {
                eligible++;
                if (pins[p]) {
                    eligiblePinned++;
                }
            }
        }
        int limit = lastN < 0 ? Integer.MAX_VALUE : lastN;
        assertThat(count).isEqualTo(Math.min(limit, eligible));
        int selectedPinned = 0;
        int selected = 0;
        for (int p = 0; p < selection.length; p++) {
            if (selection[p]) {
                selected++;
                assertThat(p).isNotEqualTo(subscriber);
                assertThat(members).contains(p);
                assertThat(publishesVideo[p]).isTrue();
                if (pins[p]) {
                    selectedPinned++;
                }
            }
        }
        assertThat(selected).isEqualTo(count);
        assertThat(selectedPinned).isEqualTo(Math.min(limit, eligiblePinned));
        // selecting again with the result as the previous selection changes nothing
        boolean[] again = selection.clone();
        selector.select(subscriber, lastN, pins, again);
        assertThat(again).isEqualTo(selection);
    }

    private static boolean[] toArray(List<Boolean> flags) {
        boolean[] array = new boolean[flags.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = flags.get(i);
        }
        return array;
    }
}
