package org.opensfu.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opensfu.core.buffer.PacketBuffer;

/**
 * The per-packet cost of the SFU's whole forwarding path after decryption, with sfu-core's own classes
 * ({@link RouterFixture}): the publisher's {@code RouterEndpoint.onRtp} → {@code Router} → for each of
 * {@code fanOut} {@code Consumer}s: copy, VP8 picture ID / TL0PICIDX and header rewrite, transport-cc stamp, send-side
 * bandwidth estimator bookkeeping, SRTP (AEAD_AES_128_GCM) protect and the UDP send system call on loopback.
 *
 * <p>One operation is one incoming VP8 packet; the batch of {@value #BATCH} runs on the router's media loop, as in the
 * server, and the benchmark thread waits for it. Per forwarded copy: divide by {@code fanOut}. The decryption of the
 * incoming packet (see {@link SrtpBench}) and its receive system call are not included; the subscribers' client
 * sides receive and decrypt on a second thread (on a 2-core machine they compete for the other core).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ForwardingPathBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ForwardingPathBench {
    static final int BATCH = 64;

    @Param({"1", "10", "50"})
    public int fanOut;

    private RouterFixture fixture;
    private Vp8PacketSource source;
    private Runnable batch;
    private volatile Thread waiter;
    private volatile boolean done;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new RouterFixture(fanOut);
        source = new Vp8PacketSource(RouterFixture.PUBLISHER_SSRC, RouterFixture.TRANSPORT_CC_ID);
        batch = () -> {
            long nowNanos = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                PacketBuffer packet = fixture.pool.acquire();
                source.next(packet, nowNanos);
                fixture.publisher.onRtp(fixture.publisherTransport, packet);
            }
            done = true;
            LockSupport.unpark(waiter);
        };
        for (int i = 0; i < 200; i++) {
            forwardBatch(); // the consumers start at the key frame
        }
        if (fixture.packetsForwarded() < 100L * BATCH * fanOut) {
            throw new IllegalStateException("the router forwarded only " + fixture.packetsForwarded() + " copies");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        fixture.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void forwardBatch() {
        waiter = Thread.currentThread();
        done = false;
        fixture.roomLoop.execute(batch);
        while (!done) {
            LockSupport.park(this);
        }
    }
}
