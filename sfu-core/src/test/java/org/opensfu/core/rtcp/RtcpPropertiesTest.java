package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.opensfu.core.testing.HexFixtures;

/** Fuzzing of every RTCP view and round trips of every writer. */
class RtcpPropertiesTest {
    private static final List<byte[]> REAL = HexFixtures.load("chromium-rtcp.hex").stream()
            .map(HexFixtures.Fixture::bytes).toList();

    private final RtcpIterator it = new RtcpIterator();
    private final SenderReport sr = new SenderReport();
    private final ReceiverReport rr = new ReceiverReport();
    private final Sdes sdes = new Sdes();
    private final Bye bye = new Bye();
    private final GenericNack nack = new GenericNack();
    private final Pli pli = new Pli();
    private final Fir fir = new Fir();
    private final Remb remb = new Remb();
    private final TransportCcFeedback tcc = new TransportCcFeedback();
    private final long[] arrivals = new long[70000];
    private final int[] lost = new int[70000];

    /** Runs every view and accessor over the bytes; any exception fails the property. */
    private void exerciseAll(byte[] b, int off, int len) {
        if (it.wrap(b, off, len)) {
            while (it.next()) {
                assertThat(it.packetOffset() + it.packetLength()).isLessThanOrEqualTo(off + len);
                exerciseViews(b, it.packetOffset(), it.packetLength());
            }
        }
        exerciseViews(b, off, len);
    }

    private void exerciseViews(byte[] b, int off, int len) {
        if (sr.wrap(b, off, len)) {
            sr.ntpTimestamp();
            readBlocks(sr);
        }
        if (rr.wrap(b, off, len)) {
            readBlocks(rr);
        }
        if (sdes.wrap(b, off, len)) {
            while (sdes.nextChunk()) {
                sdes.chunkSsrc();
                while (sdes.nextItem()) {
                    assertThat(sdes.itemValueOffset() + sdes.itemLength()).isLessThanOrEqualTo(off + len);
                }
            }
        }
        if (bye.wrap(b, off, len)) {
            for (int i = 0; i < bye.ssrcCount(); i++) {
                bye.ssrc(i);
            }
            bye.reason();
        }
        if (nack.wrap(b, off, len)) {
            assertThat(nack.lostSequenceNumbers(lost)).isBetween(nack.entryCount(), 17 * nack.entryCount());
        }
        if (pli.wrap(b, off, len)) {
            pli.mediaSsrc();
        }
        if (fir.wrap(b, off, len)) {
            for (int i = 0; i < fir.entryCount(); i++) {
                fir.entrySequenceNumber(i);
            }
        }
        if (remb.wrap(b, off, len)) {
            assertThat(remb.bitrateBps()).isNotNegative();
            for (int i = 0; i < remb.ssrcCount(); i++) {
                remb.ssrc(i);
            }
        }
        if (tcc.wrap(b, off, len)) {
            assertThat(tcc.decode(arrivals)).isEqualTo(tcc.packetStatusCount());
        }
    }

    private static void readBlocks(RtcpReportView r) {
        for (int i = 0; i < r.reportCount(); i++) {
            ReportBlock.cumulativeLost(r.buffer(), r.reportBlockOffset(i));
            ReportBlock.delaySinceLastSrCompactNtp(r.buffer(), r.reportBlockOffset(i));
        }
        assertThat(r.profileExtensionLength()).isNotNegative();
    }

    @Property(tries = 3000)
    void randomBytesNeverThrow(@ForAll @Size(max = 120) byte[] b, @ForAll @IntRange(min = -2, max = 125) int off,
            @ForAll @IntRange(min = -2, max = 125) int len) {
        exerciseAll(b, off, len);
    }

