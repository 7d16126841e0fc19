package org.opensfu.core.bwe;

import org.opensfu.core.rtcp.TransportCcFeedback;

/**
 * The send-side bandwidth estimator the SFU runs for each subscriber transport: Google Congestion Control
 * (draft-ietf-rmcat-gcc-02) fed by transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01).
 *
 * <p>The caller reports every packet it sends with its transport-wide sequence number ({@link #onPacketSent}) and
 * every transport-cc feedback it receives ({@link #onTransportFeedback}); it reads {@link #targetBitrateBps()} to
 * decide how much to send, and asks {@link #probeIfWanted} whether to send a probe cluster. The estimate is
 * {@code clamp(min(delay-based, loss-based), minBps, maxBps)}:
 * <ul>
 * <li>delay-based ({@link DelayBasedEstimator}, §5): inter-arrival groups, trendline, adaptive-threshold over-use
 * detector, AIMD rate control against the {@link AcknowledgedBitrateEstimator acknowledged bitrate};</li>
 * <li>loss-based ({@link LossBasedController}, §6): a bound from the loss fraction;</li>
 * <li>probing ({@link ProbeController}, {@link ProbeResultEstimator}): a probe's measured rate raises the delay-based
 * estimate.</li>
 * </ul>
 *
 * <p>Times are nanoseconds on the caller's clock ({@code Clock.nowNanos()}); the receiver's clock only matters through
 * differences. Not thread-safe: call it from the transport's loop thread. {@link #onPacketSent} and
 * {@link #onTransportFeedback} allocate nothing; malformed or absurd feedback never throws and leaves the estimate in
 * {@code [minBps, maxBps]}.
 */
public final class SendSideBandwidthEstimator {
    private static final long MAX_RTT_NANOS = 60_000_000_000L;
    /**
     * For this long after a probe result, the rate it measured counts as acknowledged: a probe that went faster than
     * the path leaves a queue that triggers a decrease, which should start from the rate the path was just seen to
     * carry, not from the lower rate sent before the probe.
     */
    static final long PROBE_RESULT_AS_ACKED_NANOS = 1_000_000_000L;

    private final BweConfig config;
    private final SentPacketHistory history;
    private final TransportFeedbackAdapter adapter;
    private final DelayBasedEstimator delayBased;
    private final AcknowledgedBitrateEstimator acknowledged;
    private final LossBasedController lossBased = new LossBasedController();
    private final ProbeResultEstimator probeResults = new ProbeResultEstimator();
    private final ProbeController prober = new ProbeController();
    private long rttMillis;
    private long targetBps;
    private boolean hasProbeResult;
    private long probeResultBps;
    private long probeResultNanos;

    public SendSideBandwidthEstimator(BweConfig config) {
        this.config = config;
        this.history = new SentPacketHistory(config.historyCapacity());
        this.adapter = new TransportFeedbackAdapter(history);
        this.delayBased = new DelayBasedEstimator(config.initialBps(), config.minBps(), config.maxBps());
        this.acknowledged = new AcknowledgedBitrateEstimator(config.historyCapacity());
        this.targetBps = config.initialBps();
    }

    /**
     * Every RTP packet we send on this transport, with the 16-bit transport-wide sequence number we stamped, its send
     * time, its size on the wire, and its probe cluster id (-1 if not a probe). Loop thread, no allocation.
     */
    public void onPacketSent(int transportSequenceNumber, long sendNanos, int sizeBytes, int probeClusterId) {
        history.add(transportSequenceNumber, sendNanos, sizeBytes, probeClusterId);
    }

