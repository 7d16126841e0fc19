package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensfu.core.testing.HexFixtures.number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensfu.core.testing.HexFixtures;
import org.opensfu.core.testing.HexFixtures.Fixture;
import org.opensfu.core.util.Bytes;

/**
 * Decrypted RTCP that real Chromium 156 sent (see the fixture file's header), walked with
 * {@link RtcpIterator} and the typed views, and compared field by field with tshark's decode.
 */
class ChromiumRtcpFixturesTest {
    static Stream<Fixture> chromiumRtcp() {
        return HexFixtures.load("chromium-rtcp.hex").stream();
    }

    /** Collects values in packet order, as tshark lists repeated fields. */
    private static final class Seen {
        final List<Long> pt = new ArrayList<>();
        final List<Long> length = new ArrayList<>();
        final List<Long> senderSsrc = new ArrayList<>();
        final List<Long> mediaSsrc = new ArrayList<>();
        final List<Long> ssrcIdentifier = new ArrayList<>();
        final List<Long> fraction = new ArrayList<>();
        final List<Long> cumulativeLost = new ArrayList<>();
        final List<Long> extHigh = new ArrayList<>();
        final List<Long> jitter = new ArrayList<>();
        final List<Long> lsr = new ArrayList<>();
        final List<Long> dlsr = new ArrayList<>();
        final List<Long> sdesType = new ArrayList<>();
        final List<Long> nackPid = new ArrayList<>();
        final List<Long> nackBlp = new ArrayList<>();
        final List<Long> rembSsrc = new ArrayList<>();
        final List<Long> tccChunks = new ArrayList<>();
        final List<Long> tccDeltaTicks = new ArrayList<>();
    }

    private static List<Long> numbers(Fixture f, String key) {
        String v = f.expect().get(key);
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(HexFixtures::number).toList();
    }

