package org.opensfu.loadgen.measure;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What every simulated participant of a run counts, summed: the receivers' view of the forwarded media (packets,
 * loss after repair, transit time), their feedback, and the publishers' sending. Written by many media loops
 * (striped adders, HdrHistogram {@link Recorder}s), read by the sampler as {@link ClientSnapshot}s.
 */
public final class ClientMetrics {
    /** Transit times are recorded in microseconds, up to 60 s, 3 significant digits. */
    private static final long MAX_TRANSIT_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final long MAX_JOIN_MICROS = TimeUnit.SECONDS.toMicros(120);

    // receivers
    public final LongAdder mediaPacketsReceived = new LongAdder();
    public final LongAdder audioPacketsReceived = new LongAdder();
    public final LongAdder mediaBytesReceived = new LongAdder();
    public final LongAdder retransmissionsReceived = new LongAdder();
    public final LongAdder paddingReceived = new LongAdder();
    public final LongAdder packetsExpected = new LongAdder();
    public final LongAdder packetsLost = new LongAdder();
    public final LongAdder duplicates = new LongAdder();
    public final LongAdder unknownSsrc = new LongAdder();
    public final LongAdder keyframesReceived = new LongAdder();
    public final LongAdder nacksSent = new LongAdder();
    public final LongAdder plisSent = new LongAdder();
    public final LongAdder feedbackPacketsSent = new LongAdder();
    // publishers
    public final LongAdder mediaPacketsSent = new LongAdder();
    public final LongAdder retransmissionsSent = new LongAdder();
    public final LongAdder keyframeRequestsReceived = new LongAdder();
    public final LongAdder nacksReceived = new LongAdder();
    public final LongAdder transportFeedbackReceived = new LongAdder();
    // signaling
    public final LongAdder joins = new LongAdder();
    public final LongAdder joinFailures = new LongAdder();

    private final Recorder transitMicros = new Recorder(MAX_TRANSIT_MICROS, 3);
    private final Recorder joinMicros = new Recorder(MAX_JOIN_MICROS, 3);

    /** A receiver got an original media packet that spent {@code transitNanos} between the sender and itself. */
    public void recordTransit(long transitNanos) {
        transitMicros.recordValue(Math.min(MAX_TRANSIT_MICROS, Math.max(0, transitNanos / 1_000)));
    }

    /** A participant's media connection was up {@code joinNanos} after it opened its signaling connection. */
    public void recordJoin(long joinNanos) {
        joinMicros.recordValue(Math.min(MAX_JOIN_MICROS, Math.max(0, joinNanos / 1_000)));
        joins.increment();
    }

    /** The transit times recorded since the previous call (the caller owns the returned histogram). */
    public Histogram takeTransitInterval() {
        return transitMicros.getIntervalHistogram();
    }

    /** The join times recorded since the previous call. */
    public Histogram takeJoinInterval() {
        return joinMicros.getIntervalHistogram();
    }

    public ClientSnapshot snapshot(long nowNanos) {
        return new ClientSnapshot(nowNanos, mediaPacketsReceived.sum(), audioPacketsReceived.sum(),
                mediaBytesReceived.sum(), retransmissionsReceived.sum(), paddingReceived.sum(), packetsExpected.sum(),
                packetsLost.sum(), duplicates.sum(), unknownSsrc.sum(), keyframesReceived.sum(), nacksSent.sum(),
                plisSent.sum(), mediaPacketsSent.sum(), retransmissionsSent.sum(), keyframeRequestsReceived.sum(),
                nacksReceived.sum(), joins.sum(), joinFailures.sum());
    }
}
