package org.opensfu.bench;

import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opensfu.core.rtcp.RtcpIterator;
import org.opensfu.core.rtcp.RtcpPacketType;
import org.opensfu.core.rtcp.Sdes;
import org.opensfu.core.rtcp.SenderReport;
import org.opensfu.core.rtcp.TransportCcFeedback;
import org.opensfu.core.rtcp.TransportCcFeedbackBuilder;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.util.Bytes;

/**
 * Hot-path parsing cost: {@link RtpPacket#wrap} plus the reads a forwarder does per packet, a
 * compound SR+SDES walk, and transport-cc feedback decoding and building. Views are reused, so
 * the gc profiler should show about 0 B/op.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar RtpParseBench -f 1 -wi 2 -i 3 -w 1 -r 1 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RtpParseBench {
    /** RTP header of a real Chromium 156 VP8/RED packet: one-byte form with abs-send-time (2),
     * transport-cc (3), mid (4), rid (10) and a 3-byte dependency descriptor (12). */
    private static final String CHROME_RTP_HEADER = "90f61f94557945cd525528eebede00042295cbd13100204031a071c2c50002";
    /** A real Chromium SR + SDES compound packet. */
    private static final String CHROME_SR_SDES = "80c80006d0615412eeaf6faded4024b325725927000000190000169981ca0006"
            + "d061541201105642554c664870455579343235516c660000";
    /** A real Chromium transport-cc feedback: 33 packets, 1-bit and 2-bit vectors. */
    private static final String CHROME_TCC = "8fcd000bfa17fa17569023c800010021002bd800bffe80fcc15047050204020202"
            + "0102020203021a0201020502070802";
    private static final int TRANSPORT_CC_ID = 3;

    private final RtpPacket rtp = new RtpPacket();
    private final RtcpIterator iterator = new RtcpIterator();
    private final SenderReport sr = new SenderReport();
    private final Sdes sdes = new Sdes();
    private final TransportCcFeedback tcc = new TransportCcFeedback();
    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
    private final long[] arrivals = new long[1024];

    private byte[] rtpPacket;
    private byte[] srSdes;
    private byte[] chromeTcc;
    private byte[] bigTcc;
    private byte[] out;
    private int srcSsrc;

    @Setup
    public void setup() {
        HexFormat hex = HexFormat.of();
        byte[] header = hex.parseHex(CHROME_RTP_HEADER);
        rtpPacket = new byte[1200];
        new Random(1).nextBytes(rtpPacket);
        System.arraycopy(header, 0, rtpPacket, 0, header.length);
        srSdes = hex.parseHex(CHROME_SR_SDES);
        srcSsrc = Bytes.readInt32(srSdes, 4);
        chromeTcc = hex.parseHex(CHROME_TCC);
        out = new byte[1500];
        int len = buildFeedback();
        bigTcc = java.util.Arrays.copyOf(out, len);
        if (!rtp.wrap(rtpPacket, 0, rtpPacket.length) || !tcc.wrap(bigTcc, 0, bigTcc.length)
                || !tcc.wrap(chromeTcc, 0, chromeTcc.length)) {
            throw new IllegalStateException("bench fixtures do not parse");
        }
    }

    /** 200 packets, 1 ms apart with jitter, every 25th lost, one 60 ms stall. */
    private int buildFeedback() {
        builder.reset(1, 2, 3);
        long t = 123_456_789;
        for (int i = 0; i < 200; i++) {
            t += i == 100 ? 60_000 : 800 + (i * 37) % 400;
            if (i % 25 != 24) {
                builder.addReceived(65500 + i, t);
            }
        }
        return builder.write(out, 0);
    }

    /** What a forwarder reads per packet: SSRC, sequence number, the transport-cc extension. */
    @Benchmark
    public int rtpWrapReadSsrcSeqExtension() {
        if (!rtp.wrap(rtpPacket, 0, rtpPacket.length)) {
            return -1;
        }
        int i = rtp.findExtension(TRANSPORT_CC_ID);
        int twcc = i < 0 ? -1 : Bytes.readUint16(rtp.buffer(), rtp.extensionDataOffset(i));
        return rtp.ssrc() ^ rtp.sequenceNumber() ^ twcc;
    }

    /** Walk SR + SDES, reading the SR's NTP time and the CNAME's position. */
    @Benchmark
    public long rtcpWalkSrSdes() {
        long acc = 0;
        iterator.wrap(srSdes, 0, srSdes.length);
        while (iterator.next()) {
            int off = iterator.packetOffset();
            int len = iterator.packetLength();
            if (iterator.packetType() == RtcpPacketType.SR && sr.wrap(srSdes, off, len)) {
                acc += sr.ntpTimestamp() + sr.rtpTimestamp();
            } else if (iterator.packetType() == RtcpPacketType.SDES && sdes.wrap(srSdes, off, len)
                    && sdes.findCname(srcSsrc)) {
                acc += sdes.itemValueOffset();
            }
        }
        return acc;
    }

    /** Wrap and decode a real Chromium transport-cc feedback (33 packets). */
    @Benchmark
    public int tccDecodeChrome33() {
        if (!tcc.wrap(chromeTcc, 0, chromeTcc.length)) {
            return -1;
        }
        return tcc.decode(arrivals);
    }

    /** Wrap and decode a 200-packet feedback written by the builder. */
    @Benchmark
    public int tccDecode200() {
        if (!tcc.wrap(bigTcc, 0, bigTcc.length)) {
            return -1;
        }
        return tcc.decode(arrivals);
    }

    /** Build and write a 200-packet feedback. */
    @Benchmark
    public int tccBuild200() {
        return buildFeedback();
    }
}
