package org.opensfu.core.router;

import java.time.Duration;

/**
 * Router settings.
 *
 * @param rtcpReportInterval     how often receiver and sender reports go out (RFC 3550 §6.2 suggests a 5 s minimum
 *                               for low-bandwidth sessions; browsers report about once a second for video)
 * @param keyframeMinInterval    at most one keyframe request per publisher stream per this interval
 */
public record RouterConfig(Duration rtcpReportInterval, Duration keyframeMinInterval) {
    public static final RouterConfig DEFAULT = new RouterConfig(Duration.ofSeconds(1), Duration.ofMillis(300));

    public RouterConfig {
        if (rtcpReportInterval.isNegative() || rtcpReportInterval.isZero() || keyframeMinInterval.isNegative()) {
            throw new IllegalArgumentException("intervals must be positive");
        }
    }
}
