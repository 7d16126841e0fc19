package org.opensfu.core.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opensfu.core.allocation.Allocation;
import org.opensfu.core.allocation.AllocationInput;
import org.opensfu.core.allocation.AllocatorConfig;
import org.opensfu.core.allocation.BandwidthAllocator;
import org.opensfu.core.allocation.Layer;
import org.opensfu.core.allocation.LayerInfo;
import org.opensfu.core.bwe.BweConfig;
import org.opensfu.core.bwe.ProbeCluster;
import org.opensfu.core.bwe.SendSideBandwidthEstimator;
import org.opensfu.core.rtcp.TransportCcFeedback;

/**
 * How much one subscriber gets, and of what: its send-side bandwidth estimate (transport-cc feedback on what we send
 * it, {@link SendSideBandwidthEstimator}) shared among its video consumers by a {@link BandwidthAllocator}, and the
 * probes that find out whether it could take more. Confined to the router's loop.
 *
 * <p>A subscriber that negotiated no transport-cc gives no feedback: it is treated as unlimited (its constraints still
 * apply). One that did starts at the estimator's initial rate: for a warm-up of {@value #WARMUP_MILLIS} ms after its
 * first feedback every track stays at its lowest layer while probes find the link's capacity, so that the first
 * allocation works from a real estimate instead of pausing tracks that a start-up guess could not fit.
 *
 * <p>Probes ask for somewhat more than the allocation would use at its best layers ({@link #PROBE_MARGIN}, on top of
 * the allocator's upgrade headroom): an estimate that merely equals the demand would never let the allocator
 * upgrade, since it upgrades only within a headroom below the estimate.
 */
final class SubscriberRateControl {
    /** What each audio stream is assumed to take (Opus at its usual 32-50 kbit/s, plus headers), bits per second. */
    static final long AUDIO_RESERVE_BPS = 50_000;
    /** Padding bytes per probe packet (the most RFC 3550 §5.1 padding can say). */
    static final int PROBE_PADDING_BYTES = 255;
    /** Probe packets go out in slices this long apart (on a fixed grid from the probe's start, so none drifts). */
    static final long PROBE_SLICE_NANOS = 2_000_000L;
    /** How long after the first feedback the layers stay lowest while the estimate ramps up. */
    static final long WARMUP_MILLIS = 1500;
    /** Above this loss fraction the loss-based bound holds the estimate down (GCC §6): no probing then. */
    static final double MAX_LOSS_TO_PROBE = 0.02;
    /** Probes go for this much more than the allocation wants (after its upgrade headroom). */
    static final double PROBE_MARGIN = 1.15;

    private final SendSideBandwidthEstimator estimator;
    private final BandwidthAllocator allocator;
    private boolean feedbackSeen;
    private long firstFeedbackNanos;
    private final double upgradeHeadroom;
    private volatile long estimateBps;
    private volatile long allocatedBps;
    private volatile long desiredBps;

    /** The probe cluster being sent, or null. */
    private ProbeCluster probe;
    private long probeStartNanos;
    private int probePacketsSent;
    private int probePacketsTotal;
    private long probeIntervalNanos;
    private long probesStarted;

    SubscriberRateControl(BweConfig bweConfig, AllocatorConfig allocatorConfig) {
        this.estimator = new SendSideBandwidthEstimator(bweConfig);
        this.allocator = new BandwidthAllocator(allocatorConfig);
        this.upgradeHeadroom = allocatorConfig.upHeadroom();
        this.estimateBps = bweConfig.initialBps();
    }

    void onPacketSent(int transportSequence, long sendNanos, int sizeBytes, int probeClusterId) {
        estimator.onPacketSent(transportSequence, sendNanos, sizeBytes, probeClusterId);
    }

    void onTransportFeedback(TransportCcFeedback feedback, long arrivalNanos) {
        if (!feedbackSeen) {
            feedbackSeen = true;
            firstFeedbackNanos = arrivalNanos;
        }
        estimator.onTransportFeedback(feedback, arrivalNanos);
        estimateBps = estimator.targetBitrateBps();
    }

    /** The current estimate in bits per second; any thread. */
    long estimateBps() {
        return estimateBps;
    }

    /** What the last allocation gave the subscriber's video, bits per second; any thread. */
    long allocatedBps() {
        return allocatedBps;
    }

    /** What the subscriber's video would take at its best allowed layers, bits per second; any thread. */
    long desiredBps() {
        return desiredBps;
    }

    long rttMillis() {
        return estimator.rttMillis();
    }

    /** The estimator, for statistics (read on the loop). */
    SendSideBandwidthEstimator estimator() {
        return estimator;
    }

    double lossFraction() {
        return estimator.lossFraction();
    }

    long probesStarted() {
        return probesStarted;
    }

