package org.opensfu.core.transport.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Bridges ice4j, which pushes received datagrams from its receive thread, and Bouncy Castle's DTLS, which pulls them
 * with a blocking {@code receive}. Received DTLS datagrams are copied into a small bounded queue (DTLS carries only
 * the handshake and alerts here, never media); when the queue is full the new datagram is dropped, as the network
 * would, and DTLS retransmits.
 */
final class QueueDatagramTransport implements DatagramTransport {
    /** Bytes we let a DTLS record take on the wire: below common tunnel MTUs, as browsers do. */
    static final int SEND_LIMIT = 1200;
    static final int RECEIVE_LIMIT = 1500;
    private static final int QUEUE_CAPACITY = 64;
    private static final byte[] WAKE_UP = new byte[0];

    private final ArrayBlockingQueue<byte[]> received = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final DatagramSink sink;
    private volatile boolean closed;

    QueueDatagramTransport(DatagramSink sink) {
        this.sink = sink;
    }

    /** Called by the network receive thread; copies the datagram. Returns false if it was dropped. */
    boolean offer(byte[] buf, int off, int len) {
        if (closed || len <= 0 || len > RECEIVE_LIMIT) {
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        return received.offer(copy);
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] datagram;
        try {
            datagram = received.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while receiving DTLS");
        }
        if (datagram == null || closed) {
            if (closed) {
                throw new IOException("DTLS transport closed");
            }
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        sink.send(buf, off, len);
    }

    @Override
    public void close() {
        closed = true;
        received.clear();
        received.offer(WAKE_UP); // wakes a handshake blocked in receive()
    }

    boolean isClosed() {
        return closed;
    }
}
