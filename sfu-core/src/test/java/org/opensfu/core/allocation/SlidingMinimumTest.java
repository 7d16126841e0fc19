package org.opensfu.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SlidingMinimumTest {
    private static final long MS = 1_000_000;

    @Test
    void aSampleCountsUntilItsSuccessorIsOlderThanTheWindow() {
        SlidingMinimum min = new SlidingMinimum(2000 * MS);
        min.add(0, 100);
        min.add(1000 * MS, 300);
        min.add(1500 * MS, 200);
        assertThat(min.min(1500 * MS)).isEqualTo(100);
        // 100 held until 1000 ms: inside [999, 2999], not inside [1000, 3000]
        assertThat(min.min(2999 * MS)).isEqualTo(100);
        assertThat(min.min(3000 * MS)).isEqualTo(200);
        min.add(3600 * MS, 400);
        assertThat(min.min(3600 * MS)).isEqualTo(200);
        assertThat(min.min(5600 * MS)).isEqualTo(400);
    }

    @Test
    void coversTheWindowOnceTheFirstSampleIsThatOld() {
        SlidingMinimum min = new SlidingMinimum(2000 * MS);
        assertThat(min.covers(0)).isFalse();
        min.add(500 * MS, 1);
        assertThat(min.covers(2499 * MS)).isFalse();
        assertThat(min.covers(2500 * MS)).isTrue();
    }

    @Test
    void agreesWithABruteForceMinimum() {
        Random random = new Random(7);
        SlidingMinimum min = new SlidingMinimum(2000 * MS);
        long[] times = new long[2000];
        long[] values = new long[2000];
        long now = 0;
        for (int i = 0; i < times.length; i++) {
            now += random.nextInt(400) * MS;
            times[i] = now;
            values[i] = random.nextInt(1000);
            min.add(now, values[i]);
            long expected = Long.MAX_VALUE;
            for (int j = 0; j <= i; j++) {
                boolean inEffectInWindow = j == i || times[j + 1] > now - 2000 * MS;
                if (inEffectInWindow) {
                    expected = Math.min(expected, values[j]);
                }
            }
            assertThat(min.min(now)).as("sample %d", i).isEqualTo(expected);
        }
    }
}