    /**
     * Shares the estimate among the subscriber's video consumers and sets their target layers. Tracks with nothing
     * measured yet keep their target (the lowest layer, until the publisher's rates are known).
     *
     * @param layerInfos the layers of every producer, measured once per round for all subscribers
     * @param usesTransportCc whether the subscriber negotiated transport-cc (else there is no estimate)
     */
    void allocate(List<Consumer> consumers, Map<Producer, LayerInfo> layerInfos, boolean usesTransportCc,
                  long nowNanos) {
        List<AllocationInput> inputs = new ArrayList<>();
        long audioBps = 0;
        for (Consumer consumer : consumers) {
            if (consumer.isClosed()) {
                continue;
            }
            if (!consumer.isVideo()) {
                audioBps += AUDIO_RESERVE_BPS;
                continue;
            }
            LayerInfo info = layerInfos.computeIfAbsent(consumer.producer(), p -> p.layerInfo(nowNanos));
            inputs.add(new AllocationInput(consumer.producer().id(), info, consumer.effectiveConstraints(),
                    consumer.currentLayer()));
        }
        if (inputs.isEmpty()) {
            allocatedBps = 0;
            desiredBps = 0;
            return;
        }
        long videoDesiredBps;
        if (usesTransportCc && (!feedbackSeen || nowNanos - firstFeedbackNanos < WARMUP_MILLIS * 1_000_000L)) {
            videoDesiredBps = 0; // warming up: the lowest layers go on, the probes aim at the best ones
            for (AllocationInput input : inputs) {
                videoDesiredBps += highestBitrateBps(input.layers());
            }
            for (Consumer consumer : consumers) {
                if (consumer.isVideo() && !consumer.isClosed()) {
                    consumer.setTarget(consumer.effectiveConstraints().wantsVideo() ? Consumer.STARTING_LAYER
                            : Layer.NONE);
                }
            }
        } else {
            long available = usesTransportCc ? Math.max(0, estimateBps() - audioBps) : Long.MAX_VALUE / 4;
            Allocation allocation = allocator.allocate(available, inputs, nowNanos);
            allocatedBps = allocation.allocatedBps();
            videoDesiredBps = allocation.desiredBps();
            for (Consumer consumer : consumers) {
                if (!consumer.isVideo() || consumer.isClosed()) {
                    continue;
                }
                if (!consumer.effectiveConstraints().wantsVideo()) {
                    consumer.setTarget(Layer.NONE);
                } else if (highestBitrateBps(layerInfos.get(consumer.producer())) > 0) {
                    consumer.setTarget(allocation.target(consumer.producer().id()));
                } else if (consumer.targetLayer().isNone()) {
                    consumer.setTarget(Consumer.STARTING_LAYER); // nothing measured yet: start low
                }
            }
        }
        desiredBps = videoDesiredBps;
        if (usesTransportCc && feedbackSeen && probe == null
                && estimator.lossFraction() <= MAX_LOSS_TO_PROBE) { // loss bounds the estimate: probes cannot lift it
            long probeForBps = (long) (videoDesiredBps / (1 - upgradeHeadroom) * PROBE_MARGIN) + audioBps;
            ProbeCluster cluster = estimator.probeIfWanted(nowNanos, probeForBps);
            if (cluster != null) {
                startProbe(cluster, nowNanos);
            }
        }
    }

    /** The bitrate of the best layer measured (0 when nothing is), bits per second. */
    private static long highestBitrateBps(LayerInfo info) {
        long highest = 0;
        if (info != null) {
            for (int s = 0; s < info.spatialLayers(); s++) {
                for (int t = 0; t < info.temporalLayers(s); t++) {
                    highest = Math.max(highest, info.bitrateBps(s, t));
                }
            }
        }
        return highest;
    }

    private void startProbe(ProbeCluster cluster, long nowNanos) {
        int packetBytes = PROBE_PADDING_BYTES + Consumer.PADDING_HEADER_BYTES + Consumer.SRTP_OVERHEAD_BYTES;
        probe = cluster;
        probeStartNanos = nowNanos;
        probePacketsSent = 0;
        probePacketsTotal = cluster.packetCount(packetBytes);
        probeIntervalNanos = cluster.packetIntervalNanos(packetBytes);
        probesStarted++;
    }

    boolean probing() {
        return probe != null;
    }

    /** How long until the next probe slice is due on the probe's grid. */
    long nanosToNextProbeSlice(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - probeStartNanos);
        return PROBE_SLICE_NANOS - elapsed % PROBE_SLICE_NANOS;
    }

    /**
     * Sends the probe packets due by now on a consumer that can carry them; returns true while the probe goes on
     * (call again after {@link #PROBE_SLICE_NANOS}).
     */
    boolean sendProbeSlice(List<Consumer> consumers, ForwardingScratch scratch, long nowNanos) {
        if (probe == null) {
            return false;
        }
        Consumer carrier = null;
        for (Consumer consumer : consumers) {
            if (consumer.canProbe()) {
                carrier = consumer;
                break;
            }
        }
        if (carrier == null) {
            probe = null; // nothing to send padding on: the cluster fails, the estimator backs off
            return false;
        }
        long due = Math.min(probePacketsTotal, (nowNanos - probeStartNanos) / probeIntervalNanos + 1);
        while (probePacketsSent < due) {
            if (carrier.sendPadding(PROBE_PADDING_BYTES, probe.id(), scratch, nowNanos) == 0) {
                probe = null;
                return false;
            }
            probePacketsSent++;
        }
        if (probePacketsSent >= probePacketsTotal) {
            probe = null;
            return false;
        }
        return true;
    }
}
