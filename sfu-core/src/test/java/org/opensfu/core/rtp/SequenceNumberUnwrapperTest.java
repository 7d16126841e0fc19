package org.opensfu.core.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceNumberUnwrapperTest {
    @Test
    void firstNumberIsPlacedInCycleOne() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        assertThat(unwrapper.started()).isFalse();
        assertThat(unwrapper.unwrap(1234)).isEqualTo(65_536 + 1234);
        assertThat(unwrapper.started()).isTrue();
        assertThat(unwrapper.highestExtendedSeq()).isEqualTo(65_536 + 1234);
    }

    @Test
    void countsUpAcrossSeveralWraps() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        long first = unwrapper.unwrap(65_000);
        for (int i = 1; i < 200_000; i++) {
            assertThat(unwrapper.unwrap((65_000 + i) & 0xFFFF)).isEqualTo(first + i);
        }
    }

    @Test
    void reorderingAroundTheWrapKeepsEachPacketInItsCycle() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        long a = unwrapper.unwrap(65_534);
        assertThat(unwrapper.unwrap(1)).isEqualTo(a + 3); // new cycle
        assertThat(unwrapper.unwrap(65_535)).isEqualTo(a + 1); // late, old cycle
        assertThat(unwrapper.unwrap(0)).isEqualTo(a + 2);
        assertThat(unwrapper.highestExtendedSeq()).isEqualTo(a + 3);
        assertThat(unwrapper.unwrap(65_533)).isEqualTo(a - 1);
        assertThat(unwrapper.unwrap(2)).isEqualTo(a + 4);
    }

    @Test
    void packetsReorderedBeforeTheFirstStayPositive() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        long first = unwrapper.unwrap(3);
        assertThat(unwrapper.unwrap(65_530)).isEqualTo(first - 9).isPositive();
        assertThat(unwrapper.highestExtendedSeq()).isEqualTo(first);
    }

    @Test
    void peekDoesNotRemember() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        assertThat(unwrapper.peek(10)).isEqualTo(65_546);
        assertThat(unwrapper.started()).isFalse();
        unwrapper.unwrap(10);
        assertThat(unwrapper.peek(20)).isEqualTo(65_556);
        assertThat(unwrapper.highestExtendedSeq()).isEqualTo(65_546);
    }

    @Test
    void nearestPicksTheClosestValueAndTakesAHalfCycleAsOlder() {
        long reference = 5 * 65_536L + 100;
        assertThat(SequenceNumberUnwrapper.nearest(reference, 100)).isEqualTo(reference);
        assertThat(SequenceNumberUnwrapper.nearest(reference, 65_500)).isEqualTo(4 * 65_536L + 65_500);
        assertThat(SequenceNumberUnwrapper.nearest(reference, 100 + 32_767)).isEqualTo(reference + 32_767);
        assertThat(SequenceNumberUnwrapper.nearest(reference, 100 + 32_768)).isEqualTo(reference - 32_768);
        assertThat(SequenceNumberUnwrapper.nearest(5 * 65_536L + 65_530, 3)).isEqualTo(6 * 65_536L + 3);
    }

    @Test
    void resetStartsOver() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        unwrapper.unwrap(65_535);
        unwrapper.unwrap(5);
        unwrapper.reset();
        assertThat(unwrapper.started()).isFalse();
        assertThat(unwrapper.unwrap(7)).isEqualTo(65_543);
    }
}