    /** A transport-cc feedback from the receiver (an already wrapped view), which arrived at {@code arrivalNanos}. */
    public void onTransportFeedback(TransportCcFeedback feedback, long arrivalNanos) {
        PacketResults results = adapter.process(feedback, arrivalNanos);
        if (results.count() == 0) {
            return;
        }
        if (adapter.hasNewestReceived()) {
            long rttNanos = arrivalNanos - adapter.newestReceivedSendNanos();
            if (rttNanos >= 0 && rttNanos < MAX_RTT_NANOS) {
                rttMillis = rttNanos / 1_000_000;
            }
        }
        int probeId = -1;
        long probeBps = -1;
        for (int i = 0; i < results.count(); i++) {
            if (!results.received(i)) {
                continue;
            }
            long send = results.sendNanos(i);
            long arrival = results.arrivalNanos(i);
            int size = results.sizeBytes(i);
            acknowledged.onPacketReceived(arrival, size);
            delayBased.onPacketReceived(send, arrival, size);
            int id = results.probeId(i);
            if (id >= 0) {
                long bps = probeResults.onPacketReceived(id, send, arrival, size);
                if (bps > 0) {
                    if (probeId >= 0 && probeId != id) {
                        applyProbeResult(probeId, probeBps, arrivalNanos);
                    }
                    probeId = id;
                    probeBps = bps;
                }
            }
        }
        if (probeId >= 0) {
            applyProbeResult(probeId, probeBps, arrivalNanos);
        }
        if (results.receivedCount() > 0) {
            long acked = acknowledged.bitrateBps();
            if (hasProbeResult && arrivalNanos - probeResultNanos >= 0
                    && arrivalNanos - probeResultNanos < PROBE_RESULT_AS_ACKED_NANOS) {
                acked = Math.max(acked, probeResultBps);
            }
            delayBased.update(acked, rttMillis, arrivalNanos);
        }
        lossBased.onFeedback(results.receivedCount(), results.lostCount(), results.lateCount(), arrivalNanos,
                delayBased.estimateBps(), rttMillis);
        targetBps = Math.clamp(Math.min(delayBased.estimateBps(), lossBased.boundBps()), config.minBps(),
                config.maxBps());
    }

    private void applyProbeResult(int id, long bps, long nowNanos) {
        long measured = Math.min(bps, config.maxBps());
        hasProbeResult = true;
        probeResultBps = measured;
        probeResultNanos = nowNanos;
        delayBased.onProbeResult(measured);
        lossBased.onProbeResult(measured, delayBased.estimateBps());
        prober.onProbeResult(id, bps, nowNanos);
    }

    /** Current estimate of what can be sent to this receiver (media + padding), bits per second. */
    public long targetBitrateBps() {
        return targetBps;
    }

    /** Round-trip time from the last feedback: send time of the newest acknowledged packet to its arrival; or 0. */
    public long rttMillis() {
        return rttMillis;
    }

    /** Loss fraction of the last loss window (at least a second and 50 packets of feedback), 0..1. */
    public double lossFraction() {
        return lossBased.lossFraction();
    }

    /**
     * Probing: given what the allocator would like to send ({@code desiredBps}), returns a probe cluster to send now
     * or null. The caller sends the cluster (padding or RTX) at its rate, stamping each packet with
     * {@code onPacketSent(..., cluster.id())}.
     */
    public ProbeCluster probeIfWanted(long nowNanos, long desiredBps) {
        if (!config.probingEnabled()) {
            return null;
        }
        ProbeCluster cluster = prober.probeIfWanted(nowNanos, desiredBps, targetBps, config.maxBps());
        if (cluster != null) {
            probeResults.register(cluster);
        }
        return cluster;
    }

    /** The delay-based estimate, bits per second. */
    public long delayBasedBps() {
        return delayBased.estimateBps();
    }

    /** The loss-based bound, or {@link LossBasedController#UNLIMITED}. */
    public long lossBasedBoundBps() {
        return lossBased.boundBps();
    }

    /** The acknowledged bitrate, or 0 while unknown. */
    public long acknowledgedBitrateBps() {
        return acknowledged.bitrateBps();
    }

    /** The over-use detector's last signal. */
    public BandwidthUsage usage() {
        return delayBased.usage();
    }

    /** The delay-based part, for tests. */
    DelayBasedEstimator delayBasedEstimator() {
        return delayBased;
    }

    /** The configuration. */
    public BweConfig config() {
        return config;
    }
}
