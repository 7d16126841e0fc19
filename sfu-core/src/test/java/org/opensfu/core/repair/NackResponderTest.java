package org.opensfu.core.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.rtcp.GenericNack;
import org.opensfu.core.rtp.RtpPacket;

class NackResponderTest {
    private static final long MS = 1_000_000L;
    private static final long RTT = 30 * MS;

    private final PacketBufferPool pool = new PacketBufferPool(64);
    private final PacketCache[] caches = {
        new PacketCache(pool, 64, 1_000 * MS), new PacketCache(pool, 64, 1_000 * MS), null};
    private final SentPacketHistory history = new SentPacketHistory(1024, 1_000 * MS, 100 * MS);
    private final NackResponder responder = new NackResponder(64);
    private final GenericNack nack = new GenericNack();
    private final RtpPacket view = new RtpPacket();

    @AfterEach
    void closeCaches() {
        for (PacketCache cache : caches) {
            if (cache != null) {
                cache.close();
            }
        }
        assertThat(pool.outstanding()).isZero();
    }

    private void cache(int layer, int sourceSeq, long extSeq) {
        byte[] packet = RepairTestPackets.simple(sourceSeq, 30 + layer);
        view.wrap(packet, 0, packet.length);
        caches[layer].put(view, extSeq, 0);
    }

    private GenericNack nackOf(int... seqs) {
        byte[] buf = new byte[GenericNack.length(seqs, seqs.length)];
        GenericNack.write(buf, 0, 1, 2, seqs, seqs.length);
        assertThat(nack.wrap(buf, 0, buf.length)).isTrue();
        return nack;
    }

    /** Output seq, layer and the first payload byte of every packet yielded. */
    private List<String> answer(GenericNack n, long nowNanos) {
        List<String> yielded = new ArrayList<>();
        responder.start(n, history, caches, nowNanos, RTT);
        while (responder.next()) {
            CachedPacket p = responder.packet();
            byte[] bytes = Arrays.copyOfRange(p.array(), p.offset(), p.offset() + p.length());
            assertThat(view.wrap(bytes, 0, bytes.length)).isTrue();
            SentPacketInfo sent = responder.info();
            yielded.add(sent.outputSeq() + "/L" + sent.layer() + "/src" + view.sequenceNumber());
        }
        return yielded;
    }

    @Test
    void yieldsTheCachedOriginalsOfTheNackedPacketsFromTheirLayers() {
        // output 65534..2 came from layer 0 (source 100..), then a switch to layer 1 (source 7000..)
        for (int i = 0; i < 3; i++) {
            cache(0, 100 + i, 65_536 + 100 + i);
            history.onSent((65_534 + i) & 0xFFFF, 0, 65_536 + 100 + i, 0, 0, 0, false, 0);
        }
        for (int i = 0; i < 3; i++) {
            cache(1, 7_000 + i, 65_536 + 7_000 + i);
            history.onSent(1 + i, 1, 65_536 + 7_000 + i, 0, 0, 0, false, 0);
        }
        assertThat(answer(nackOf(65_535, 0, 2, 3), 10 * MS))
                .containsExactly("65535/L0/src101", "0/L0/src102", "2/L1/src7001", "3/L1/src7002");
        assertThat(responder.resent()).isEqualTo(4);
    }

    @Test
    void skipsAndCountsUnknownUncachedAndThrottledNumbers() {
        cache(0, 1, 1);
        history.onSent(10, 0, 1, 0, 0, 0, false, 0); // cached
        history.onSent(11, 0, 2, 0, 0, 0, false, 0); // never cached
        history.onSent(12, 2, 3, 0, 0, 0, false, 0); // a layer without a cache
        history.onSent(13, 5, 3, 0, 0, 0, false, 0); // a layer the producer does not have
        assertThat(answer(nackOf(9, 10, 11, 12, 13), 5 * MS)).containsExactly("10/L0/src1");
        assertThat(responder.unknown()).isEqualTo(1);
        assertThat(responder.notCached()).isEqualTo(3);
        // the same NACK again within an RTT: throttled; after it: resent again
        assertThat(answer(nackOf(10), 20 * MS)).isEmpty();
        assertThat(responder.throttled()).isEqualTo(1);
        assertThat(answer(nackOf(10), 36 * MS)).containsExactly("10/L0/src1");
        // a number NACKed twice in one packet (two entries) goes out once
        assertThat(answer(nackOf(10, 30, 10), 80 * MS)).containsExactly("10/L0/src1");
        assertThat(responder.resent()).isEqualTo(3);
    }

    @Test
    void numbersBeyondTheCapacityAreCountedAsTruncated() {
        NackResponder tiny = new NackResponder(3);
        int[] seqs = {1, 2, 3, 4, 5, 100};
        byte[] buf = new byte[GenericNack.length(seqs, seqs.length)];
        GenericNack.write(buf, 0, 1, 2, seqs, seqs.length);
        nack.wrap(buf, 0, buf.length);
        assertThat(tiny.start(nack, history, caches, 0, RTT)).isEqualTo(3);
        assertThat(tiny.truncated()).isEqualTo(3);
        assertThat(tiny.next()).isFalse();
        assertThat(tiny.unknown()).isEqualTo(3);
    }
}
