package org.opensfu.core.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameDecisionsTest {
    private final FrameDecisions frames = new FrameDecisions(4);

    @Test
    void remembersTheDecisionOfEachFrame() {
        frames.add(3000, true, 17);
        frames.add(6000, false, -1);
        int e = frames.find(3000);
        assertThat(e).isNotNegative();
        assertThat(frames.forwarded(e)).isTrue();
        assertThat(frames.outputPictureId(e)).isEqualTo(17);
        assertThat(frames.forwarded(frames.find(6000))).isFalse();
        assertThat(frames.find(9000)).isEqualTo(-1);
        assertThat(frames.mayHaveForgotten(1000)).as("nothing forgotten yet").isFalse();
    }

    @Test
    void framesNoLaterThanAForgottenOneAreUnknown() {
        long base = 0xFFFF_FFFFL - 6000; // timestamps wrap in the middle
        for (int i = 0; i < 6; i++) {
            frames.add((base + 3000L * i) & 0xFFFF_FFFFL, true, i);
        }
        // the first two were evicted: the latest of them is base + 3000
        assertThat(frames.find(base)).isEqualTo(-1);
        assertThat(frames.mayHaveForgotten(base)).isTrue();
        assertThat(frames.mayHaveForgotten((base + 3000) & 0xFFFF_FFFFL)).isTrue();
        assertThat(frames.mayHaveForgotten((base + 4500) & 0xFFFF_FFFFL)).isFalse();
        assertThat(frames.outputPictureId(frames.find((base + 15000) & 0xFFFF_FFFFL))).isEqualTo(5);
        frames.reset();
        assertThat(frames.find((base + 15000) & 0xFFFF_FFFFL)).isEqualTo(-1);
        assertThat(frames.mayHaveForgotten(base)).isFalse();
    }
}
