package org.opensfu.core.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoiseFloorTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void isTheQuietestLevelOfTheWindowOnceTheWindowIsFull() {
        NoiseFloor floor = new NoiseFloor(3_000, 82);
        assertThat(floor.floorDbov()).isEqualTo(-1);
        for (long ms = 0; ms < 4_000; ms += 20) {
            floor.record(ms == 500 ? 110 : 65, ms * 1_000_000L);
        }
        // the 110 at 0.5 s has left the window (seconds 1..3 are in it)
        assertThat(floor.floorDbov()).isEqualTo(65);
        floor.record(90, 4 * SECOND);
        assertThat(floor.floorDbov()).isEqualTo(90);
    }

    @Test
    void assumesAQuietBackgroundUntilAWholeWindowWasSeen() {
        NoiseFloor floor = new NoiseFloor(3_000, 82);
        floor.record(35, 0);
        assertThat(floor.floorDbov()).isEqualTo(82);
        floor.record(120, SECOND / 2);
        assertThat(floor.floorDbov()).isEqualTo(120);
        floor.record(60, 2 * SECOND);
        assertThat(floor.floorDbov()).isEqualTo(120);
        floor.record(60, 3 * SECOND); // window full: second 0 (the 120) has aged out, the prior no longer applies
        floor.record(60, 5 * SECOND);
        assertThat(floor.floorDbov()).isEqualTo(60);
    }

    @Test
    void startsAfreshAfterALongGap() {
        NoiseFloor floor = new NoiseFloor(3_000, 82);
        for (long s = 0; s < 5; s++) {
            floor.record(60, s * SECOND);
        }
        assertThat(floor.floorDbov()).isEqualTo(60);
        floor.record(40, 60 * SECOND);
        assertThat(floor.floorDbov()).isEqualTo(82); // old buckets cleared, prior again
    }

    @Test
    void olderPacketsCountInTheirBucketOrTheNewest() {
        NoiseFloor floor = new NoiseFloor(3_000, 0);
        floor.record(50, 10 * SECOND);
        floor.record(70, 9 * SECOND);
        floor.record(100, 2 * SECOND); // older than the window: counted as now
        assertThat(floor.floorDbov()).isEqualTo(100);
    }
}
