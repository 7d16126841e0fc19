package org.opensfu.core.repair;

import org.opensfu.core.rtp.SequenceNumberUnwrapper;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.rtcp.GenericNack;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.testing.HexFixtures;
import org.opensfu.core.testing.RtpArbitraries;

/**
 * Random inputs: nothing throws, the cache and the history never return a packet under a number they did not store it
 * under, the NACK generator only asks for packets that are missing, within its policy, and RTX round-trips.
 */
class RepairPropertiesTest {
    private static final long MS = 1_000_000L;
    private static final List<byte[]> REAL = HexFixtures.load("chromium-rtp.hex").stream()
            .map(HexFixtures.Fixture::bytes).toList();

    @Provide
    Arbitrary<byte[]> rtpLike() {
        return RtpArbitraries.rtpLike(300);
    }

    // ---------------------------------------------------------------- RTX

    @Property(tries = 2000)
    void rtxRestoreOfRandomBytesNeverThrows(@ForAll("rtpLike") byte[] bytes, @ForAll int ssrc,
            @ForAll @IntRange(max = 127) int pt) {
        PacketBufferPool pool = new PacketBufferPool(2);
        PacketBuffer buffer = pool.acquire();
        RtpPacket view = new RtpPacket();
        buffer.copyFrom(bytes, 0, bytes.length);
        if (view.wrap(buffer.array(), buffer.offset(), buffer.length())) {
            int payloadLength = view.payloadLength();
            boolean restored = RtxPacket.restore(buffer, view, ssrc, pt);
            assertThat(restored).isEqualTo(payloadLength >= 2);
            if (restored) {
                assertThat(buffer.length()).isEqualTo(bytes.length - 2);
                assertThat(view.ssrc()).isEqualTo(ssrc);
                assertThat(view.payloadType()).isEqualTo(pt);
                assertThat(view.sequenceNumber()).isEqualTo(((bytes[view.headerLength()] & 0xFF) << 8)
                        | (bytes[view.headerLength() + 1] & 0xFF));
            }
        } else {
            assertThat(RtxPacket.restore(buffer, view, ssrc, pt)).isFalse();
        }
        buffer.release();
        assertThat(pool.outstanding()).isZero();
    }

    @Property(tries = 1500)
    void rtxRoundTripGivesBackTheOriginalWithoutPadding(@ForAll("rtpLike") byte[] bytes,
            @ForAll @IntRange(max = 9) int which, @ForAll boolean real, @ForAll int rtxSsrc,
            @ForAll @IntRange(max = 127) int rtxPt, @ForAll @IntRange(max = 0xFFFF) int rtxSeq,
            @ForAll @IntRange(min = -3, max = 3) int shift) {
        byte[] packet = real ? REAL.get(which % REAL.size()) : bytes;
        RtpPacket original = new RtpPacket();
        if (!original.wrap(packet, 0, packet.length)) {
            return;
        }
        byte[] expected = Arrays.copyOf(packet, packet.length - original.paddingLength());
        expected[0] &= (byte) ~0x20;
        int mediaSsrc = original.ssrc();
        int mediaPt = original.payloadType();

        // in a pooled buffer, possibly overlapping the original (as the router would convert its scratch copy)
        PacketBufferPool pool = new PacketBufferPool(2);
        PacketBuffer buffer = pool.acquire();
        buffer.copyFrom(packet, 0, packet.length);
        original.wrap(buffer.array(), buffer.offset(), buffer.length());
        int rtxOff = PacketBuffer.HEADROOM + shift;
        int length = RtxPacket.write(buffer.array(), rtxOff, original, rtxSsrc, rtxPt, rtxSeq);
        assertThat(length).isEqualTo(expected.length + 2);
        buffer.setOffsetAndLength(rtxOff, length);

        RtpPacket rtx = new RtpPacket();
        assertThat(rtx.wrap(buffer.array(), rtxOff, length)).isTrue();
        assertThat(rtx.ssrc()).isEqualTo(rtxSsrc);
        assertThat(rtx.payloadType()).isEqualTo(rtxPt);
        assertThat(rtx.sequenceNumber()).isEqualTo(rtxSeq);
        assertThat(RtxPacket.restore(buffer, rtx, mediaSsrc, mediaPt)).isTrue();
        assertThat(Arrays.copyOfRange(buffer.array(), buffer.offset(), buffer.offset() + buffer.length()))
                .isEqualTo(expected);
        buffer.release();
    }

    // ---------------------------------------------------------------- cache

