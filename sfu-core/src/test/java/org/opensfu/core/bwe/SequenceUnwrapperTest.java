package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceUnwrapperTest {

    @Test
    void firstValueIsTakenAsItIs() {
        SequenceUnwrapper u = SequenceUnwrapper.sixteenBit();
        assertThat(u.peek(1234)).isEqualTo(1234);
        assertThat(u.unwrap(1234)).isEqualTo(1234);
        assertThat(u.last()).isEqualTo(1234);
    }

    @Test
    void countsOnAcrossTheSixteenBitWrap() {
        SequenceUnwrapper u = SequenceUnwrapper.sixteenBit();
        assertThat(u.unwrap(65534)).isEqualTo(65534);
        assertThat(u.unwrap(65535)).isEqualTo(65535);
        assertThat(u.unwrap(0)).isEqualTo(65536);
        assertThat(u.unwrap(1)).isEqualTo(65537);
    }

    @Test
    void aReorderedValueBeforeTheWrapGoesBack() {
        SequenceUnwrapper u = SequenceUnwrapper.sixteenBit();
        u.unwrap(65535);
        assertThat(u.unwrap(2)).isEqualTo(65538);
        assertThat(u.unwrap(65533)).isEqualTo(65533);
        assertThat(u.unwrap(3)).isEqualTo(65539);
    }

    @Test
    void goesBelowZeroBackwards() {
        SequenceUnwrapper u = SequenceUnwrapper.sixteenBit();
        u.unwrap(1);
        assertThat(u.unwrap(65535)).isEqualTo(-1);
        assertThat(u.unwrap(65000)).isEqualTo(-536);
    }

    @Test
    void followsManyWrapsInLargeSteps() {
        SequenceUnwrapper u = SequenceUnwrapper.sixteenBit();
        SplittableRandom random = new SplittableRandom(7);
        long truth = 40_000;
        u.unwrap(truth);
        for (int i = 0; i < 100_000; i++) {
            truth += random.nextInt(-20_000, 32_767);
            assertThat(u.unwrap(truth & 0xFFFF)).isEqualTo(truth);
        }
    }

    @Test
    void peekDoesNotMoveTheReference() {
        SequenceUnwrapper u = SequenceUnwrapper.sixteenBit();
        u.unwrap(65535);
        assertThat(u.peek(5)).isEqualTo(65541);
        assertThat(u.last()).isEqualTo(65535);
        u.reset();
        assertThat(u.unwrap(5)).isEqualTo(5);
    }

    @Test
    void unwrapsTwentyFourBitReferenceTimes() {
        SequenceUnwrapper u = new SequenceUnwrapper(24);
        assertThat(u.unwrap(0xFFFFFE)).isEqualTo(0xFFFFFE);
        assertThat(u.unwrap(0x000001)).isEqualTo(0x1000001);
    }

    @Test
    void nearestPicksTheClosestCongruentValue() {
        SequenceUnwrapper u = SequenceUnwrapper.sixteenBit();
        assertThat(u.nearest(100_000, 100_000 & 0xFFFF)).isEqualTo(100_000);
        assertThat(u.nearest(100_000, (100_000 - 30_000) & 0xFFFF)).isEqualTo(70_000);
        assertThat(u.nearest(100_000, (100_000 + 30_000) & 0xFFFF)).isEqualTo(130_000);
    }

    @Test
    void rejectsSillyWidths() {
        assertThatThrownBy(() -> new SequenceUnwrapper(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SequenceUnwrapper(63)).isInstanceOf(IllegalArgumentException.class);
    }
}
