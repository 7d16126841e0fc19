package org.opensfu.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundTripTimeTest {
    @Test
    void smoothsWithAnEighthOfEachNewSampleAndKeepsTheMinimum() {
        RoundTripTime rtt = new RoundTripTime();
        assertThat(rtt.smoothedNanos()).isEqualTo(-1);
        rtt.onSample(80_000_000L);
        assertThat(rtt.smoothedNanos()).isEqualTo(80_000_000L);
        rtt.onSample(160_000_000L);
        assertThat(rtt.smoothedNanos()).isEqualTo(90_000_000L);
        assertThat(rtt.latestNanos()).isEqualTo(160_000_000L);
        assertThat(rtt.minNanos()).isEqualTo(80_000_000L);
        rtt.onSample(40_000_000L);
        assertThat(rtt.minNanos()).isEqualTo(40_000_000L);
        assertThat(rtt.samples()).isEqualTo(3);
    }
}
