package org.opensfu.core.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.opensfu.core.testing.HexFixtures;
import org.opensfu.core.testing.RtpArbitraries;

/** Fuzz-style properties: wrap never throws and what it accepts is self-consistent. */
class RtpPacketPropertiesTest {
    private static final List<byte[]> REAL = HexFixtures.load("chromium-rtp.hex").stream()
            .map(HexFixtures.Fixture::bytes).toList();

    private final RtpPacket rtp = new RtpPacket();

    @Property(tries = 3000)
    void randomBytesNeverThrow(@ForAll @Size(max = 200) byte[] b, @ForAll @IntRange(min = -2, max = 210) int off,
            @ForAll @IntRange(min = -2, max = 210) int len) {
        if (rtp.wrap(b, off, len)) {
            assertConsistent(off, len);
        }
    }

    @Property(tries = 2000)
    void randomBytesWithRtpLikeStartNeverThrow(@ForAll("rtpLike") byte[] b) {
        if (rtp.wrap(b, 0, b.length)) {
            assertConsistent(0, b.length);
        }
    }

    @Provide
    Arbitrary<byte[]> rtpLike() {
        return RtpArbitraries.rtpLike(120);
    }

    @Property(tries = 1000)
    void truncatedAndMutatedRealPacketsNeverThrow(@ForAll @IntRange(min = 0, max = 8) int which,
            @ForAll @IntRange(min = 0, max = 300) int cut, @ForAll @IntRange(min = 0, max = 299) int flipAt,
            @ForAll byte flip) {
        byte[] b = REAL.get(which % REAL.size()).clone();
        int len = Math.min(cut, b.length);
        if (flipAt < len) {
            b[flipAt] ^= flip;
        }
        if (rtp.wrap(b, 0, len)) {
            assertConsistent(0, len);
        }
    }

    @Property(tries = 300)
    void truncationBelowTheHeaderIsRejected(@ForAll @IntRange(min = 0, max = 8) int which,
            @ForAll @IntRange(min = 0, max = 100) int cut) {
        byte[] b = REAL.get(which % REAL.size());
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        int header = rtp.headerLength();
        if (cut < header) {
            assertThat(rtp.wrap(b, 0, cut)).isFalse();
        }
    }

    @Property(tries = 500)
    void settersRoundTrip(@ForAll @IntRange(min = 0, max = 8) int which, @ForAll @IntRange(max = 0xFFFF) int seq,
            @ForAll @IntRange(min = 0) int tsHigh, @ForAll int ssrc, @ForAll @IntRange(max = 127) int pt,
            @ForAll boolean marker) {
        byte[] b = REAL.get(which % REAL.size()).clone();
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        int extensions = rtp.extensionCount();
        long ts = ((long) tsHigh << 1) & 0xFFFF_FFFFL;
        rtp.setSequenceNumber(seq);
        rtp.setTimestamp(ts);
        rtp.setSsrc(ssrc);
        rtp.setPayloadType(pt);
        rtp.setMarker(marker);
        assertThat(rtp.wrap(b, 0, b.length)).isTrue();
        assertThat(rtp.sequenceNumber()).isEqualTo(seq);
        assertThat(rtp.timestamp()).isEqualTo(ts);
        assertThat(rtp.ssrc()).isEqualTo(ssrc);
        assertThat(rtp.payloadType()).isEqualTo(pt);
        assertThat(rtp.marker()).isEqualTo(marker);
        assertThat(rtp.extensionCount()).isEqualTo(extensions);
    }

    private void assertConsistent(int off, int len) {
        assertThat(rtp.version()).isEqualTo(2);
        assertThat(rtp.headerLength()).isBetween(12, len);
        assertThat(rtp.payloadLength()).isNotNegative();
        assertThat(rtp.headerLength() + rtp.payloadLength() + rtp.paddingLength()).isEqualTo(len);
        assertThat(rtp.payloadOffset()).isEqualTo(off + rtp.headerLength());
        for (int i = 0; i < rtp.extensionCount(); i++) {
            assertThat(rtp.extensionDataOffset(i)).isGreaterThan(off + 12);
            assertThat(rtp.extensionDataOffset(i) + rtp.extensionDataLength(i)).isLessThanOrEqualTo(off + rtp.headerLength());
            assertThat(rtp.extensionId(i)).isBetween(1, 255);
            assertThat(rtp.findExtension(rtp.extensionId(i))).isBetween(0, i);
        }
    }
}
