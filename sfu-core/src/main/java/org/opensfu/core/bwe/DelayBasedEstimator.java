package org.opensfu.core.bwe;

/**
 * The delay-based half of GCC (draft-ietf-rmcat-gcc-02 §5): received packets go through {@link InterArrival} groups,
 * the {@link TrendlineEstimator} and the {@link OveruseDetector}; once per feedback the resulting signal drives the
 * {@link AimdRateController}.
 */
public final class DelayBasedEstimator {
    private final InterArrival interArrival = new InterArrival();
    private final TrendlineEstimator trendline = new TrendlineEstimator();
    private final OveruseDetector detector = new OveruseDetector();
    private final AimdRateController rateController;
    private boolean hadSample;

    public DelayBasedEstimator(long initialBps, long minBps, long maxBps) {
        rateController = new AimdRateController(initialBps, minBps, maxBps);
    }

    /** Adds one received packet (send order; times in ns on the sender's and the receiver's timelines). */
    public void onPacketReceived(long sendNanos, long arrivalNanos, int sizeBytes) {
        if (!interArrival.add(sendNanos, arrivalNanos, sizeBytes)) {
            return;
        }
        double sendDeltaMillis = interArrival.sendDeltaNanos() / 1e6;
        double variationMillis = (interArrival.arrivalDeltaNanos() - interArrival.sendDeltaNanos()) / 1e6;
        double trend = trendline.update(variationMillis, interArrival.sampleArrivalNanos());
        detector.detect(trend, sendDeltaMillis, interArrival.sampleArrivalNanos());
        hadSample = true;
    }

    /**
     * Runs the rate controller with the current signal, after the packets of one feedback were added; returns the
     * estimate. {@code nowNanos} is our clock.
     */
    public long update(long ackedBps, long rttMillis, long nowNanos) {
        BandwidthUsage usage = hadSample ? detector.usage() : BandwidthUsage.NORMAL;
        return rateController.update(usage, ackedBps, rttMillis, nowNanos);
    }

    /** Raises the estimate to a probe's measured rate, if higher. */
    public void onProbeResult(long bps) {
        rateController.raiseTo(bps);
    }

    public long estimateBps() {
        return rateController.estimateBps();
    }

    public BandwidthUsage usage() {
        return detector.usage();
    }

    /** The parts, for tests and stats. */
    public TrendlineEstimator trendline() {
        return trendline;
    }

    public OveruseDetector detector() {
        return detector;
    }

    public AimdRateController rateController() {
        return rateController;
    }
}
