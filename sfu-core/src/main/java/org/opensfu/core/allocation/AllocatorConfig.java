package org.opensfu.core.allocation;

import java.util.concurrent.TimeUnit;

/**
 * Thresholds and windows of {@link BandwidthAllocator}.
 *
 * @param upHeadroom             an upgrade must fit within {@code (1 - upHeadroom)} times the lowest estimate of the
 *                               last {@code upgradeSustainNanos}
 * @param downgradeHeadroom      a forced downgrade climbs back only to {@code (1 - downgradeHeadroom)} times the
 *                               estimate, so the next, slightly lower, estimate does not force another one
 * @param upgradeSustainNanos    how long the estimate must have supported an upgrade (and the least history before
 *                               the first upgrade)
 * @param upgradeBackoffNanos    no upgrade this long after a forced downgrade
 * @param rebalanceHoldNanos     a reallocation that lowers some tracks to raise others, without any change of the
 *                               tracks or their constraints, must have been wanted this long
 * @param bitratePeakWindowNanos layer bitrates are costed at their peak over the last one to two such windows;
 *                               0 = at their current value
 * @param minFrameRate           above the lowest allowed spatial layer, temporal layers below this frame rate are
 *                               skipped: the ladder drops to a lower resolution rather than below it
 */
public record AllocatorConfig(double upHeadroom, double downgradeHeadroom, long upgradeSustainNanos,
        long upgradeBackoffNanos, long rebalanceHoldNanos, long bitratePeakWindowNanos, double minFrameRate) {

    public static final AllocatorConfig DEFAULT = new AllocatorConfig(0.10, 0.10, TimeUnit.SECONDS.toNanos(2),
            TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(5), 7.0);

    public AllocatorConfig {
        requireFraction("upHeadroom", upHeadroom);
        requireFraction("downgradeHeadroom", downgradeHeadroom);
        requireNonNegative("upgradeSustainNanos", upgradeSustainNanos);
        requireNonNegative("upgradeBackoffNanos", upgradeBackoffNanos);
        requireNonNegative("rebalanceHoldNanos", rebalanceHoldNanos);
        requireNonNegative("bitratePeakWindowNanos", bitratePeakWindowNanos);
        if (!(minFrameRate >= 0) || Double.isInfinite(minFrameRate)) {
            throw new IllegalArgumentException("minFrameRate must be finite and >= 0: " + minFrameRate);
        }
    }

    public AllocatorConfig withBitratePeakWindowNanos(long nanos) {
        return new AllocatorConfig(upHeadroom, downgradeHeadroom, upgradeSustainNanos, upgradeBackoffNanos,
                rebalanceHoldNanos, nanos, minFrameRate);
    }

    public AllocatorConfig withMinFrameRate(double frameRate) {
        return new AllocatorConfig(upHeadroom, downgradeHeadroom, upgradeSustainNanos, upgradeBackoffNanos,
                rebalanceHoldNanos, bitratePeakWindowNanos, frameRate);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value);
        }
    }
}
