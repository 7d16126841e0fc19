package org.opensfu.core.router;

import java.time.Duration;
import java.util.Objects;
import org.opensfu.core.allocation.AllocatorConfig;
import org.opensfu.core.bwe.BweConfig;

/**
 * Router settings.
 *
 * @param rtcpReportInterval  how often receiver and sender reports go out (RFC 3550 §6.2 suggests a 5 s minimum for
 *                            low-bandwidth sessions; browsers report about once a second for video)
 * @param keyframeMinInterval at most one keyframe request per publisher stream per this interval
 * @param allocationInterval  how often each subscriber's estimate is shared out among its video tracks again
 * @param bwe                 each subscriber's bandwidth estimator
 * @param allocator           each subscriber's layer allocator
 * @param skipSilence         whether audio packets of digital silence (RFC 6464 level 127) are left out for
 *                            subscribers
 * @param retransmissions     whether losses are repaired: subscribers' NACKs answered from the cache, publishers
 *                            NACKed (off only to measure what repair is worth)
 */
public record RouterConfig(Duration rtcpReportInterval, Duration keyframeMinInterval, Duration allocationInterval,
                           BweConfig bwe, AllocatorConfig allocator, boolean skipSilence, boolean retransmissions) {
    public static final RouterConfig DEFAULT = new RouterConfig(Duration.ofSeconds(1), Duration.ofMillis(300));

    public RouterConfig {
        Objects.requireNonNull(bwe, "bwe");
        Objects.requireNonNull(allocator, "allocator");
        if (!rtcpReportInterval.isPositive() || keyframeMinInterval.isNegative()
                || !allocationInterval.isPositive()) {
            throw new IllegalArgumentException("intervals must be positive");
        }
    }

    /** The given report and keyframe intervals, the defaults for the rest. */
    public RouterConfig(Duration rtcpReportInterval, Duration keyframeMinInterval) {
        this(rtcpReportInterval, keyframeMinInterval, Duration.ofMillis(200), BweConfig.defaults(),
                AllocatorConfig.DEFAULT, true, true);
    }
}
