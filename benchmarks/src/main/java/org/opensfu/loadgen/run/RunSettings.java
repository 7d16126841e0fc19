package org.opensfu.loadgen.run;

import java.time.Duration;
import java.util.List;
import org.opensfu.loadgen.scenario.Scenario;

/**
 * How a ramp runs.
 *
 * @param scenario      meeting, webinar or audio room
 * @param steps         step values, ascending (participants or viewers per room)
 * @param rooms         identical rooms
 * @param speakers      publishers per audio room
 * @param maxHeightPx   the video constraint subscribers ask for, or null for none
 * @param joinsPerSecond join rate limit over all rooms
 * @param joinTimeout   a join not connected by then fails
 * @param settle        wait after a step's joins before measuring (bandwidth estimates climb to the top layer)
 * @param stepDuration  the measurement window of each step
 * @param drain         after publishers stop, wait this long for retransmissions before settling loss
 * @param roomPrefix    room names are {@code <prefix>-<index>}
 */
public record RunSettings(Scenario scenario, List<Integer> steps, int rooms, int speakers, Integer maxHeightPx,
                          double joinsPerSecond, Duration joinTimeout, Duration settle, Duration stepDuration,
                          Duration drain, String roomPrefix) {
    public RunSettings {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("at least one step");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) < 1 || (i > 0 && steps.get(i) < steps.get(i - 1))) {
                throw new IllegalArgumentException("steps must be positive and ascending: " + steps);
            }
        }
        if (rooms < 1 || speakers < 1 || !(joinsPerSecond > 0) || stepDuration.isNegative() || stepDuration.isZero()
                || settle.isNegative() || drain.isNegative()) {
            throw new IllegalArgumentException("invalid run settings");
        }
    }
}
