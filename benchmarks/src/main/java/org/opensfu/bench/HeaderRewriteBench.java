package org.opensfu.bench;

import java.util.Map;
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
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.rtp.HeaderExtensionMap;
import org.opensfu.core.rtp.HeaderExtensionRewriter;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.util.Bytes;

/**
 * What the SFU does to each forwarded copy before encryption, with sfu-core's classes: copy the 1200-byte packet,
 * rewrite SSRC, payload type, sequence number and timestamp (RFC 3550 §5.1), re-map the header extension IDs
 * (RFC 8285 §6), restamp transport-cc, and rewrite the VP8 picture ID and TL0PICIDX (RFC 7741 §4.2).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar HeaderRewriteBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderRewriteBench {
    private final PacketBufferPool pool = new PacketBufferPool(2);
    private final RtpPacket source = new RtpPacket();
    private final RtpPacket copy = new RtpPacket();
    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
    private PacketBuffer sourcePacket;
    private PacketBuffer copyPacket;
    private byte[] extensionTable;
    private int sequenceNumber;

    @Setup
    public void setUp() {
        sourcePacket = pool.acquire();
        copyPacket = pool.acquire();
        new Vp8PacketSource(RouterFixture.PUBLISHER_SSRC, RouterFixture.TRANSPORT_CC_ID).next(sourcePacket, 0);
        extensionTable = HeaderExtensionMap.forwardingTable(
                new HeaderExtensionMap(Map.of(HeaderExtension.TRANSPORT_CC, RouterFixture.TRANSPORT_CC_ID)),
                new HeaderExtensionMap(Map.of(HeaderExtension.TRANSPORT_CC, 5)));
        if (!source.wrap(sourcePacket.array(), sourcePacket.offset(), sourcePacket.length())) {
            throw new IllegalStateException("the fixture packet does not parse");
        }
    }

    /** One forwarded copy, ready for SRTP. */
    @Benchmark
    public int copyAndRewrite() {
        copyPacket.copyFrom(sourcePacket.array(), sourcePacket.offset(), sourcePacket.length());
        byte[] buf = copyPacket.array();
        if (!copy.wrap(buf, copyPacket.offset(), copyPacket.length())) {
            return -1;
        }
        int seq = sequenceNumber++;
        copy.setSsrc(0x2000);
        copy.setPayloadType(100);
        copy.setSequenceNumber((source.sequenceNumber() + seq) & 0xFFFF);
        copy.setTimestamp((source.timestamp() + 3000L * seq) & 0xFFFFFFFFL);
        HeaderExtensionRewriter.rewrite(copy, extensionTable);
        int element = copy.findExtension(5);
        if (element >= 0) {
            Bytes.writeUint16(buf, copy.extensionDataOffset(element), seq & 0xFFFF);
        }
        if (vp8.wrap(buf, copy.payloadOffset(), copy.payloadLength())) {
            vp8.setPictureId(seq & 0x7FFF);
            vp8.setTl0PicIdx(seq & 0xFF);
        }
        return copy.sequenceNumber();
    }
}