    private static long u32(int v) {
        return v & 0xFFFF_FFFFL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chromiumRtcp")
    void matchesTshark(Fixture f) {
        byte[] b = f.bytes();
        RtcpIterator it = new RtcpIterator();
        SenderReport sr = new SenderReport();
        ReceiverReport rr = new ReceiverReport();
        Sdes sdes = new Sdes();
        GenericNack nack = new GenericNack();
        Pli pli = new Pli();
        Remb remb = new Remb();
        TransportCcFeedback tcc = new TransportCcFeedback();
        Seen s = new Seen();

        assertThat(it.wrap(b, 0, b.length)).isTrue();
        int packets = 0;
        while (it.next()) {
            packets++;
            int off = it.packetOffset();
            int len = it.packetLength();
            s.pt.add((long) it.packetType());
            s.length.add((long) len / 4 - 1);
            switch (it.packetType()) {
                case RtcpPacketType.SR -> {
                    assertThat(sr.wrap(b, off, len)).isTrue();
                    s.senderSsrc.add(u32(sr.senderSsrc()));
                    assertThat(sr.ntpTimestamp() >>> 32).isEqualTo(number(f.get("timestamp.ntp.msw")));
                    assertThat(sr.ntpTimestamp() & 0xFFFF_FFFFL).isEqualTo(number(f.get("timestamp.ntp.lsw")));
                    assertThat(sr.rtpTimestamp()).isEqualTo(number(f.get("timestamp.rtp")));
                    assertThat(sr.senderPacketCount()).isEqualTo(number(f.get("sender.packetcount")));
                    assertThat(sr.senderOctetCount()).isEqualTo(number(f.get("sender.octetcount")));
                    assertThat(sr.reportCount()).isEqualTo(number(f.get("rc")));
                    collectBlocks(sr, s);
                }
                case RtcpPacketType.RR -> {
                    assertThat(rr.wrap(b, off, len)).isTrue();
                    s.senderSsrc.add(u32(rr.senderSsrc()));
                    assertThat(rr.reportCount()).isEqualTo(number(f.get("rc")));
                    assertThat(rr.profileExtensionLength()).isZero();
                    collectBlocks(rr, s);
                }
                case RtcpPacketType.SDES -> {
                    assertThat(sdes.wrap(b, off, len)).isTrue();
                    assertThat(sdes.chunkCount()).isEqualTo(number(f.get("sc")));
                    while (sdes.nextChunk()) {
                        s.ssrcIdentifier.add(u32(sdes.chunkSsrc()));
                        while (sdes.nextItem()) {
                            s.sdesType.add((long) sdes.itemType());
                        }
                        s.sdesType.add(0L); // tshark lists the terminating null item
                    }
                    sdes.rewind();
                    sdes.nextChunk();
                    assertThat(sdes.findCname(sdes.chunkSsrc())).isTrue();
                    assertThat(sdes.itemValueAsString()).isEqualTo(f.get("sdes.text"));
                }
                case RtcpPacketType.RTPFB -> {
                    if (it.countOrFormat() == RtcpPacketType.FMT_RTPFB_NACK) {
                        assertThat(nack.wrap(b, off, len)).isTrue();
                        s.senderSsrc.add(u32(nack.senderSsrc()));
                        s.mediaSsrc.add(u32(nack.mediaSsrc()));
                        for (int i = 0; i < nack.entryCount(); i++) {
                            s.nackPid.add((long) nack.pid(i));
                            s.nackBlp.add((long) nack.blp(i));
                        }
                        int[] lost = new int[64];
                        assertThat(nack.lostSequenceNumbers(lost)).isGreaterThanOrEqualTo(nack.entryCount());
                        assertThat(lost[0]).isEqualTo(nack.pid(0));
                    } else {
                        assertThat(it.countOrFormat()).isEqualTo(RtcpPacketType.FMT_RTPFB_TRANSPORT_CC);
                        assertThat(tcc.wrap(b, off, len)).isTrue();
                        s.senderSsrc.add(u32(tcc.senderSsrc()));
                        s.mediaSsrc.add(u32(tcc.mediaSsrc()));
                        checkTcc(f, tcc, s);
                    }
                }
                case RtcpPacketType.PSFB -> {
                    if (it.countOrFormat() == RtcpPacketType.FMT_PSFB_PLI) {
                        assertThat(pli.wrap(b, off, len)).isTrue();
                        s.senderSsrc.add(u32(pli.senderSsrc()));
                        s.mediaSsrc.add(u32(pli.mediaSsrc()));
                    } else {
                        assertThat(remb.wrap(b, off, len)).isTrue();
                        s.senderSsrc.add(u32(remb.senderSsrc()));
                        s.mediaSsrc.add(u32(remb.mediaSsrc()));
                        assertThat(remb.ssrcCount()).isEqualTo(number(f.get("psfb.remb.fci.number_ssrcs")));
                        assertThat(remb.bitrateExponent()).isEqualTo(number(f.get("psfb.remb.fci.br_exp")));
                        assertThat(remb.bitrateMantissa()).isEqualTo(number(f.get("psfb.remb.fci.br_mantissa")));
                        assertThat(remb.bitrateBps()).isEqualTo(number(f.get("psfb.remb.fci.br_mantissa"))
                                << number(f.get("psfb.remb.fci.br_exp")));
                        for (int i = 0; i < remb.ssrcCount(); i++) {
                            s.rembSsrc.add(u32(remb.ssrc(i)));
                        }
                    }
                }
                default -> throw new AssertionError("unexpected PT " + it.packetType());
            }
        }
        assertThat(it.isMalformed()).isFalse();
        assertThat(packets).isPositive();
        assertThat(s.pt).isEqualTo(numbers(f, "pt"));
        assertThat(s.length).isEqualTo(numbers(f, "length"));
        assertThat(s.senderSsrc).isEqualTo(numbers(f, "senderssrc"));
        assertThat(s.mediaSsrc).isEqualTo(numbers(f, "mediassrc"));
        assertThat(s.ssrcIdentifier).isEqualTo(numbers(f, "ssrc.identifier"));
        assertThat(s.fraction).isEqualTo(numbers(f, "ssrc.fraction"));
        assertThat(s.cumulativeLost).isEqualTo(numbers(f, "ssrc.cum_nr"));
        assertThat(s.extHigh).isEqualTo(numbers(f, "ssrc.ext_high"));
        assertThat(s.jitter).isEqualTo(numbers(f, "ssrc.jitter"));
        assertThat(s.lsr).isEqualTo(numbers(f, "ssrc.lsr"));
        assertThat(s.dlsr).isEqualTo(numbers(f, "ssrc.dlsr"));
        assertThat(s.sdesType).isEqualTo(numbers(f, "sdes.type"));
        assertThat(s.nackPid).isEqualTo(numbers(f, "rtpfb.nack_pid"));
        assertThat(s.nackBlp).isEqualTo(numbers(f, "rtpfb.nack_blp"));
        assertThat(s.rembSsrc).isEqualTo(numbers(f, "psfb.remb.fci.ssrc"));
        assertThat(s.tccChunks).isEqualTo(numbers(f, "rtpfb.transportcc.pktchunk"));
        assertThat(s.tccDeltaTicks).isEqualTo(tsharkDeltas(f));
    }

    private static void collectBlocks(RtcpReportView r, Seen s) {
        byte[] b = r.buffer();
        for (int i = 0; i < r.reportCount(); i++) {
            int blk = r.reportBlockOffset(i);
            s.ssrcIdentifier.add(u32(ReportBlock.ssrc(b, blk)));
            s.fraction.add((long) ReportBlock.fractionLost(b, blk));
            s.cumulativeLost.add((long) ReportBlock.cumulativeLost(b, blk));
            s.extHigh.add(ReportBlock.extendedHighestSequenceNumber(b, blk));
            s.jitter.add(ReportBlock.interarrivalJitterRtpUnits(b, blk));
            s.lsr.add(ReportBlock.lastSrCompactNtp(b, blk));
            s.dlsr.add(ReportBlock.delaySinceLastSrCompactNtp(b, blk));
        }
    }

    private static void checkTcc(Fixture f, TransportCcFeedback tcc, Seen s) {
        assertThat(tcc.baseSequenceNumber()).isEqualTo(number(f.get("rtpfb.transportcc.baseseq")));
        assertThat(tcc.packetStatusCount()).isEqualTo(number(f.get("rtpfb.transportcc.statuscount")));
        assertThat(tcc.referenceTime()).isEqualTo(number(f.get("rtpfb.transportcc.reftime")));
        assertThat(tcc.feedbackPacketCount()).isEqualTo(number(f.get("rtpfb.transportcc.pktcount")));
        byte[] b = tcc.buffer();
        for (int p = tcc.offset() + TransportCcFeedback.CHUNKS_OFFSET; p < tcc.deltasOffset(); p += 2) {
            s.tccChunks.add((long) Bytes.readUint16(b, p));
        }
        long previous = 0;
        int received = 0;
        tcc.rewind();
        while (tcc.nextPacket()) {
            assertThat(tcc.packetSequenceNumber()).isEqualTo((tcc.baseSequenceNumber() + tcc.packetIndex()) & 0xFFFF);
            if (tcc.packetReceived()) {
                received++;
                s.tccDeltaTicks.add((tcc.packetArrivalMicros() - previous) / TransportCcFeedback.DELTA_UNIT_MICROS);
                previous = tcc.packetArrivalMicros();
            }
        }
        assertThat(received).isEqualTo(tcc.receivedCount());
        long[] arrivals = new long[tcc.packetStatusCount()];
        assertThat(tcc.decode(arrivals)).isEqualTo(tcc.packetStatusCount());
        assertThat(Arrays.stream(arrivals).filter(a -> a != TransportCcFeedback.NOT_RECEIVED).count()).isEqualTo(received);
    }

    /** tshark prints 1-byte deltas as 0xNN and 2-byte (signed) ones as 0xNNNN. */
    private static List<Long> tsharkDeltas(Fixture f) {
        String v = f.expect().get("rtpfb.transportcc.recv_delta");
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(d -> {
            long raw = number(d);
            return d.length() > 4 ? (long) (short) raw : raw;
        }).toList();
    }
}
