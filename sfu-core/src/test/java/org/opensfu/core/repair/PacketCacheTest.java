package org.opensfu.core.repair;

import org.opensfu.core.rtp.SequenceNumberUnwrapper;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.rtp.RtpPacket;

class PacketCacheTest {
    private static final long MS = 1_000_000L;
    private static final long MAX_AGE = 1_000 * MS;

    private final PacketBufferPool pool = new PacketBufferPool(64);
    private final RtpPacket view = new RtpPacket();
    private PacketCache cache;

    @AfterEach
    void closeReleasesEverything() {
        if (cache != null) {
            cache.close();
            assertThat(cache.size()).isZero();
        }
        assertThat(pool.outstanding()).isZero();
    }

    private boolean put(PacketCache c, byte[] packet, long extSeq, long nowNanos) {
        assertThat(view.wrap(packet, 0, packet.length)).isTrue();
        return c.put(view, extSeq, nowNanos);
    }

    private static byte[] bytesOf(CachedPacket p) {
        return Arrays.copyOfRange(p.array(), p.offset(), p.offset() + p.length());
    }

    @Test
    void returnsACopyOfWhatWasStored() {
        cache = new PacketCache(pool, 16, MAX_AGE);
        byte[] packet = RepairTestPackets.rtp(true, 96, 7, 1234, 0xCAFE, new int[] {1, 2}, 0xBEDE,
                RepairTestPackets.oneByteExtensions(), new byte[] {9, 8, 7}, 4);
        byte[] expected = packet.clone();
        assertThat(put(cache, packet, 100, 10 * MS)).isTrue();
        Arrays.fill(packet, (byte) 0); // the caller's buffer is reused: the cache must not depend on it
        CachedPacket p = cache.get(100, 20 * MS);
        assertThat(p).isNotNull();
        assertThat(bytesOf(p)).isEqualTo(expected);
        assertThat(p.extendedSeq()).isEqualTo(100);
        assertThat(p.arrivalNanos()).isEqualTo(10 * MS);
        assertThat(cache.get(101, 20 * MS)).isNull();
        assertThat(cache.get(99, 20 * MS)).isNull();
        assertThat(pool.outstanding()).isEqualTo(1);
    }

    @Test
    void keysAcrossThe16BitWrapDoNotCollide() {
        cache = new PacketCache(pool, 32, MAX_AGE);
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        long[] ext = new long[20];
        for (int i = 0; i < 20; i++) {
            int seq = (65_526 + i) & 0xFFFF;
            ext[i] = unwrapper.unwrap(seq);
            assertThat(put(cache, RepairTestPackets.simple(seq, 20), ext[i], i * MS)).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            int seq = (65_526 + i) & 0xFFFF;
            CachedPacket p = cache.get(ext[i], 30 * MS);
            assertThat(p).isNotNull();
            assertThat(bytesOf(p)).isEqualTo(RepairTestPackets.simple(seq, 20));
        }
        assertThat(ext[19] - ext[0]).isEqualTo(19);
        // the same 16-bit numbers one cycle earlier or later were never stored
        assertThat(cache.get(ext[15] - 65_536, 30 * MS)).isNull();
        assertThat(cache.get(ext[3] + 65_536, 30 * MS)).isNull();
    }

    @Test
    void aNewerPacketOverwritesTheSlotOfOneCapacityOlder() {
        cache = new PacketCache(pool, 8, MAX_AGE);
        for (int seq = 0; seq < 8; seq++) {
            put(cache, RepairTestPackets.simple(seq, 10), seq, seq * MS);
        }
        assertThat(cache.size()).isEqualTo(8);
        assertThat(pool.outstanding()).isEqualTo(8);
        assertThat(put(cache, RepairTestPackets.simple(8, 10), 8, 8 * MS)).isTrue();
        assertThat(cache.get(0, 9 * MS)).isNull();
        assertThat(bytesOf(cache.get(8, 9 * MS))).isEqualTo(RepairTestPackets.simple(8, 10));
        assertThat(cache.size()).isEqualTo(8);
        assertThat(pool.outstanding()).isEqualTo(8);
        // a packet that old can no longer be stored: its slot belongs to a newer one
        assertThat(put(cache, RepairTestPackets.simple(0, 10), 0, 9 * MS)).isFalse();
        assertThat(bytesOf(cache.get(8, 9 * MS))).isEqualTo(RepairTestPackets.simple(8, 10));
    }

    @Test
    void aJumpAheadReleasesEverythingLeavingTheWindow() {
        cache = new PacketCache(pool, 8, MAX_AGE);
        for (int seq = 0; seq < 6; seq++) {
            put(cache, RepairTestPackets.simple(seq, 10), seq, 0);
        }
        put(cache, RepairTestPackets.simple(10, 10), 10, 0); // window (2, 10]: 0..2 leave
        assertThat(cache.size()).isEqualTo(4);
        assertThat(cache.get(2, 0)).isNull();
        assertThat(cache.get(3, 0)).isNotNull();
        put(cache, RepairTestPackets.simple(1_000, 10), 1_000, 0);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(pool.outstanding()).isEqualTo(1);
    }

