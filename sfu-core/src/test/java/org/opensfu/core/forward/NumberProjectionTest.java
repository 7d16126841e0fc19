package org.opensfu.core.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumberProjectionTest {
    private final NumberProjection p = new NumberProjection(64);

    @Test
    void consecutiveValuesGetConsecutiveNumbers() {
        p.start(16, 64, 65534, 10);
        assertThat(p.advance(p.unwrap(65534), false, true)).isEqualTo(10);
        assertThat(p.advance(p.unwrap(65535), false, true)).isEqualTo(11);
        long ext = p.unwrap(0);
        assertThat(ext).isEqualTo(65536);
        assertThat(p.advance(ext, false, true)).isEqualTo(12);
        assertThat(p.nextOutput()).isEqualTo(13);
    }

    @Test
    void droppedValuesTakeNoNumber() {
        p.start(16, 64, 100, 0);
        p.advance(100, false, true);
        assertThat(p.advance(101, false, false)).isEqualTo(-1);
        assertThat(p.advance(102, false, true)).isEqualTo(1);
        assertThat(p.state(101)).isEqualTo(NumberProjection.EXCLUDED);
        assertThat(p.state(102)).isEqualTo(NumberProjection.SENT);
    }

    @Test
    void skippedValuesHoldNumbersUnlessExcluded() {
        p.start(16, 64, 100, 0);
        p.advance(100, false, true);
        assertThat(p.advance(103, false, true)).isEqualTo(3); // 101 and 102 hold 1 and 2
        assertThat(p.state(101)).isEqualTo(NumberProjection.RESERVED);
        assertThat(p.output(102)).isEqualTo(2);
        assertThat(p.claim(101)).isEqualTo(1);
        assertThat(p.state(101)).isEqualTo(NumberProjection.SENT);
        p.vacate(102); // 103 has a number after it: 2 stays a gap
        assertThat(p.state(102)).isEqualTo(NumberProjection.VACATED);
        assertThat(p.nextOutput()).isEqualTo(4);
        assertThat(p.advance(106, true, true)).isEqualTo(4); // 104, 105 excluded: no gap
        assertThat(p.state(104)).isEqualTo(NumberProjection.EXCLUDED);
    }

    @Test
    void vacatedNumbersAtTheTopAreGivenBack() {
        p.start(16, 64, 0, 0);
        p.advance(0, false, true);
        p.advance(4, false, false); // 1, 2, 3 hold 1, 2, 3; 4 is padding
        assertThat(p.nextOutput()).isEqualTo(4);
        p.vacate(2); // 3 still holds a number after it
        assertThat(p.nextOutput()).isEqualTo(4);
        p.vacate(3); // now 3 and 2 are the top: both given back
        assertThat(p.nextOutput()).isEqualTo(2);
        assertThat(p.state(2)).isEqualTo(NumberProjection.EXCLUDED);
        assertThat(p.state(1)).isEqualTo(NumberProjection.RESERVED);
        assertThat(p.advance(5, false, true)).isEqualTo(2);
    }

    @Test
    void valuesOutsideTheWindowAreOutside() {
        p.start(16, 64, 0, 0);
        p.advance(0, false, true);
        p.advance(200, false, true); // a jump beyond the window: numbers still held for all 199 skipped
        assertThat(p.nextOutput()).isEqualTo(201);
        assertThat(p.state(200 - 64)).isEqualTo(NumberProjection.OUTSIDE);
        assertThat(p.state(200 - 63)).isEqualTo(NumberProjection.RESERVED);
        assertThat(p.output(200 - 63)).isEqualTo(137);
        assertThat(p.state(201)).isEqualTo(NumberProjection.OUTSIDE);
        assertThat(p.state(-1)).isEqualTo(NumberProjection.OUTSIDE);
    }

    @Test
    void windowIsLimitedByTheCounterWidth() {
        p.start(7, 64, 120, 0); // 7-bit picture IDs: values unwrap within +-64, the window must stay below
        assertThat(p.window()).isEqualTo(32);
        p.advance(120, false, true);
        assertThat(p.unwrap(3)).isEqualTo(131);
        assertThat(p.unwrap(100)).isEqualTo(100);
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new NumberProjection(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
