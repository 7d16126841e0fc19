package org.opensfu.core.transport.ice;

import com.typesafe.config.ConfigFactory;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;
import org.opensfu.core.buffer.PacketBuffer;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Process-wide ice4j settings, applied once before the first harvester exists:
 * <ul>
 *   <li>the push API (received payload is handed to our callback instead of virtual sockets);</li>
 *   <li>pooled receive buffers, so the receive thread does not allocate 1.5 KB per datagram;</li>
 *   <li>configuration through system properties (ice4j reads Typesafe Config): no AWS metadata probe and no link-local
 *       addresses, so the server sends nothing beyond the addresses it is given; consent checks every 5 s.</li>
 * </ul>
 */
public final class Ice4jRuntime {
    private static final int POOLED_BUFFER_SIZE = PacketBuffer.MAX_DATAGRAM;
    private static final MpmcAtomicArrayQueue<Buffer> POOL = new MpmcAtomicArrayQueue<>(4096);
    private static boolean initialized;
    /** Held so that the JUL levels set below are not lost to garbage collection. */
    private static final java.util.logging.Logger[] QUIETED = {
        java.util.logging.Logger.getLogger("org.ice4j"), java.util.logging.Logger.getLogger("org.jitsi")
    };

    private Ice4jRuntime() {
    }

    public static synchronized void initialize() {
        if (initialized) {
            return;
        }
        initialized = true;
        routeJulToSlf4j();
        setDefault("ice4j.harvest.mapping.aws.enabled", "false");
        setDefault("ice4j.harvest.use-link-local-addresses", "false");
        setDefault("ice4j.consent-freshness.interval", "5 seconds");
        setDefault("ice4j.consent-freshness.max-retransmissions", "5");
        setDefault("ice4j.software", "");
        // bursts of video from many publishers must not overflow the shared socket (the kernel caps it at rmem_max)
        setDefault("ice4j.harvest.udp.receive-buffer-size", "4194304");
        ConfigFactory.invalidateCaches();

        AbstractUdpListener.USE_PUSH_API = true;
        AbstractUdpListener.BYTES_TO_LEAVE_AT_START_OF_PACKET = 0;
        AbstractUdpListener.BYTES_TO_LEAVE_AT_END_OF_PACKET = 0;
        BufferPool.getBuffer = Ice4jRuntime::takeBuffer;
        BufferPool.returnBuffer = buffer -> {
            if (buffer.getBuffer().length == POOLED_BUFFER_SIZE) {
                POOL.relaxedOffer(buffer);
            }
            return kotlin.Unit.INSTANCE;
        };
    }

    /**
     * ice4j and jitsi-srtp log through java.util.logging: send that to SLF4J, and keep their per-session INFO chatter
     * out (warnings still pass).
     */
    private static void routeJulToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        for (java.util.logging.Logger logger : QUIETED) {
            logger.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private static Buffer takeBuffer(int size) {
        if (size <= POOLED_BUFFER_SIZE) {
            Buffer buffer = POOL.relaxedPoll();
            if (buffer == null) {
                buffer = new Buffer(new byte[POOLED_BUFFER_SIZE], 0, size);
            }
            buffer.setOffset(0);
            buffer.setLength(size);
            return buffer;
        }
        return new Buffer(new byte[size], 0, size);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
