package org.opensfu.core.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityOrderTest {
    private static int[] contents(ActivityOrder order) {
        int[] out = new int[order.size()];
        order.copyTo(out);
        return out;
    }

    @Test
    void promotesAndTracksTheRankedPrefix() {
        ActivityOrder order = new ActivityOrder();
        for (int i = 0; i < 20; i++) {
            order.add(i);
        }
        assertThat(order.ranked()).isZero();
        order.promote(7, 0);
        assertThat(contents(order)).startsWith(7, 0, 1, 2);
        assertThat(order.ranked()).isEqualTo(1);
        order.promote(3, 1);
        assertThat(contents(order)).startsWith(7, 3, 0, 1, 2, 4);
        assertThat(order.ranked()).isEqualTo(2);
        order.promote(12, 5); // cannot jump the unranked queue: lands right after the ranked ones
        assertThat(contents(order)).startsWith(7, 3, 12, 0, 1);
        assertThat(order.ranked()).isEqualTo(3);
        long version = order.version();
        order.promote(7, 1); // already ahead
        assertThat(order.version()).isEqualTo(version);
        order.promote(12, 0);
        assertThat(contents(order)).startsWith(12, 7, 3, 0);
        assertThat(order.ranked()).isEqualTo(3);
    }

    @Test
    void removingKeepsTheRankedCountRight() {
        ActivityOrder order = new ActivityOrder();
        for (int i = 0; i < 4; i++) {
            order.add(i);
        }
        order.promote(2, 0);
        order.remove(2);
        assertThat(order.ranked()).isZero();
        order.remove(3);
        assertThat(contents(order)).containsExactly(0, 1);
        assertThat(order.remove(9)).isFalse();
        order.promote(9, 0);
        assertThat(contents(order)).containsExactly(0, 1);
    }
}
