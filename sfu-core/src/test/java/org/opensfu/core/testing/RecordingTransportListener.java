package org.opensfu.core.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.TransportListener;
import org.opensfu.core.transport.WebRtcTransport;

/** A transport listener for tests: keeps copies of what arrives and releases the buffers. */
public final class RecordingTransportListener implements TransportListener {
    public final CompletableFuture<WebRtcTransport> connected = new CompletableFuture<>();
    public final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    public final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();

    @Override
    public void onTransportConnected(WebRtcTransport transport) {
        connected.complete(transport);
    }

    @Override
    public void onRtp(WebRtcTransport transport, PacketBuffer packet) {
        rtp.add(copy(packet));
        packet.release();
    }

    @Override
    public void onRtcp(WebRtcTransport transport, PacketBuffer packet) {
        rtcp.add(copy(packet));
        packet.release();
    }

    @Override
    public void onTransportClosed(WebRtcTransport transport, CloseReason reason) {
        closed.complete(reason);
    }

    public byte[] nextRtp(Duration timeout) throws InterruptedException {
        return rtp.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public byte[] nextRtcp(Duration timeout) throws InterruptedException {
        return rtcp.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static byte[] copy(PacketBuffer packet) {
        byte[] bytes = new byte[packet.length()];
        System.arraycopy(packet.array(), packet.offset(), bytes, 0, packet.length());
        return bytes;
    }
}
