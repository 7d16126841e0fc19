package org.opensfu.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jitsi.srtp.crypto.Aes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.srtp.SrtpKeyingMaterial;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.srtp.SrtpResult;
import org.opensfu.core.srtp.SrtpSession;

/**
 * SRTP on a 1200-byte RTP packet (12-byte header, 1188-byte payload) through {@link SrtpSession} (jitsi-srtp).
 * Every operation copies the plaintext into the pooled buffer and advances the sequence number, so the receiver's
 * replay window never rejects: {@code unprotect} time is {@code protectAndUnprotect - protect}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SrtpBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SrtpBench {
    @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
    public String profile;

    /** jitsi-srtp's AES backend: its own start-up benchmark's pick, or the JDK's SunJCE. */
    @Param({"default", "SunJCE", "OpenSSL"})
    public String aesFactory;

    private final PacketBufferPool pool = new PacketBufferPool(4);
    private SrtpSession sender;
    private SrtpSession receiver;
    private PacketBuffer buffer;
    private byte[] plaintext;
    private int sequenceNumber;

    @Setup
    public void setUp() {
        if (!"default".equals(aesFactory)) {
            Aes.setFactoryClassName(aesFactory);
        }
        SrtpProfile srtpProfile = SrtpProfile.valueOf(profile);
        byte[] exported = new byte[srtpProfile.keyingMaterialLength()];
        new Random(7).nextBytes(exported);
        sender = new SrtpSession(SrtpKeyingMaterial.fromExporter(srtpProfile, exported.clone(), true));
        receiver = new SrtpSession(SrtpKeyingMaterial.fromExporter(srtpProfile, exported.clone(), false));
        plaintext = new byte[1200];
        new Random(1).nextBytes(plaintext);
        plaintext[0] = (byte) 0x80;
        plaintext[1] = 96;
        buffer = pool.acquire();
    }

    @TearDown
    public void tearDown() {
        buffer.release();
        sender.close();
        receiver.close();
    }

    @Benchmark
    public SrtpResult protect() {
        nextPacket();
        return sender.protectRtp(buffer);
    }

    @Benchmark
    public SrtpResult protectAndUnprotect() {
        nextPacket();
        SrtpResult protectResult = sender.protectRtp(buffer);
        SrtpResult result = receiver.unprotectRtp(buffer);
        if (protectResult != SrtpResult.OK || result != SrtpResult.OK) {
            throw new IllegalStateException(protectResult + " / " + result);
        }
        return result;
    }

    private void nextPacket() {
        buffer.copyFrom(plaintext, 0, plaintext.length);
        int seq = sequenceNumber++ & 0xFFFF;
        buffer.array()[buffer.offset() + 2] = (byte) (seq >>> 8);
        buffer.array()[buffer.offset() + 3] = (byte) seq;
    }
}
