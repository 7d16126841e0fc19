package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensfu.core.rtcp.TransportCcFeedback;
import org.opensfu.core.rtcp.TransportCcFeedbackBuilder;
import org.opensfu.core.time.ManualClock;

class SendSideBandwidthEstimatorTest {
    private static final long MS = 1_000_000;

    private final ManualClock clock = new ManualClock();
    private final SendSideBandwidthEstimator bwe = new SendSideBandwidthEstimator(BweConfig.of(300_000, 50_000,
            5_000_000));
    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
    private final TransportCcFeedback view = new TransportCcFeedback();
    private final byte[] out = new byte[1500];
    private final List<long[]> pending = new ArrayList<>(); // {seq, receiver arrival micros}
    private int nextSeq = 65_500;
    private int feedbacks;
    private int nextExpected = -1;

    /** Sends a packet now; it reaches the receiver {@code owdMillis} later unless lost. */
    private void send(int size, int probeId, long owdMillis, boolean lost) {
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFFFF;
        bwe.onPacketSent(seq, clock.nowNanos(), size, probeId);
        if (!lost) {
            pending.add(new long[] {seq, (clock.nowNanos() + owdMillis * MS) / 1000 + 3_000_000_000L});
        }
    }

    /** The receiver reports everything since its last feedback; the feedback arrives now. */
    private void feedback() {
        if (pending.isEmpty()) {
            return;
        }
        builder.reset(1, 2, feedbacks++);
        if (nextExpected >= 0) {
            builder.setBaseSequenceNumber(nextExpected); // so that losses just before this feedback are reported
        }
        for (long[] p : pending) {
            nextExpected = (int) (p[0] + 1) & 0xFFFF;
            assertThat(builder.addReceived((int) p[0], p[1])).isTrue();
        }
        pending.clear();
        int len = builder.write(out, 0);
        assertThat(view.wrap(out, 0, len)).isTrue();
        bwe.onTransportFeedback(view, clock.nowNanos());
    }

    @Test
    void startsAtTheInitialEstimate() {
        assertThat(bwe.targetBitrateBps()).isEqualTo(300_000);
        assertThat(bwe.rttMillis()).isZero();
        assertThat(bwe.lossFraction()).isZero();
        assertThat(bwe.acknowledgedBitrateBps()).isZero();
        assertThat(bwe.lossBasedBoundBps()).isEqualTo(LossBasedController.UNLIMITED);
    }

    @Test
    void measuresTheRoundTripFromTheNewestAcknowledgedPacket() {
        send(1200, -1, 25, false);
        clock.advanceMillis(10);
        send(1200, -1, 25, false);
        clock.advanceMillis(60); // feedback leaves the receiver 35 ms after the packet arrived, 25 ms back
        feedback();
        assertThat(bwe.rttMillis()).isEqualTo(60);
    }

    @Test
    void reportsTheLossFractionOfTheLastWindow() {
        for (int i = 0; i < 60; i++) { // 2.4 s, a packet every 10 ms, every tenth lost
            for (int k = 0; k < 4; k++) {
                send(1000, -1, 20, (i * 4 + k) % 10 == 3);
                clock.advanceMillis(10);
            }
            feedback();
        }
        assertThat(bwe.lossFraction()).isCloseTo(0.1, within(0.01));
    }

    @Test
    void growsWhileThePathKeepsUp() {
        long t0 = clock.nowNanos();
        while (clock.nowNanos() - t0 < 5_000 * MS) { // 1 Mbps with a constant delay
            for (int k = 0; k < 5; k++) {
                send(1250, -1, 20, false);
                clock.advanceMillis(10);
            }
            feedback();
        }
        assertThat(bwe.usage()).isEqualTo(BandwidthUsage.NORMAL);
        assertThat(bwe.targetBitrateBps()).isGreaterThan(400_000);
    }

    @Test
    void aProbeClusterThatGetsThroughRaisesTheEstimate() {
        ProbeCluster cluster = bwe.probeIfWanted(clock.nowNanos(), 2_000_000);
        assertThat(cluster).isNotNull();
        assertThat(cluster.bitrateBps()).isEqualTo(600_000);
        assertThat(bwe.probeIfWanted(clock.nowNanos(), 2_000_000)).isNull();
        int packets = cluster.packetCount(1000);
        long interval = cluster.packetIntervalNanos(1000);
        for (int i = 0; i < packets; i++) {
            send(1000, cluster.id(), 20, false);
            clock.advance(interval, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        clock.advanceMillis(30);
        feedback();
        assertThat(bwe.targetBitrateBps()).isCloseTo(600_000L, within(10_000L));
        ProbeCluster next = bwe.probeIfWanted(clock.nowNanos(), 2_000_000); // success: the next one at once
        assertThat(next).isNotNull();
        assertThat(next.id()).isEqualTo(cluster.id() + 1);
        assertThat(next.bitrateBps()).isGreaterThan(1_150_000);
    }

    @Test
    void sendingAndFeedbackAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int firstSeq = nextSeq;
        byte[][] feedbacks = new byte[400][];
        for (int i = 0; i < feedbacks.length; i++) { // 5 packets each, arriving 20 ms after they were sent
            builder.reset(1, 2, i);
            for (int k = 0; k < 5; k++) {
                int n = i * 5 + k;
                builder.addReceived((firstSeq + n) & 0xFFFF, n * 10_000L + 20_000);
            }
            feedbacks[i] = java.util.Arrays.copyOf(out, builder.write(out, 0));
        }
        long allocated = 0;
        int matched = 0;
        for (int i = 0; i < feedbacks.length; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < 5; k++) {
                int n = i * 5 + k;
                bwe.onPacketSent((firstSeq + n) & 0xFFFF, n * 10 * MS, 1200, -1);
            }
            view.wrap(feedbacks[i], 0, feedbacks[i].length);
            bwe.onTransportFeedback(view, i * 50 * MS + 80 * MS);
            long after = threads.getCurrentThreadAllocatedBytes();
            if (i >= feedbacks.length / 2) { // the first half warms up
                allocated += after - before;
                matched += bwe.rttMillis() == 40 ? 1 : 0;
            }
        }
        assertThat(matched).isEqualTo(feedbacks.length / 2);
        assertThat(allocated).as("bytes allocated for 1000 packets and 200 feedbacks").isLessThan(1024);
    }

    @Test
    void noProbesWhenDisabled() {
        SendSideBandwidthEstimator quiet = new SendSideBandwidthEstimator(new BweConfig(300_000, 50_000, 5_000_000,
                BweConfig.DEFAULT_HISTORY_CAPACITY, false));
        assertThat(quiet.probeIfWanted(0, 5_000_000)).isNull();
    }

    @Test
    void feedbackAboutUnknownPacketsChangesNothing() {
        pending.add(new long[] {123, 1_000});
        feedback();
        assertThat(bwe.targetBitrateBps()).isEqualTo(300_000);
        assertThat(bwe.rttMillis()).isZero();
    }
}
