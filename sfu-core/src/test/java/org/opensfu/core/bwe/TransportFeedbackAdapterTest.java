package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opensfu.core.rtcp.TransportCcFeedback;
import org.opensfu.core.rtcp.TransportCcFeedbackBuilder;

class TransportFeedbackAdapterTest {
    private static final long MS = 1_000_000;

    private final SentPacketHistory history = new SentPacketHistory(256);
    private final TransportFeedbackAdapter adapter = new TransportFeedbackAdapter(history);
    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
    private final TransportCcFeedback view = new TransportCcFeedback();
    private final byte[] out = new byte[1500];

    private TransportCcFeedback feedback(int baseSeq, int[] seqs, long[] arrivalMicros) {
        builder.reset(1, 2, 0);
        builder.setBaseSequenceNumber(baseSeq);
        for (int i = 0; i < seqs.length; i++) {
            assertThat(builder.addReceived(seqs[i], arrivalMicros[i])).isTrue();
        }
        int len = builder.write(out, 0);
        assertThat(view.wrap(out, 0, len)).isTrue();
        return view;
    }

    @Test
    void reportsSendAndArrivalTimesAndLosses() {
        for (int seq = 10; seq < 16; seq++) {
            history.add(seq, seq * 10 * MS, 1000 + seq, seq == 12 ? 4 : -1);
        }
        // 13 lost; arrivals 40 ms after sending, on a receiver clock 5 s ahead
        int[] seqs = {10, 11, 12, 14, 15};
        long[] arrivals = new long[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            arrivals[i] = 5_000_000 + seqs[i] * 10_000 + 40_000;
        }
        PacketResults r = adapter.process(feedback(10, seqs, arrivals), 200 * MS);

        assertThat(r.count()).isEqualTo(6);
        assertThat(r.receivedCount()).isEqualTo(5);
        assertThat(r.lostCount()).isEqualTo(1);
        assertThat(r.lateCount()).isZero();
        for (int i = 0; i < 6; i++) {
            assertThat(r.sequence(i)).isEqualTo(10 + i);
            assertThat(r.sendNanos(i)).isEqualTo((10 + i) * 10 * MS);
            assertThat(r.sizeBytes(i)).isEqualTo(1010 + i);
            assertThat(r.received(i)).isEqualTo(i != 3);
        }
        assertThat(r.probeId(2)).isEqualTo(4);
        assertThat(r.probeId(0)).isEqualTo(SentPacketHistory.NO_PROBE);
        assertThat(r.arrivalNanos(3)).isEqualTo(PacketResults.LOST);
        // one-way delay differences survive (the receiver's offset does not matter)
        long owd0 = r.arrivalNanos(0) - r.sendNanos(0);
        for (int i : new int[] {1, 2, 4, 5}) {
            assertThat(r.arrivalNanos(i) - r.sendNanos(i)).isEqualTo(owd0);
        }
        assertThat(adapter.hasNewestReceived()).isTrue();
        assertThat(adapter.newestReceivedSendNanos()).isEqualTo(150 * MS);
    }

    @Test
    void reportsEachPacketOnceAndLateArrivalsAgain() {
        for (int seq = 0; seq < 4; seq++) {
            history.add(seq, seq * MS, 1200, -1);
        }
        PacketResults r = adapter.process(feedback(0, new int[] {0, 1, 3}, new long[] {1000, 2000, 4000}), MS);
        assertThat(r.receivedCount()).isEqualTo(3);
        assertThat(r.lostCount()).isEqualTo(1);

        r = adapter.process(feedback(0, new int[] {0, 1, 3}, new long[] {1000, 2000, 4000}), 2 * MS);
        assertThat(r.count()).isZero();
        assertThat(adapter.hasNewestReceived()).isFalse();

        r = adapter.process(feedback(2, new int[] {2}, new long[] {3000}), 3 * MS);
        assertThat(r.count()).isEqualTo(1);
        assertThat(r.receivedCount()).isEqualTo(1);
        assertThat(r.lateCount()).isEqualTo(1);
        assertThat(r.sequence(0)).isEqualTo(2);
    }

    @Test
    void matchesAcrossTheSequenceWrapAndSkipsUnknownPackets() {
        for (int i = 0; i < 6; i++) {
            history.add((65533 + i) & 0xFFFF, i * MS, 500, -1);
        }
        // 65533..65535, 0..2 sent; feedback covers 65535..4 (3 and 4 never sent)
        int[] seqs = {65535, 0, 2, 4};
        PacketResults r = adapter.process(feedback(65535, seqs, new long[] {100, 200, 300, 400}), 10 * MS);
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.sequence(0)).isEqualTo(65535);
        assertThat(r.sequence(1)).isEqualTo(65536);
        assertThat(r.received(2)).isFalse();
        assertThat(r.sequence(3)).isEqualTo(65538);
    }

    @Test
    void ignoresFeedbackBeforeAnythingWasSent() {
        PacketResults r = adapter.process(feedback(0, new int[] {0}, new long[] {0}), 0);
        assertThat(r.count()).isZero();
    }

    @Test
    void keepsArrivalTimesContinuousAcrossReferenceTimeWraps() {
        history.add(0, 0, 100, -1);
        history.add(1, 10 * MS, 100, -1);
        long wrapMicros = (1L << 24) * TransportCcFeedback.REFERENCE_TIME_UNIT_MICROS;
        PacketResults r = adapter.process(feedback(0, new int[] {0}, new long[] {wrapMicros - 5_000}), 50 * MS);
        long first = r.arrivalNanos(0);
        r = adapter.process(feedback(1, new int[] {1}, new long[] {wrapMicros + 5_000}), 60 * MS);
        assertThat(r.arrivalNanos(0) - first).isEqualTo(10 * MS);
    }

    @Test
    void distrustsAbsurdReferenceTimeJumps() {
        history.add(0, 0, 100, -1);
        history.add(1, 10 * MS, 100, -1);
        PacketResults r = adapter.process(feedback(0, new int[] {0}, new long[] {64_000}), 50 * MS);
        long first = r.arrivalNanos(0);
        // the receiver's clock claims ten minutes passed; we saw 70 ms pass between the two feedbacks
        r = adapter.process(feedback(1, new int[] {1}, new long[] {64_000 + 600_000_000}), 120 * MS);
        assertThat(r.arrivalNanos(0) - first).isEqualTo(70 * MS);
    }
}
