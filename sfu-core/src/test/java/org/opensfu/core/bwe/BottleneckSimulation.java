package org.opensfu.core.bwe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.opensfu.core.rtcp.TransportCcFeedback;
import org.opensfu.core.rtcp.TransportCcFeedbackBuilder;

/**
 * A closed loop in virtual time: a video-like sender paced by a {@link SendSideBandwidthEstimator}, a bottleneck link
 * (FIFO drained at a capacity that may change over time, tail drop past a queue limit, random loss, one-way
 * propagation delay), a receiver that sends real transport-cc feedback every 50 ms, and the return path.
 *
 * <p>Sender: an encoder produces a frame every 1/30 s of {@code min(target, demand) / 30} bits, cut into packets of at
 * most 1200 bytes; a pacer sends them at 2.5x the target. When the estimator asks for a probe cluster, the pacer
 * sends the cluster's padding packets (1200 bytes) at the cluster's rate first, then goes on with media. Every packet
 * gets the next 16-bit transport-wide sequence number (starting near the wrap).
 */
final class BottleneckSimulation {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final int PACKET_BYTES = 1200;
    static final double PACING_FACTOR = 2.5;
    static final long FRAME_INTERVAL_NANOS = SECOND / 30;
    static final long FEEDBACK_INTERVAL_NANOS = 50 * MS;
    static final long RECEIVER_CLOCK_OFFSET_NANOS = 987_654_321_987L;

    /** One sample of the run. */
    record Sample(long timeNanos, long capacityBps, long targetBps, long delayBasedBps, long lossBoundBps,
            long rttMillis, double lossFraction, long queueMillis) {
    }

    private final SendSideBandwidthEstimator estimator;
    private final LongUnaryOperator capacityAt;
    private final long demandBps;
    private final long forwardDelayNanos;
    private final long returnDelayNanos;
    private final long queueLimitNanos;
    private final double randomLoss;
    private final SplittableRandom random;

    // sender
    private int nextSeq = 65_000;
    private final ArrayDeque<Integer> pacerQueue = new ArrayDeque<>();
    private long pacerQueueBytes;
    private long nextFrameNanos;
    private long nextPacerNanos;
    private ProbeCluster probe;
    private int probePacketsLeft;
    private long nextProbeNanos;
    private long sentPackets;
    private long probeClusters;

    // link and receiver
    private long linkFreeNanos;
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // {seq, arrivalNanos}
    private long droppedByQueue;
    private long droppedAtRandom;
    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
    private boolean hasNextExpected;
    private int nextExpectedSeq;
    private int feedbackCount;
    private long nextFeedbackNanos = FEEDBACK_INTERVAL_NANOS;
    private final ArrayDeque<Object[]> feedbackInFlight = new ArrayDeque<>(); // {deliveryNanos, bytes}
    private final TransportCcFeedback view = new TransportCcFeedback();
    private final byte[] out = new byte[2000];

    private final List<Sample> samples = new ArrayList<>();


    BottleneckSimulation(SendSideBandwidthEstimator estimator, LongUnaryOperator capacityAt, long demandBps,
            long oneWayDelayNanos, long queueLimitNanos, double randomLoss, long seed) {
        this.estimator = estimator;
        this.capacityAt = capacityAt;
        this.demandBps = demandBps;
        this.forwardDelayNanos = oneWayDelayNanos;
        this.returnDelayNanos = oneWayDelayNanos;
        this.queueLimitNanos = queueLimitNanos;
        this.randomLoss = randomLoss;
        this.random = new SplittableRandom(seed);
    }

    /** Runs until {@code endNanos}, sampling every {@code sampleNanos}. */
    List<Sample> run(long endNanos, long sampleNanos) {
        long nextSample = 0;
        for (long t = 0; t <= endNanos; t += MS) {
            deliverFeedback(t);
            encode(t);
            if (probe == null) {
                ProbeCluster cluster = estimator.probeIfWanted(t, demandBps);
                if (cluster != null) {
                    probe = cluster;
                    probeClusters++;
                    probePacketsLeft = cluster.packetCount(PACKET_BYTES);
                    nextProbeNanos = Math.max(t, nextPacerNanos);
                }
            }
            pace(t);
            if (t >= nextFeedbackNanos) {
                sendFeedback(nextFeedbackNanos);
                nextFeedbackNanos += FEEDBACK_INTERVAL_NANOS;
            }
            if (t >= nextSample) {
                samples.add(new Sample(t, capacityAt.applyAsLong(t), estimator.targetBitrateBps(),
                        estimator.delayBasedBps(), estimator.lossBasedBoundBps(), estimator.rttMillis(),
                        estimator.lossFraction(), Math.max(0, linkFreeNanos - t) / MS));
                nextSample += sampleNanos;
            }
        }
        return samples;
    }

