package org.opensfu.core.repair;

import org.opensfu.core.rtp.SequenceNumberUnwrapper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.rtcp.GenericNack;
import org.opensfu.core.rtp.RtpPacket;

/**
 * The packet paths allocate nothing in steady state: a simulated stream with losses runs through every component
 * twice, and the second run must not allocate (measured with the JVM's per-thread allocation counter).
 */
class RepairAllocationTest {
    private static final long MS = 1_000_000L;
    private static final int PACKETS = 20_000;

    private final PacketBufferPool pool = new PacketBufferPool(256);
    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    private final PacketCache cache = new PacketCache(pool, 128, 1_000 * MS);
    private final PacketCache[] caches = {cache};
    private final NackGenerator generator = new NackGenerator();
    private final SentPacketHistory history = new SentPacketHistory(1024, 1_000 * MS, 100 * MS);
    private final SentPacketInfo info = new SentPacketInfo();
    private final NackResponder responder = new NackResponder(64);
    private final GenericNack nack = new GenericNack();
    private final RtpPacket view = new RtpPacket();
    private final RtpPacket rtxView = new RtpPacket();
    private final int[] nacked = new int[64];
    private final byte[] nackBytes = new byte[256];
    private final byte[] packet = RepairTestPackets.rtp(false, 96, 0, 0, 0x1234, new int[] {7},
            RtpPacket.PROFILE_ONE_BYTE, RepairTestPackets.oneByteExtensions(), new byte[900], 0);
    private long t;
    private int sequenceNumber = 60_000;
    private long sink;

    private void run() {
        for (int i = 0; i < PACKETS; i++) {
            t += 3 * MS;
            sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
            if (i % 50 == 7) {
                continue; // lost on the way from the publisher
            }
            view.wrap(packet, 0, packet.length);
            view.setSequenceNumber(sequenceNumber);
            long ext = unwrapper.unwrap(sequenceNumber);
            generator.onPacket(ext, t);
            cache.put(view, ext, t);
            history.onSent(sequenceNumber, 0, ext, 90L * i, i, i >> 3, false, t);
            if (i % 5 == 0) {
                int n = generator.collectNacks(t, 30 * MS, nacked);
                sink += n;
                if (generator.keyframeNeeded()) {
                    sink++;
                }
            }
            if (i % 50 == 20) { // a subscriber NACKs two packets
                nacked[0] = (sequenceNumber - 3) & 0xFFFF;
                nacked[1] = (sequenceNumber - 1) & 0xFFFF;
                int length = GenericNack.write(nackBytes, 0, 1, 2, nacked, 2);
                nack.wrap(nackBytes, 0, length);
                responder.start(nack, history, caches, t, 30 * MS);
                while (responder.next()) {
                    CachedPacket original = responder.packet();
                    PacketBuffer scratch = pool.acquire();
                    scratch.copyFrom(original.array(), original.offset(), original.length());
                    view.wrap(scratch.array(), scratch.offset(), scratch.length());
                    int rtxLength = RtxPacket.write(scratch.array(), scratch.offset(), view, 0x5678, 97, i);
                    scratch.setOffsetAndLength(scratch.offset(), rtxLength);
                    rtxView.wrap(scratch.array(), scratch.offset(), scratch.length());
                    if (RtxPacket.restore(scratch, rtxView, 0x1234, 96)) {
                        sink += rtxView.sequenceNumber();
                    }
                    scratch.release();
                }
                sink += history.lookup(nacked[0], t, info) ? info.codecField1() : 0;
                sink += cache.get(unwrapper.highestExtendedSeq(), t) != null ? 1 : 0;
            }
        }
    }

    @Test
    void steadyStateAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        run(); // warm-up: the pool fills, classes load
        long baseline = threads.getCurrentThreadAllocatedBytes();
        baseline = threads.getCurrentThreadAllocatedBytes() - baseline; // what measuring costs
        long before = threads.getCurrentThreadAllocatedBytes();
        run();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - baseline;
        assertThat(allocated).as("bytes allocated by %d packets", PACKETS).isLessThan(1_024);
        assertThat(generator.nacksSent()).isPositive();
        assertThat(responder.resent()).isPositive();
        assertThat(sink).isPositive();
        cache.close();
        assertThat(pool.outstanding()).isZero();
    }
}
