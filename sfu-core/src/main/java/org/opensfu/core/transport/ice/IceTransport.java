package org.opensfu.core.transport.ice;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferHandler;
import org.ice4j.util.BufferPool;
import org.jitsi.utils.logging2.LogContext;
import org.jitsi.utils.logging2.LoggerImpl;
import org.opensfu.core.buffer.PacketBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full ICE (RFC 8445) for one participant with ice4j: one agent, one stream, one component (BUNDLE and rtcp-mux put
 * everything on one 5-tuple), consent freshness (RFC 7675) on. Receiving uses ice4j's push API; sending media uses the
 * selected pair's socket directly with a reused {@link DatagramPacket}, so the media loop does not allocate per send.
 *
 * <p>ice4j never times a session out by itself: the owner closes idle transports (see
 * {@code TransportManager}).
 */
public final class IceTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceTransport.class);

    private final String logId;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final IceListener listener;
    private final AtomicBoolean writable = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // send path state, confined to the media loop thread
    private final DatagramPacket sendPacket = new DatagramPacket(new byte[0], 0);
    private CandidatePair cachedPair;
    private IceSocketWrapper cachedSocket;

    public IceTransport(String logId, IceRole role, IceSockets sockets, IceListener listener) {
        Ice4jRuntime.initialize();
        this.logId = logId;
        this.listener = listener;
        OwnSocketHarvester ownSocket = null;
        List<? extends CandidateHarvester> harvesters;
        if (sockets instanceof IceSockets.SharedPort shared) {
            harvesters = shared.port().harvesters();
        } else {
            ownSocket = new OwnSocketHarvester(((IceSockets.OwnSocket) sockets).localAddress());
            harvesters = List.of(ownSocket);
        }
        this.agent = new Agent("", new LoggerImpl(IceTransport.class.getName(),
                new LogContext("transport", logId)));
        agent.setControlling(role == IceRole.CONTROLLING);
        agent.setUseDynamicPorts(false);
        agent.setPerformConsentFreshness(true);
        for (CandidateHarvester harvester : harvesters) {
            agent.addCandidateHarvester(harvester);
        }
        this.stream = agent.createMediaStream("media");
        try {
            this.component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        } catch (IOException e) {
            agent.free();
            throw new IllegalStateException("ICE harvesting failed", e);
        }
        if (ownSocket != null) {
            startReader(ownSocket.socket());
        }
        component.setBufferCallback(new BufferHandler() {
            @Override
            public void handleBuffer(Buffer buffer) {
                try {
                    listener.onDatagram(buffer.getBuffer(), buffer.getOffset(), buffer.getLength());
                } finally {
                    BufferPool.returnBuffer.invoke(buffer);
                }
            }
        });
        stream.addPairChangeListener(this::onPairChange);
        agent.addStateChangeListener(this::onAgentStateChange);
    }

    /** Reads non-STUN datagrams from a socket of our own (clients); ice4j's STUN stack filters out the checks. */
    private void startReader(DatagramSocket socket) {
        Thread.ofVirtual().name("ice-reader-" + logId).start(() -> {
            byte[] buf = new byte[PacketBuffer.MAX_DATAGRAM];
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            while (!closed.get()) {
                try {
                    packet.setData(buf, 0, buf.length);
                    socket.receive(packet);
                    listener.onDatagram(buf, packet.getOffset(), packet.getLength());
                } catch (IOException e) {
                    if (!closed.get()) {
                        LOG.debug("{}: socket reader stopped: {}", logId, e.getMessage());
                    }
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("{}: datagram handler failed", logId, e);
                }
            }
        });
    }

    public IceParameters localParameters() {
        return new IceParameters(agent.getLocalUfrag(), agent.getLocalPassword());
    }

    /** The host candidates ice4j gathered (the bound addresses; servers advertise configured ones instead). */
    public List<IceCandidate> gatheredCandidates() {
        return component.getLocalCandidates().stream()
                .map(c -> IceCandidate.host(c.getFoundation(), c.getTransportAddress().getHostAddress(),
                        c.getTransportAddress().getPort(), 65535))
                .toList();
    }

    /** Sets the peer's credentials and candidates and starts connectivity checks (once). */
    public void start(IceParameters remote, List<IceCandidate> remoteCandidates) {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        stream.setRemoteUfrag(remote.ufrag());
        stream.setRemotePassword(remote.password());
        for (IceCandidate candidate : remoteCandidates) {
            RemoteCandidate rc = toRemote(candidate, remote.ufrag());
            if (rc != null) {
                component.addRemoteCandidate(rc);
            }
        }
        agent.startConnectivityEstablishment();
    }

    /** Adds a trickled candidate of the peer (before or after start). Unusable candidates are ignored. */
    public void addRemoteCandidate(IceCandidate candidate) {
        if (closed.get()) {
            return;
        }
        RemoteCandidate rc = toRemote(candidate, stream.getRemoteUfrag());
        if (rc == null) {
            return;
        }
        if (started.get()) {
            component.addUpdateRemoteCandidates(rc);
            component.updateRemoteCandidates();
        } else {
            component.addRemoteCandidate(rc);
        }
    }

    private RemoteCandidate toRemote(IceCandidate candidate, String remoteUfrag) {
        if (candidate.component() != 1 || !candidate.isUdpWithIpAddress()) {
            return null; // mDNS names, TCP and RTCP-component candidates are not used
        }
        try {
            TransportAddress address = new TransportAddress(InetAddress.getByName(candidate.address()),
                    candidate.port(), Transport.UDP);
            return new RemoteCandidate(address, component, CandidateType.parse(candidate.type()),
                    candidate.foundation(), candidate.priority(), null, remoteUfrag);
        } catch (UnknownHostException | IllegalArgumentException e) {
            LOG.debug("{}: ignoring remote candidate {}: {}", logId, candidate, e.getMessage());
            return null;
        }
    }

    public boolean isWritable() {
        return writable.get();
    }

    /** The remote address of the selected pair, or null before one is selected. */
    public SocketAddress selectedRemoteAddress() {
        CandidatePair pair = component.getSelectedPair();
        return pair == null ? null : pair.getRemoteCandidate().getTransportAddress();
    }

    /** Sends a datagram from any thread (DTLS): through ice4j's component, on the selected or a valid pair. */
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed.get()) {
            throw new IOException("ICE transport closed");
        }
        component.send(buf, off, len);
    }

    /**
     * Sends a datagram from the media loop thread (the only caller): straight to the selected pair's socket, with a
     * reused packet object. Before a pair is selected it falls back to {@link #send}.
     */
    public void sendFromLoop(byte[] buf, int off, int len) throws IOException {
        CandidatePair pair = component.getSelectedPair();
        if (pair == null || closed.get()) {
            send(buf, off, len);
            return;
        }
        if (pair != cachedPair) {
            cachedSocket = pair.getIceSocketWrapper();
            cachedPair = pair;
            sendPacket.setSocketAddress(pair.getRemoteCandidate().getTransportAddress());
        }
        if (cachedSocket == null) {
            send(buf, off, len);
            return;
        }
        sendPacket.setData(buf, off, len);
        cachedSocket.send(sendPacket);
    }

    private void onPairChange(PropertyChangeEvent event) {
        String property = event.getPropertyName();
        if (IceMediaStream.PROPERTY_PAIR_VALIDATED.equals(property)) {
            if (writable.compareAndSet(false, true)) {
                LOG.debug("{}: ICE writable via {}", logId, event.getSource());
                listener.onIceWritable();
            }
        } else if (IceMediaStream.PROPERTY_PAIR_CONSENT_FRESHNESS_CHANGED.equals(property)) {
            listener.onConsentRefreshed();
        }
    }

    private void onAgentStateChange(PropertyChangeEvent event) {
        if (event.getNewValue() == IceProcessingState.FAILED && !closed.get()) {
            LOG.info("{}: ICE failed", logId);
            listener.onIceFailed();
        }
    }

    /** Frees the agent: its candidates leave the shared port's demultiplexer, timers stop. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            agent.free();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** ice4j's view of the processing state, for diagnostics. */
    public String iceState() {
        return agent.getState().toString();
    }
}
