package org.opensfu.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensfu.core.rtcp.TransportCcFeedback;

class TransportCcReceiverTest {
    private static final long MS = 1_000_000L;

    @Test
    void reportsEveryPacketOnceWithLossesAndArrivalTimesAcrossTheSequenceWrap() {
        TransportCcReceiver receiver = new TransportCcReceiver();
        List<long[]> reported = new ArrayList<>();
        long t = 1_000 * MS;
        int sent = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 30; i++) {
                int seq = (65_000 + sent) & 0xFFFF;
                if (sent % 17 != 5) { // every 17th is lost
                    receiver.onPacket(seq, t);
                }
                sent++;
                t += 2 * MS;
            }
            reported.addAll(drain(receiver));
        }
        assertThat(reported.stream().filter(r -> r[1] != TransportCcFeedback.NOT_RECEIVED)).hasSize(sent - 35);
        // the sequence numbers are consecutive (16-bit) from the first to the last
        for (int i = 1; i < reported.size(); i++) {
            assertThat(reported.get(i)[0]).isEqualTo((reported.get(i - 1)[0] + 1) & 0xFFFF);
        }
        // arrival deltas are the 2 ms spacing, within the 250 µs resolution
        long previous = -1;
        for (long[] r : reported) {
            if (r[1] != TransportCcFeedback.NOT_RECEIVED) {
                if (previous >= 0) {
                    assertThat(r[1] - previous).isBetween(1_750L, 6_250L);
                }
                previous = r[1];
            }
        }
        assertThat(receiver.hasPending()).isFalse();
    }

    @Test
    void ignoresPacketsAlreadyReportedAndSurvivesAHugeJump() {
        TransportCcReceiver receiver = new TransportCcReceiver();
        receiver.onPacket(10, 0);
        receiver.onPacket(11, MS);
        assertThat(drain(receiver)).hasSize(2);
        receiver.onPacket(9, 2 * MS); // late: already behind the last feedback
        assertThat(receiver.hasPending()).isFalse();
        receiver.onPacket(30_000, 3 * MS); // a jump far ahead
        List<long[]> after = drain(receiver);
        assertThat(after).isNotEmpty();
        assertThat(after.get(after.size() - 1)[0]).isEqualTo(30_000);
    }

    /** Writes feedback until nothing is pending; returns (seq, arrival µs or NOT_RECEIVED) for every reported packet. */
    private static List<long[]> drain(TransportCcReceiver receiver) {
        List<long[]> out = new ArrayList<>();
        byte[] buf = new byte[1500];
        int length;
        while ((length = receiver.writeFeedback(buf, 0, 1, 2)) > 0) {
            TransportCcFeedback feedback = new TransportCcFeedback();
            assertThat(feedback.wrap(buf, 0, length)).isTrue();
            while (feedback.nextPacket()) {
                out.add(new long[] {feedback.packetSequenceNumber(),
                    feedback.packetReceived() ? feedback.referenceTimeMicros() + feedback.packetArrivalMicros()
                        : TransportCcFeedback.NOT_RECEIVED});
            }
        }
        return out;
    }
}