    @Property(tries = 400)
    void cacheReturnsOnlyWhatWasStoredUnderThatNumber(
            @ForAll @Size(max = 300) List<@IntRange(min = -40, max = 60) Integer> steps,
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 30) Integer> timeStepsMs,
            @ForAll @IntRange(min = 1, max = 6) int capacityExponent,
            @ForAll @IntRange(min = 10, max = 300) int maxAgeMs) {
        PacketBufferPool pool = new PacketBufferPool(8);
        int capacity = 1 << capacityExponent;
        PacketCache cache = new PacketCache(pool, capacity, maxAgeMs * MS);
        Map<Long, byte[]> stored = new HashMap<>();
        Map<Long, Long> arrival = new HashMap<>();
        RtpPacket view = new RtpPacket();
        long cursor = 3 * 65_536L - 100;
        long t = 0;
        for (int i = 0; i < steps.size(); i++) {
            cursor += steps.get(i);
            t += (i < timeStepsMs.size() ? timeStepsMs.get(i) : 1) * MS;
            byte[] packet = RepairTestPackets.simple(i, 10 + i % 50); // unique content per put
            view.wrap(packet, 0, packet.length);
            if (cache.put(view, cursor, t)) {
                stored.put(cursor, packet);
                arrival.put(cursor, t);
            }
            assertThat(pool.outstanding()).isEqualTo(cache.size());
            assertThat(cache.size()).isBetween(0, capacity);
            for (long q = cursor - 2L * capacity; q <= cursor + 3; q++) {
                CachedPacket p = cache.get(q, t);
                if (p != null) {
                    assertThat(stored).containsKey(q);
                    assertThat(Arrays.copyOfRange(p.array(), p.offset(), p.offset() + p.length()))
                            .isEqualTo(stored.get(q));
                    assertThat(p.arrivalNanos()).isEqualTo(arrival.get(q));
                    assertThat(t - p.arrivalNanos()).isLessThanOrEqualTo(maxAgeMs * MS);
                    assertThat(p.extendedSeq()).isEqualTo(q);
                }
            }
        }
        cache.close();
        assertThat(pool.outstanding()).isZero();
    }

    @Property(tries = 500)
    void cacheTakesAnyWrappablePacketAndGivesItBack(@ForAll("rtpLike") byte[] bytes, @ForAll long extSeq) {
        PacketBufferPool pool = new PacketBufferPool(2);
        PacketCache cache = new PacketCache(pool, 4, 1_000 * MS);
        RtpPacket view = new RtpPacket();
        if (view.wrap(bytes, 0, bytes.length)) {
            boolean inDomain = Math.abs(extSeq) <= 1L << 62 && extSeq != Long.MIN_VALUE;
            assertThat(cache.put(view, extSeq, 0)).isEqualTo(inDomain);
            CachedPacket p = cache.get(extSeq, 0);
            if (inDomain) {
                assertThat(Arrays.copyOfRange(p.array(), p.offset(), p.offset() + p.length())).isEqualTo(bytes);
            } else {
                assertThat(p).isNull();
            }
        }
        cache.close();
        assertThat(pool.outstanding()).isZero();
    }

    @Property(tries = 500)
    void cacheSurvivesArbitraryKeys(@ForAll @Size(max = 20) List<Long> keys, @ForAll long probe) {
        PacketBufferPool pool = new PacketBufferPool(2);
        PacketCache cache = new PacketCache(pool, 8, 1_000 * MS);
        RtpPacket view = new RtpPacket();
        byte[] packet = RepairTestPackets.simple(1, 10);
        view.wrap(packet, 0, packet.length);
        for (long key : keys) {
            cache.put(view, key, 0);
            cache.get(probe, 0);
            cache.get(key, 0);
            assertThat(pool.outstanding()).isEqualTo(cache.size());
        }
        cache.expire(0);
        cache.close();
        assertThat(pool.outstanding()).isZero();
    }

    // ---------------------------------------------------------------- history

    @Property(tries = 400)
    void historyReturnsOnlyWhatWasSentUnderThatNumber(
            @ForAll @Size(max = 400) List<@IntRange(min = -20, max = 200) Integer> steps,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int start,
            @ForAll @IntRange(min = 1, max = 8) int capacityExponent,
            @ForAll @Size(max = 50) List<@IntRange(min = -70_000, max = 70_000) Integer> probes) {
        SentPacketHistory history = new SentPacketHistory(1 << capacityExponent, 500 * MS, 100 * MS);
        Map<Integer, long[]> sent = new HashMap<>();
        SentPacketInfo info = new SentPacketInfo();
        int seq = start;
        long t = 0;
        for (int i = 0; i < steps.size(); i++) {
            seq = (seq + steps.get(i)) & 0xFFFF;
            t += 3 * MS;
            history.onSent(seq, i % 3, 1_000_000L + i, 90_000L * i, i, -i, i % 2 == 0, t);
            long markerBit = i % 2 == 0 ? 1 : 0;
            sent.put(seq, new long[] {i % 3, 1_000_000L + i, (90_000L * i) & 0xFFFF_FFFFL, i, -i, markerBit, t});
            for (int probe : probes) {
                int q = probe < 0 ? probe : (seq + probe) & 0xFFFF;
                if (history.lookup(q, t, info)) {
                    long[] e = sent.get(q);
                    assertThat(e).isNotNull();
                    assertThat(info.outputSeq()).isEqualTo(q);
                    assertThat(new long[] {info.layer(), info.sourceExtSeq(), info.outputTimestamp(),
                        info.codecField1(), info.codecField2(), info.marker() ? 1 : 0, info.sentNanos()})
                            .isEqualTo(e);
                    assertThat(t - info.sentNanos()).isLessThanOrEqualTo(500 * MS);
                } else {
                    assertThat(history.mayResend(q, t, 0)).isFalse();
                }
            }
        }
    }

    // ---------------------------------------------------------------- NACK generator

    @Property(tries = 500)
    void nackGeneratorOnlyAsksForMissingPacketsWithinItsPolicy(
            @ForAll @Size(max = 400) List<@IntRange(min = -30, max = 40) Integer> steps,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 25) Integer> timeStepsMs,
            @ForAll @Size(max = 400) List<@IntRange(min = -10, max = 200) Integer> rttsMs,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int start,
            @ForAll @IntRange(min = 1, max = 40) int outSize) {
        NackPolicy policy = NackPolicy.DEFAULT;
        NackGenerator generator = new NackGenerator(policy);
        Set<Long> received = new HashSet<>();
        Map<Long, Long> detectedNanos = new HashMap<>();
        Map<Long, Long> lastNackNanos = new HashMap<>();
        Map<Long, Integer> nacks = new HashMap<>();
        int[] out = new int[outSize];
        long cursor = 65_536L + start;
        long highest = Long.MIN_VALUE;
        long t = 0;
        for (int i = 0; i < steps.size(); i++) {
            t += (i < timeStepsMs.size() ? timeStepsMs.get(i) : 5) * MS;
            cursor += steps.get(i);
            generator.onPacket(cursor, t);
            received.add(cursor);
            if (highest == Long.MIN_VALUE) {
                highest = cursor;
            } else if (cursor > highest) {
                for (long s = highest + 1; s < cursor; s++) {
                    detectedNanos.putIfAbsent(s, t);
                }
                highest = cursor;
            }
            assertThat(generator.missingCount()).isBetween(0, policy.maxMissing());
            generator.keyframeNeeded();

            long rttNanos = (i < rttsMs.size() ? rttsMs.get(i) : 50) * MS;
            int n = generator.collectNacks(t, rttNanos, out);
            assertThat(n).isBetween(0, out.length);
            for (int k = 0; k < n; k++) {
                assertThat(out[k]).isBetween(0, 0xFFFF);
                long s = SequenceNumberUnwrapper.nearest(highest, out[k]);
                assertThat(s).isLessThan(highest);
                assertThat(received).doesNotContain(s);
                long detected = detectedNanos.get(s);
                assertThat(t - detected).isBetween(policy.reorderToleranceNanos(), policy.maxAgeNanos());
                Long last = lastNackNanos.get(s);
                if (last != null) {
                    assertThat(t - last).isGreaterThanOrEqualTo(policy.retryIntervalNanos(rttNanos));
                }
                lastNackNanos.put(s, t);
                nacks.merge(s, 1, Integer::sum);
                assertThat(nacks.get(s)).isLessThanOrEqualTo(policy.maxRetries());
                if (k > 0) { // oldest first
                    assertThat(SequenceNumberUnwrapper.nearest(highest, out[k - 1])).isLessThan(s);
                }
            }
        }
    }

    @Property(tries = 300)
    void nackResponderNeverThrowsOnRandomNacks(@ForAll @Size(min = 16, max = 200) byte[] bytes,
            @ForAll @IntRange(min = 1, max = 64) int capacity) {
        bytes[0] = (byte) 0x81;
        bytes[1] = (byte) 205;
        int words = bytes.length / 4 - 1;
        bytes[2] = (byte) (words >>> 8);
        bytes[3] = (byte) words;
        GenericNack nack = new GenericNack();
        if (!nack.wrap(bytes, 0, words * 4 + 4)) {
            return;
        }
        PacketBufferPool pool = new PacketBufferPool(4);
        PacketCache cache = new PacketCache(pool, 16, 1_000 * MS);
        SentPacketHistory history = new SentPacketHistory(64, 1_000 * MS, 100 * MS);
        RtpPacket view = new RtpPacket();
        for (int seq = 0; seq < 64; seq++) {
            byte[] packet = RepairTestPackets.simple(seq, 5);
            view.wrap(packet, 0, packet.length);
            cache.put(view, seq, 0);
            history.onSent(seq, seq % 2, seq, 0, 0, 0, false, 0);
        }
        NackResponder responder = new NackResponder(capacity);
        int requested = responder.start(nack, history, new PacketCache[] {cache}, MS, 0);
        int yielded = 0;
        while (responder.next()) {
            assertThat(responder.packet().extendedSeq()).isEqualTo(responder.info().sourceExtSeq());
            assertThat(responder.info().layer()).isZero();
            yielded++;
        }
        assertThat(yielded).isLessThanOrEqualTo(requested);
        assertThat(responder.resent() + responder.unknown() + responder.notCached() + responder.throttled())
                .isEqualTo(requested);
        cache.close();
        assertThat(pool.outstanding()).isZero();
    }
}
