package org.opensfu.core.testing;

/**
 * What an {@link ImpairmentRelay} does to the datagrams of one direction.
 *
 * @param rateBps     token-bucket rate in bits per second; 0 means unlimited
 * @param queueMillis how much traffic, in milliseconds at the rate, may wait before new datagrams are dropped
 * @param delayMillis fixed one-way delay added to every datagram
 * @param lossPercent probability (0-100) that a datagram is dropped at random
 */
public record Impairment(long rateBps, int queueMillis, int delayMillis, double lossPercent) {
    public static final Impairment NONE = new Impairment(0, 0, 0, 0);

    public static Impairment rateLimit(long rateBps) {
        return new Impairment(rateBps, 200, 0, 0);
    }

    public static Impairment loss(double percent) {
        return new Impairment(0, 0, 0, percent);
    }

    public Impairment withDelay(int millis) {
        return new Impairment(rateBps, queueMillis, millis, lossPercent);
    }
}
