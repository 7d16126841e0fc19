package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link TransportCcFeedbackBuilder} to {@link TransportCcFeedback} round trips over random
 * arrival patterns: losses and loss bursts, reordering in time (negative deltas), deltas too
 * large for one feedback, 16-bit sequence wrap, and maximum sizes down to the 24-byte minimum.
 */
class TransportCcRoundTripPropertiesTest {
    private final TransportCcFeedback tcc = new TransportCcFeedback();
    private final byte[] out = new byte[2000];
    private final long[] arrivals = new long[65536];

    @Property(tries = 400)
    void builderOutputParsesBackToTheSameArrivals(@ForAll @IntRange(max = 0xFFFF) int firstSeq,
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 1, max = 8) Integer> seqSteps,
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = -40_000, max = 100_000) Integer> arrivalSteps,
            @ForAll @IntRange(min = 24, max = 1500) int maxBytes,
            @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long startMicros) {
        TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder(maxBytes);
        builder.reset(0x1234, 0x5678, 0);
        List<long[]> inFeedback = new ArrayList<>();
        int feedbacks = 0;
        int seq = firstSeq;
        long t = startMicros;
        int n = Math.min(seqSteps.size(), arrivalSteps.size());
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                int step = seqSteps.get(k);
                seq = (seq + (step == 8 ? 700 : step)) & 0xFFFF; // 8 stands for a long loss burst
            }
            int dt = arrivalSteps.get(k);
            t += dt > 99_000 ? 9_000_000 : dt; // sometimes a gap no delta can carry
            if (!builder.addReceived(seq, t)) {
                verify(builder, inFeedback, feedbacks++);
                builder.reset(0x1234, 0x5678, feedbacks);
                inFeedback.clear();
                assertThat(builder.addReceived(seq, t)).isTrue();
            }
            inFeedback.add(new long[] {seq, t});
        }
        verify(builder, inFeedback, feedbacks);
        Statistics.collect(feedbacks > 0 ? "split into several feedbacks" : "one feedback");
        Statistics.coverage(c -> c.check("split into several feedbacks").percentage(p -> p > 5));
    }

    private void verify(TransportCcFeedbackBuilder builder, List<long[]> packets, int feedbackCount) {
        int len = builder.write(out, 0);
        assertThat(len).isLessThanOrEqualTo(builder.maxPacketBytes());
        assertThat(tcc.wrap(out, 0, len)).isTrue();
        int base = (int) packets.get(0)[0];
        int last = (int) packets.get(packets.size() - 1)[0];
        assertThat(tcc.senderSsrc()).isEqualTo(0x1234);
        assertThat(tcc.mediaSsrc()).isEqualTo(0x5678);
        assertThat(tcc.feedbackPacketCount()).isEqualTo(feedbackCount & 0xFF);
        assertThat(tcc.baseSequenceNumber()).isEqualTo(base);
        assertThat(tcc.packetStatusCount()).isEqualTo(((last - base) & 0xFFFF) + 1);
        assertThat(tcc.receivedCount()).isEqualTo(packets.size());
        long refTime = Math.floorDiv(packets.get(0)[1], 64_000L);
        assertThat(tcc.referenceTime()).isEqualTo((int) (refTime << 40 >> 40));
        assertThat(tcc.decode(arrivals)).isEqualTo(tcc.packetStatusCount());
        for (long[] p : packets) {
            int index = ((int) p[0] - base) & 0xFFFF;
            long expected = (Math.floorDiv(p[1], 250L) - refTime * 256) * 250;
            assertThat(arrivals[index]).isEqualTo(expected);
        }
    }
}
