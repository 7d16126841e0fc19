package org.opensfu.loadgen.run;

/**
 * Spaces join attempts at a fixed rate, as a population of real clients arrives (LiveKit's tester defaults to 5 a
 * second): {@link #awaitTurn()} blocks until the next slot. Thread-safe.
 */
final class JoinPacer {
    private final long intervalNanos;
    private long nextNanos;

    JoinPacer(double joinsPerSecond) {
        if (!(joinsPerSecond > 0)) {
            throw new IllegalArgumentException("join rate must be positive: " + joinsPerSecond);
        }
        this.intervalNanos = (long) (1e9 / joinsPerSecond);
        this.nextNanos = System.nanoTime();
    }

    void awaitTurn() throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextNanos);
            nextNanos = slot + intervalNanos;
        }
        long waitNanos = slot - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