    @Property(tries = 3000)
    void randomBodiesBehindValidHeadersNeverThrow(@ForAll @Size(min = 1, max = 40) int[] words,
            @ForAll @IntRange(min = 200, max = 207) int pt, @ForAll @IntRange(max = 31) int count, @ForAll boolean padding) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            org.opensfu.core.util.Bytes.writeInt32(b, 4 * i, words[i]);
        }
        b[0] = (byte) (0x80 | (padding ? 0x20 : 0) | count);
        b[1] = (byte) pt;
        org.opensfu.core.util.Bytes.writeUint16(b, 2, words.length - 1);
        exerciseAll(b, 0, b.length);
    }

    @Property(tries = 2000)
    void truncatedAndMutatedRealPacketsNeverThrow(@ForAll @IntRange(max = 16) int which,
            @ForAll @IntRange(max = 80) int cut, @ForAll @IntRange(max = 79) int flipAt, @ForAll byte flip,
            @ForAll boolean fixLength) {
        byte[] b = REAL.get(which % REAL.size()).clone();
        int len = Math.min(cut, b.length);
        if (flipAt < len) {
            b[flipAt] ^= flip;
        }
        if (fixLength && len >= 4 && len % 4 == 0) { // keep the length field consistent with the cut
            org.opensfu.core.util.Bytes.writeUint16(b, 2, len / 4 - 1);
        }
        exerciseAll(b, 0, len);
    }

    @Property(tries = 300)
    void senderReportRoundTrip(@ForAll int ssrc, @ForAll long ntp, @ForAll @LongRange(max = 0xFFFFFFFFL) long rtpTs,
            @ForAll @LongRange(max = 0xFFFFFFFFL) long packets, @ForAll @IntRange(max = 31) int blocks,
            @ForAll int blockSsrc, @ForAll @IntRange(min = -(1 << 23), max = (1 << 23) - 1) int cumulativeLost) {
        byte[] b = new byte[1000];
        int len = SenderReport.write(b, 3, ssrc, ntp, rtpTs, packets, ~packets & 0xFFFFFFFFL, blocks);
        for (int i = 0; i < blocks; i++) {
            ReportBlock.write(b, SenderReport.reportBlockOffset(3, i), blockSsrc + i, i, cumulativeLost, i, i, i, i);
        }
        assertThat(sr.wrap(b, 3, len)).isTrue();
        assertThat(sr.senderSsrc()).isEqualTo(ssrc);
        assertThat(sr.ntpTimestamp()).isEqualTo(ntp);
        assertThat(sr.rtpTimestamp()).isEqualTo(rtpTs);
        assertThat(sr.senderPacketCount()).isEqualTo(packets);
        assertThat(sr.senderOctetCount()).isEqualTo(~packets & 0xFFFFFFFFL);
        assertThat(sr.reportCount()).isEqualTo(blocks);
        for (int i = 0; i < blocks; i++) {
            assertThat(ReportBlock.ssrc(b, sr.reportBlockOffset(i))).isEqualTo(blockSsrc + i);
            assertThat(ReportBlock.cumulativeLost(b, sr.reportBlockOffset(i))).isEqualTo(cumulativeLost);
        }
        int rrLen = ReceiverReport.write(b, 0, ssrc, blocks);
        assertThat(rr.wrap(b, 0, rrLen)).isTrue();
        assertThat(rr.reportCount()).isEqualTo(blocks);
    }

    @Property(tries = 300)
    void sdesAndByeRoundTrip(@ForAll @Size(max = 31) List<@Size(max = 255) byte[]> cnames, @ForAll int ssrc,
            @ForAll @Size(max = 255) byte[] reason, @ForAll boolean withReason) {
        byte[][] names = cnames.toArray(new byte[0][]);
        int[] ssrcs = new int[names.length];
        for (int i = 0; i < ssrcs.length; i++) {
            ssrcs[i] = ssrc + i;
        }
        byte[] b = new byte[Sdes.length(names, names.length)];
        int len = Sdes.write(b, 0, ssrcs, names, names.length);
        assertThat(len).isEqualTo(b.length);
        assertThat(sdes.wrap(b, 0, len)).isTrue();
        for (int i = 0; i < names.length; i++) {
            assertThat(sdes.findCname(ssrcs[i])).isTrue();
            assertThat(Arrays.copyOfRange(b, sdes.itemValueOffset(), sdes.itemValueOffset() + sdes.itemLength()))
                    .isEqualTo(names[i]);
        }
        byte[] y = new byte[4 + 4 * 31 + 256 + 3];
        int byeLen = Bye.write(y, 0, ssrcs, ssrcs.length, withReason ? reason : null);
        assertThat(bye.wrap(y, 0, byeLen)).isTrue();
        assertThat(bye.ssrcCount()).isEqualTo(ssrcs.length);
        for (int i = 0; i < ssrcs.length; i++) {
            assertThat(bye.ssrc(i)).isEqualTo(ssrcs[i]);
        }
        assertThat(bye.hasReason()).isEqualTo(withReason);
        if (withReason) {
            assertThat(Arrays.copyOfRange(y, bye.reasonOffset(), bye.reasonOffset() + bye.reasonLength())).isEqualTo(reason);
        }
    }

    @Property(tries = 500)
    void nackRoundTrip(@ForAll @Size(min = 1, max = 300) int[] seqs, @ForAll int sender, @ForAll int media,
            @ForAll boolean sorted) {
        int[] in = seqs.clone();
        for (int i = 0; i < in.length; i++) {
            in[i] &= 0xFFFF;
        }
        if (sorted) {
            Arrays.sort(in);
        }
        byte[] b = new byte[GenericNack.length(in, in.length)];
        int len = GenericNack.write(b, 0, sender, media, in, in.length);
        assertThat(nack.wrap(b, 0, len)).isTrue();
        assertThat(nack.senderSsrc()).isEqualTo(sender);
        assertThat(nack.mediaSsrc()).isEqualTo(media);
        int n = nack.lostSequenceNumbers(lost);
        TreeSet<Integer> expected = new TreeSet<>();
        TreeSet<Integer> actual = new TreeSet<>();
        Arrays.stream(in).forEach(expected::add);
        Arrays.stream(lost, 0, n).forEach(actual::add);
        assertThat(actual).isEqualTo(expected);
        if (sorted) {
            assertThat(nack.entryCount()).isLessThanOrEqualTo(expected.size());
        }
    }

    @Property(tries = 300)
    void pliFirRembRoundTrip(@ForAll int sender, @ForAll int media, @ForAll @Size(min = 1, max = 20) int[] ssrcs,
            @ForAll @LongRange(min = 0) long bps) {
        byte[] b = new byte[200];
        int len = Pli.write(b, 0, sender, media);
        assertThat(pli.wrap(b, 0, len)).isTrue();
        assertThat(pli.senderSsrc()).isEqualTo(sender);
        assertThat(pli.mediaSsrc()).isEqualTo(media);
        int[] seqNrs = Arrays.stream(ssrcs).map(s -> s * 7).toArray();
        len = Fir.write(b, 0, sender, ssrcs, seqNrs, ssrcs.length);
        assertThat(fir.wrap(b, 0, len)).isTrue();
        assertThat(fir.entryCount()).isEqualTo(ssrcs.length);
        for (int i = 0; i < ssrcs.length; i++) {
            assertThat(fir.entrySsrc(i)).isEqualTo(ssrcs[i]);
            assertThat(fir.entrySequenceNumber(i)).isEqualTo(seqNrs[i] & 0xFF);
        }
        len = Remb.write(b, 0, sender, bps, ssrcs, ssrcs.length);
        assertThat(remb.wrap(b, 0, len)).isTrue();
        assertThat(remb.bitrateBps()).isBetween(bps - (bps >>> 17), bps);
        assertThat(remb.ssrcCount()).isEqualTo(ssrcs.length);
        assertThat(remb.ssrc(ssrcs.length - 1)).isEqualTo(ssrcs[ssrcs.length - 1]);
    }
}
