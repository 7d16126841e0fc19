package org.opensfu.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A userspace UDP relay on loopback that stands between clients and a server port and can impair each direction
 * (rate limit, delay, random loss): the test network shaper, since this kernel has no netem. The server advertises
 * the relay's address as its ICE candidate; each client gets its own upstream socket, so the server sees one distinct
 * 5-tuple per client. Impairments can be changed while traffic flows, per client.
 */
public final class ImpairmentRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final InetSocketAddress server;
    private final Map<SocketAddress, Client> clients = new ConcurrentHashMap<>();
    private final DelayQueue<Pending> pending = new DelayQueue<>();
    private final Random random = new Random(1234);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile Function<SocketAddress, Impairment> downlink = client -> Impairment.NONE;
    private volatile Function<SocketAddress, Impairment> uplink = client -> Impairment.NONE;
    private volatile boolean closed;

    /** Relays datagrams arriving on a free loopback port to {@code server}. */
    public ImpairmentRelay(InetSocketAddress server) {
        this.server = server;
        try {
            front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("relay-front").start(this::readFront);
        Thread.ofPlatform().daemon().name("relay-sender").start(this::sendDue);
    }

    /** Where clients should send: the address to advertise. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), front.getLocalPort());
    }

    /** Impairment toward clients (server to client), chosen per client address. */
    public void setDownlink(Function<SocketAddress, Impairment> policy) {
        downlink = policy;
    }

    /** Impairment toward the server (client to server), chosen per client address. */
    public void setUplink(Function<SocketAddress, Impairment> policy) {
        uplink = policy;
    }

    /** The addresses of the clients seen so far. */
    public java.util.Set<SocketAddress> clientAddresses() {
        return java.util.Set.copyOf(clients.keySet());
    }

    public long dropped() {
        return dropped.get();
    }

    public long forwarded() {
        return forwarded.get();
    }

    private void readFront() {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                packet.setData(buf, 0, buf.length);
                front.receive(packet);
                SocketAddress from = packet.getSocketAddress();
                Client client = clients.computeIfAbsent(from, this::newClient);
                enqueue(client.up, uplink.apply(from), packet, client.upstream, server);
            } catch (IOException e) {
                return;
            }
        }
    }

    private Client newClient(SocketAddress address) {
        try {
            DatagramSocket upstream = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Client client = new Client(address, upstream);
            Thread.ofPlatform().daemon().name("relay-up-" + upstream.getLocalPort()).start(() -> readUpstream(client));
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readUpstream(Client client) {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                packet.setData(buf, 0, buf.length);
                client.upstream.receive(packet);
                enqueue(client.down, downlink.apply(client.address), packet, front, client.address);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Applies loss, the token bucket and the delay, then schedules the datagram. */
    private void enqueue(Bucket bucket, Impairment impairment, DatagramPacket packet, DatagramSocket via,
                         SocketAddress to) {
        if (impairment.lossPercent() > 0 && random.nextDouble() * 100 < impairment.lossPercent()) {
            dropped.incrementAndGet();
            return;
        }
        long nowNanos = System.nanoTime();
        long sendAtNanos = nowNanos;
        if (impairment.rateBps() > 0) {
            long wireNanos = packet.getLength() * 8L * 1_000_000_000L / impairment.rateBps();
            synchronized (bucket) {
                long start = Math.max(nowNanos, bucket.busyUntilNanos);
                if (start - nowNanos > TimeUnit.MILLISECONDS.toNanos(impairment.queueMillis())) {
                    dropped.incrementAndGet(); // tail drop: the queue is full
                    return;
                }
                bucket.busyUntilNanos = start + wireNanos;
                sendAtNanos = bucket.busyUntilNanos;
            }
        }
        sendAtNanos += TimeUnit.MILLISECONDS.toNanos(impairment.delayMillis());
        byte[] copy = new byte[packet.getLength()];
        System.arraycopy(packet.getData(), packet.getOffset(), copy, 0, copy.length);
        pending.add(new Pending(sendAtNanos, copy, via, to));
    }

    private void sendDue() {
        while (!closed) {
            try {
                Pending next = pending.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.via.send(new DatagramPacket(next.bytes, next.bytes.length, next.to));
                    forwarded.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        for (Client client : clients.values()) {
            client.upstream.close();
        }
    }

    private static final class Bucket {
        long busyUntilNanos;
    }

    private record Client(SocketAddress address, DatagramSocket upstream, Bucket up, Bucket down) {
        Client(SocketAddress address, DatagramSocket upstream) {
            this(address, upstream, new Bucket(), new Bucket());
        }
    }

    private record Pending(long sendAtNanos, byte[] bytes, DatagramSocket via, SocketAddress to) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(sendAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(sendAtNanos, ((Pending) other).sendAtNanos);
        }
    }
}