    @Test
    void reorderedPacketsWithinTheWindowAreStoredButDuplicatesAreNot() {
        cache = new PacketCache(pool, 16, MAX_AGE);
        put(cache, RepairTestPackets.simple(10, 10), 10, 0);
        put(cache, RepairTestPackets.simple(12, 10), 12, 0);
        assertThat(put(cache, RepairTestPackets.simple(11, 10), 11, MS)).isTrue();
        assertThat(put(cache, RepairTestPackets.simple(5, 10), 5, MS)).isTrue();
        byte[] other = RepairTestPackets.simple(11, 30);
        assertThat(put(cache, other, 11, 2 * MS)).isFalse();
        assertThat(bytesOf(cache.get(11, 3 * MS))).isEqualTo(RepairTestPackets.simple(11, 10));
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void anExpiredCopyIsReplacedByAFreshOne() {
        cache = new PacketCache(pool, 16, 100 * MS);
        put(cache, RepairTestPackets.simple(5, 10), 5, 0);
        put(cache, RepairTestPackets.simple(4, 10), 4, 90 * MS); // reordered: expiry stops at this young one
        byte[] fresh = RepairTestPackets.simple(5, 20);
        assertThat(put(cache, fresh, 5, 150 * MS)).isTrue();
        assertThat(bytesOf(cache.get(5, 150 * MS))).isEqualTo(fresh);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(pool.outstanding()).isEqualTo(2);
    }

    @Test
    void packetsExpireByAge() {
        cache = new PacketCache(pool, 64, 100 * MS);
        for (int seq = 0; seq < 10; seq++) {
            put(cache, RepairTestPackets.simple(seq, 10), seq, seq * 10 * MS); // 0, 10, ..., 90 ms
        }
        assertThat(cache.get(0, 100 * MS)).isNotNull(); // exactly the max age: still good
        assertThat(cache.get(0, 101 * MS)).isNull();
        assertThat(cache.get(1, 101 * MS)).isNotNull();
        cache.expire(135 * MS); // releases 0..3 (arrived at 0..30 ms)
        assertThat(cache.size()).isEqualTo(6);
        assertThat(pool.outstanding()).isEqualTo(6);
        assertThat(cache.get(4, 135 * MS)).isNotNull();
        // a put releases what expired by its arrival time
        put(cache, RepairTestPackets.simple(10, 10), 10, 175 * MS);
        assertThat(cache.size()).isEqualTo(3); // 8, 9, 10
        cache.expire(10_000 * MS);
        assertThat(cache.size()).isZero();
        assertThat(pool.outstanding()).isZero();
        assertThat(put(cache, RepairTestPackets.simple(11, 10), 11, 10_000 * MS)).isTrue();
        assertThat(cache.get(11, 10_000 * MS)).isNotNull();
    }

    @Test
    void anIdleStreamReleasesItsBuffersOnExpire() {
        cache = new PacketCache(pool, 512, MAX_AGE);
        for (int seq = 0; seq < 300; seq++) {
            put(cache, RepairTestPackets.simple(seq, 100), 65_536 + seq, seq * MS);
        }
        assertThat(pool.outstanding()).isEqualTo(300);
        cache.expire(2_000 * MS);
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void steadyStateTakesNoNewBuffersFromThePool() {
        cache = new PacketCache(pool, 32, MAX_AGE);
        for (int seq = 0; seq < 100; seq++) {
            put(cache, RepairTestPackets.simple(seq, 100), seq, seq * MS);
        }
        long created = pool.createdCount();
        for (int seq = 100; seq < 10_000; seq++) {
            put(cache, RepairTestPackets.simple(seq, 100), seq, seq * MS);
        }
        assertThat(pool.createdCount()).isEqualTo(created);
        assertThat(pool.outstanding()).isEqualTo(32);
    }

    @Test
    void rejectsPacketsTooLongForAPooledBufferAndUnwrappedViews() {
        cache = new PacketCache(pool, 16, MAX_AGE);
        byte[] huge = RepairTestPackets.simple(1, PacketBuffer.MAX_DATAGRAM); // 12 bytes more than fits
        assertThat(put(cache, huge, 1, 0)).isFalse();
        assertThat(cache.put(new RtpPacket(), 2, 0)).isFalse();
        assertThat(cache.size()).isZero();
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void clearReleasesAllAndStartsANewNumbering() {
        cache = new PacketCache(pool, 16, MAX_AGE);
        for (int seq = 0; seq < 10; seq++) {
            put(cache, RepairTestPackets.simple(seq, 10), 70_000 + seq, 0);
        }
        cache.clear();
        assertThat(pool.outstanding()).isZero();
        assertThat(cache.get(70_005, 0)).isNull();
        // numbers far below the old window are accepted again
        assertThat(put(cache, RepairTestPackets.simple(3, 10), 65_539, MS)).isTrue();
        assertThat(bytesOf(cache.get(65_539, MS))).isEqualTo(RepairTestPackets.simple(3, 10));
    }

    @Test
    void closeReleasesAllAndLeavesACacheThatHoldsNothing() {
        cache = new PacketCache(pool, 16, MAX_AGE);
        for (int seq = 0; seq < 12; seq++) {
            put(cache, RepairTestPackets.simple(seq, 10), seq, 0);
        }
        assertThat(pool.outstanding()).isEqualTo(12);
        cache.close();
        assertThat(pool.outstanding()).isZero();
        assertThat(cache.get(3, 0)).isNull();
        assertThat(put(cache, RepairTestPackets.simple(12, 10), 12, 0)).isFalse();
        cache.close();
        cache.expire(0);
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void rejectsACapacityThatIsNotAPowerOfTwo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PacketCache(pool, 500, MAX_AGE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
