package org.opensfu.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opensfu.core.time.ManualClock;

class KeyframeRequestThrottleTest {
    @Test
    void coalescesAStormOfRequestsIntoOnePerInterval() {
        ManualClock clock = new ManualClock();
        KeyframeRequestThrottle throttle = new KeyframeRequestThrottle(TimeUnit.MILLISECONDS.toNanos(300));
        int sent = 0;
        // 50 subscribers ask every 10 ms for one second
        for (int ms = 0; ms < 1000; ms += 10) {
            for (int subscriber = 0; subscriber < 50; subscriber++) {
                if (throttle.tryRequest(clock.nowNanos())) {
                    sent++;
                }
            }
            clock.advanceMillis(10);
        }
        assertThat(sent).isEqualTo(4); // at 0, 300, 600, 900 ms
        assertThat(throttle.suppressed()).isEqualTo(100L * 50 - 4);
    }
}
