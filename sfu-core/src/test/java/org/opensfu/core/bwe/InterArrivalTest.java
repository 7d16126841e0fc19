package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InterArrivalTest {
    private static final long MS = 1_000_000;
    private final InterArrival ia = new InterArrival();

    @Test
    void groupsPacketsSentWithinFiveMillisecondsAndComparesConsecutiveGroups() {
        // group A: sent 0, 2, 4 ms; group B: 20, 21 ms; C starts at 40 ms. 50 ms path delay, B delayed 3 ms more.
        assertThat(ia.add(0, 50 * MS, 1000)).isFalse();
        assertThat(ia.add(2 * MS, 52 * MS, 1000)).isFalse();
        assertThat(ia.add(4 * MS, 54 * MS, 1000)).isFalse();
        assertThat(ia.add(20 * MS, 73 * MS, 1200)).isFalse(); // completes A, no previous group yet
        assertThat(ia.add(21 * MS, 74 * MS, 1200)).isFalse();
        assertThat(ia.add(40 * MS, 90 * MS, 500)).isTrue(); // completes B: sample B vs A
        assertThat(ia.sendDeltaNanos()).isEqualTo(17 * MS);
        assertThat(ia.arrivalDeltaNanos()).isEqualTo(20 * MS);
        assertThat(ia.sizeDeltaBytes()).isEqualTo(2400 - 3000);
        assertThat(ia.sampleArrivalNanos()).isEqualTo(74 * MS);
    }

    @Test
    void constantDelayGivesArrivalDeltasEqualToSendDeltas() {
        int samples = 0;
        for (int i = 0; i < 50; i++) {
            if (ia.add(i * 10 * MS, i * 10 * MS + 30 * MS, 1200)) {
                samples++;
                assertThat(ia.arrivalDeltaNanos()).isEqualTo(ia.sendDeltaNanos()).isEqualTo(10 * MS);
            }
        }
        assertThat(samples).isEqualTo(48);
    }

    @Test
    void packetsReleasedInABurstJoinTheGroup() {
        ia.add(0, 100 * MS, 1000);
        // sent 10 ms later but arriving 1 ms later: it waited in a queue that emptied at once
        assertThat(ia.add(10 * MS, 101 * MS, 1000)).isFalse();
        assertThat(ia.add(20 * MS, 102 * MS, 1000)).isFalse();
        ia.add(40 * MS, 140 * MS, 1000); // new group
        assertThat(ia.add(60 * MS, 160 * MS, 1000)).isTrue();
        assertThat(ia.sendDeltaNanos()).isEqualTo(20 * MS); // 40 - 20: the burst ended at 20 ms
        assertThat(ia.arrivalDeltaNanos()).isEqualTo(38 * MS);
    }

    @Test
    void ignoresPacketsSentBeforeTheCurrentGroup() {
        ia.add(0, 10 * MS, 100);
        ia.add(20 * MS, 30 * MS, 100);
        assertThat(ia.add(5 * MS, 31 * MS, 100)).isFalse();
        assertThat(ia.add(40 * MS, 50 * MS, 100)).isTrue();
        assertThat(ia.sendDeltaNanos()).isEqualTo(20 * MS);
    }

    @Test
    void startsOverAfterAnImplausibleJump() {
        ia.add(0, 10 * MS, 100);
        ia.add(20 * MS, 30 * MS, 100);
        assertThat(ia.add(40 * MS, 10_000 * MS, 100)).isTrue(); // the 20 ms group against the 0 ms one is fine
        // the 40 ms group against the 20 ms one claims 9.97 s more delay
        assertThat(ia.add(60 * MS, 10_020 * MS, 100)).isFalse();
        assertThat(ia.resets()).isEqualTo(1);
        assertThat(ia.add(80 * MS, 10_040 * MS, 100)).isFalse();
        assertThat(ia.add(100 * MS, 10_060 * MS, 100)).isTrue();
        assertThat(ia.arrivalDeltaNanos()).isEqualTo(20 * MS);
    }

    @Test
    void negativeArrivalSpacingIsNotASample() {
        ia.add(0, 100 * MS, 100);
        ia.add(20 * MS, 120 * MS, 100);
        assertThat(ia.add(40 * MS, 90 * MS, 100)).isTrue(); // the 20 ms group vs the 0 ms one is fine
        assertThat(ia.add(60 * MS, 110 * MS, 100)).isFalse(); // the 40 ms group arrived before the 20 ms one
        assertThat(ia.resets()).isEqualTo(1);
    }
}
