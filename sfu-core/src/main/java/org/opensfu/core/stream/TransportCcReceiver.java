package org.opensfu.core.stream;

import org.opensfu.core.rtcp.TransportCcFeedbackBuilder;
import org.opensfu.core.rtp.SequenceNumberUnwrapper;

/**
 * The receive side of transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc-extensions-01): records
 * the transport-wide sequence number and arrival time of every packet a transport receives (media, RTX and padding
 * probes alike), and writes transport-cc feedback packets covering everything since the previous feedback. This is
 * what lets a browser's send-side estimate grow, and it turn on its higher simulcast layers.
 *
 * <p>Confined to one thread; a fixed ring of {@value #WINDOW} packets, nothing allocated per packet.
 */
public final class TransportCcReceiver {
    /** Packets remembered; a sender far beyond this before feedback goes out is reported from the newest window. */
    static final int WINDOW = 2048;
    private static final int MASK = WINDOW - 1;

    private final long[] arrivalMicros = new long[WINDOW];
    private final long[] sequenceBySlot = new long[WINDOW];
    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    private boolean started;
    private long highestSequence;
    private long nextToReport;
    private int feedbackCount;

    public TransportCcReceiver() {
        java.util.Arrays.fill(sequenceBySlot, -1);
    }

    /** A packet arrived carrying transport-wide sequence number {@code sequenceNumber} (16 bits). */
    public void onPacket(int sequenceNumber, long arrivalNanos) {
        long sequence = unwrapper.unwrap(sequenceNumber & 0xFFFF);
        if (!started) {
            started = true;
            highestSequence = sequence;
            nextToReport = sequence;
        }
        if (sequence < nextToReport) {
            return; // already reported (as lost): too late
        }
        int slot = (int) (sequence & MASK);
        sequenceBySlot[slot] = sequence;
        arrivalMicros[slot] = arrivalNanos / 1000;
        if (sequence > highestSequence) {
            highestSequence = sequence;
        }
        if (highestSequence - nextToReport >= WINDOW) {
            nextToReport = highestSequence - WINDOW + 1;
        }
    }

    /** True when packets arrived since the last feedback. */
    public boolean hasPending() {
        return started && highestSequence >= nextToReport;
    }

    /**
     * Writes one feedback packet at {@code dst[off]} for the oldest unreported packets, and returns its length, or 0
     * when nothing is pending. Call again while it returns non-zero: a long gap may need several packets.
     */
    public int writeFeedback(byte[] dst, int off, int senderSsrc, int mediaSsrc) {
        if (!hasPending()) {
            return 0;
        }
        // feedbacks cover consecutive ranges: one may start with a lost packet, so the sender learns of that loss
        builder.reset(senderSsrc, mediaSsrc, feedbackCount++ & 0xFF);
        builder.setBaseSequenceNumber((int) (nextToReport & 0xFFFF));
        long sequence = nextToReport;
        for (; sequence <= highestSequence; sequence++) {
            int slot = (int) (sequence & MASK);
            if (sequenceBySlot[slot] == sequence
                    && !builder.addReceived((int) (sequence & 0xFFFF), arrivalMicros[slot])) {
                break; // full (size or delta range): the rest goes in the next packet
            }
        }
        nextToReport = sequence;
        return builder.write(dst, off);
    }
}
