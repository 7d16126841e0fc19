package org.opensfu.core.bwe;

import org.opensfu.core.rtcp.TransportCcFeedback;

/**
 * Matches a transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1) against the
 * {@link SentPacketHistory} and produces the per-packet results the estimators consume: send time, arrival time or
 * lost, size and probe cluster of every packet the feedback newly reports.
 *
 * <p>Arrival times are put on one continuous nanosecond timeline of the receiver's clock: the 24-bit reference time
 * (64 ms units) is unwrapped, and a reference time that jumps by more than a minute from the previous feedback is
 * not believed: the timeline then advances by the time between the two feedbacks on our clock instead. Only
 * differences of arrival times matter to the estimators, so the receiver's clock offset does not.
 *
 * <p>Feedback sequence numbers are unwrapped relative to the newest packet sent; packets not in the history (never
 * sent, or too old) are skipped. A packet reported received twice is reported once; one reported lost and then
 * received is reported again as received (and counted in {@link PacketResults#lateCount()}). No allocation.
 */
public final class TransportFeedbackAdapter {
    /** Largest believable jump of the reference time between two feedbacks. */
    static final long MAX_REFERENCE_JUMP_NANOS = 60_000_000_000L;
    private static final long REFERENCE_UNIT_NANOS = TransportCcFeedback.REFERENCE_TIME_UNIT_MICROS * 1000;

    private final SentPacketHistory history;
    private final PacketResults results;
    private final SequenceUnwrapper referenceUnwrapper = new SequenceUnwrapper(24);
    private boolean anchored;
    private long lastReference;
    private long lastBaseNanos;
    private long lastFeedbackArrivalNanos;
    private boolean hasNewestReceived;
    private long newestReceivedSendNanos;

    public TransportFeedbackAdapter(SentPacketHistory history) {
        this.history = history;
        this.results = new PacketResults(history.capacity());
    }

    /**
     * Reads {@code feedback} (a wrapped view), which arrived at {@code feedbackArrivalNanos} on our clock, and returns
     * the packets it newly reports (the same reused object every time).
     */
    public PacketResults process(TransportCcFeedback feedback, long feedbackArrivalNanos) {
        results.clear();
        hasNewestReceived = false;
        long baseNanos = receiverBaseNanos(feedback.referenceTime() & 0xFFFFFF, feedbackArrivalNanos);
        if (history.isEmpty()) {
            return results;
        }
        long firstSeq = history.unwrapFeedbackSequence(feedback.baseSequenceNumber());
        long newestSent = history.newestSequence();
        long oldestHeld = newestSent - history.capacity() + 1;
        feedback.rewind();
        while (feedback.nextPacket()) {
            long seq = firstSeq + feedback.packetIndex();
            if (seq > newestSent) {
                break;
            }
            int slot = seq < oldestHeld ? -1 : history.slotOf(seq);
            if (slot < 0) {
                continue;
            }
            byte state = history.state(slot);
            if (feedback.packetReceived()) {
                if (state == SentPacketHistory.RECEIVED) {
                    continue;
                }
                if (state == SentPacketHistory.REPORTED_LOST) {
                    results.lateCount++;
                }
                history.setState(slot, SentPacketHistory.RECEIVED);
                long arrival = baseNanos + feedback.packetArrivalMicros() * 1000;
                results.add(seq, history.sendNanos(slot), arrival, history.sizeBytes(slot), history.probeId(slot));
                hasNewestReceived = true;
                newestReceivedSendNanos = history.sendNanos(slot);
            } else if (state == SentPacketHistory.UNREPORTED) {
                history.setState(slot, SentPacketHistory.REPORTED_LOST);
                results.add(seq, history.sendNanos(slot), PacketResults.LOST, history.sizeBytes(slot),
                        history.probeId(slot));
            }
        }
        return results;
    }

    /** True if the last processed feedback newly reported a packet received. */
    public boolean hasNewestReceived() {
        return hasNewestReceived;
    }

    /** Send time of the highest-numbered packet the last feedback newly reported received. */
    public long newestReceivedSendNanos() {
        return newestReceivedSendNanos;
    }

    /** The reference time of this feedback on the continuous receiver timeline, in nanoseconds. */
    private long receiverBaseNanos(int referenceTime, long feedbackArrivalNanos) {
        long reference = referenceUnwrapper.unwrap(referenceTime);
        long base;
        if (!anchored) {
            anchored = true;
            base = reference * REFERENCE_UNIT_NANOS;
        } else {
            long step = (reference - lastReference) * REFERENCE_UNIT_NANOS;
            if (Math.abs(step) > MAX_REFERENCE_JUMP_NANOS) {
                step = Math.clamp(feedbackArrivalNanos - lastFeedbackArrivalNanos, 0, MAX_REFERENCE_JUMP_NANOS);
            }
            base = lastBaseNanos + step;
        }
        lastReference = reference;
        lastBaseNanos = base;
        lastFeedbackArrivalNanos = feedbackArrivalNanos;
        return base;
    }
}