    private void encode(long t) {
        while (nextFrameNanos <= t) {
            long rate = Math.min(estimator.targetBitrateBps(), demandBps);
            long frameBytes = rate * FRAME_INTERVAL_NANOS / SECOND / 8;
            if (pacerQueueBytes < rate / 8 / 2) { // an encoder skips frames while half a second is queued
                while (frameBytes > 0) {
                    int size = (int) Math.min(PACKET_BYTES, frameBytes);
                    pacerQueue.add(size);
                    pacerQueueBytes += size;
                    frameBytes -= size;
                }
            }
            nextFrameNanos += FRAME_INTERVAL_NANOS;
        }
    }

    private void pace(long t) {
        while (true) {
            if (probe != null) {
                if (nextProbeNanos > t) {
                    return;
                }
                send(nextProbeNanos, PACKET_BYTES, probe.id());
                nextProbeNanos += probe.packetIntervalNanos(PACKET_BYTES);
                if (--probePacketsLeft == 0) {
                    nextPacerNanos = nextProbeNanos;
                    probe = null;
                }
                continue;
            }
            if (pacerQueue.isEmpty()) {
                nextPacerNanos = Math.max(nextPacerNanos, t);
                return;
            }
            if (nextPacerNanos > t) {
                return;
            }
            int size = pacerQueue.poll();
            pacerQueueBytes -= size;
            send(nextPacerNanos, size, -1);
            double pacingBps = PACING_FACTOR * estimator.targetBitrateBps();
            nextPacerNanos += (long) (size * 8 * 1e9 / pacingBps);
        }
    }

    private void send(long sendNanos, int size, int probeId) {
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFFFF;
        sentPackets++;
        estimator.onPacketSent(seq, sendNanos, size, probeId);
        if (randomLoss > 0 && random.nextDouble() < randomLoss) {
            droppedAtRandom++;
            return;
        }
        long start = Math.max(linkFreeNanos, sendNanos);
        if (start - sendNanos > queueLimitNanos) {
            droppedByQueue++;
            return;
        }
        long capacity = capacityAt.applyAsLong(start);
        linkFreeNanos = start + size * 8L * SECOND / capacity;
        inFlight.add(new long[] {seq, linkFreeNanos + forwardDelayNanos});
    }

    private void sendFeedback(long receiverNanos) {
        builder.reset(0x1111, 0x2222, feedbackCount);
        boolean any = false;
        while (!inFlight.isEmpty() && inFlight.peek()[1] <= receiverNanos) {
            long[] p = inFlight.poll();
            int seq = (int) p[0];
            long arrivalMicros = (p[1] + RECEIVER_CLOCK_OFFSET_NANOS) / 1000;
            if (!any) {
                builder.setBaseSequenceNumber(hasNextExpected ? nextExpectedSeq : seq);
            }
            if (!builder.addReceived(seq, arrivalMicros)) {
                emit(receiverNanos);
                builder.reset(0x1111, 0x2222, feedbackCount);
                builder.setBaseSequenceNumber(seq);
                if (!builder.addReceived(seq, arrivalMicros)) {
                    throw new IllegalStateException("a single packet does not fit");
                }
            }
            any = true;
            hasNextExpected = true;
            nextExpectedSeq = (seq + 1) & 0xFFFF;
        }
        if (any) {
            emit(receiverNanos);
        }
    }

    private void emit(long receiverNanos) {
        int len = builder.write(out, 0);
        feedbackCount++;
        feedbackInFlight.add(new Object[] {receiverNanos + returnDelayNanos, java.util.Arrays.copyOf(out, len)});
    }

    private void deliverFeedback(long t) {
        while (!feedbackInFlight.isEmpty() && (long) feedbackInFlight.peek()[0] <= t) {
            Object[] f = feedbackInFlight.poll();
            byte[] bytes = (byte[]) f[1];
            if (!view.wrap(bytes, 0, bytes.length)) {
                throw new IllegalStateException("builder wrote malformed feedback");
            }
            estimator.onTransportFeedback(view, (long) f[0]);
        }
    }

    long sentPackets() {
        return sentPackets;
    }

    long probeClusters() {
        return probeClusters;
    }

    long droppedByQueue() {
        return droppedByQueue;
    }

    long droppedAtRandom() {
        return droppedAtRandom;
    }

    /** A compact table of the samples every {@code everyNanos}. */
    static String table(List<Sample> samples, long everyNanos) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%6s %9s %9s %9s %9s %5s %6s %6s%n", "t(s)", "cap(kbps)", "est(kbps)", "delay",
                "lossBnd", "rtt", "loss%", "queue"));
        long next = 0;
        for (Sample s : samples) {
            if (s.timeNanos() < next) {
                continue;
            }
            next = s.timeNanos() + everyNanos;
            sb.append(String.format("%6.1f %9d %9d %9d %9s %5d %6.1f %6d%n", s.timeNanos() / 1e9,
                    s.capacityBps() / 1000, s.targetBps() / 1000, s.delayBasedBps() / 1000,
                    s.lossBoundBps() == LossBasedController.UNLIMITED ? "-" : String.valueOf(s.lossBoundBps() / 1000),
                    s.rttMillis(), 100 * s.lossFraction(), s.queueMillis()));
        }
        return sb.toString();
    }
}
