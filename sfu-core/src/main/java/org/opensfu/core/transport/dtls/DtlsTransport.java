package org.opensfu.core.transport.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.opensfu.core.srtp.SrtpKeyingMaterial;
import org.opensfu.core.srtp.SrtpProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS association for DTLS-SRTP (RFC 5764), in the server or client role, with Bouncy Castle.
 *
 * <p>Datagrams arrive from the network thread through {@link #onDatagram} (queued, even before {@link #start()}, so a
 * ClientHello that overtakes our ICE "connected" event is kept). {@link #start()} runs the blocking handshake on a
 * virtual thread, which then stays to read alerts until the association ends. The listener is called on that thread.
 */
public final class DtlsTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsTransport.class);
    private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    /** Outcome of the association, called on the DTLS thread. */
    public interface Listener {
        void onDtlsConnected(SrtpKeyingMaterial keyingMaterial);

        /** The handshake failed or the peer sent a fatal alert. */
        void onDtlsFailed(String reason, Throwable cause);

        /** The peer closed the association with close_notify. */
        void onDtlsClosed();
    }

    private final String logId;
    private final DtlsRole role;
    private final int handshakeTimeoutMillis;
    private final Listener listener;
    private final DtlsSrtpNegotiation negotiation;
    private final QueueDatagramTransport datagrams;
    private final AtomicReference<DtlsState> state = new AtomicReference<>(DtlsState.NEW);
    private final LongAdder droppedDatagrams = new LongAdder();
    private final LongAdder ignoredRecordFailures = new LongAdder();
    private volatile SrtpKeyingMaterial keyingMaterial;
    private volatile DTLSTransport association;
    private volatile boolean peerClosed;
    private volatile boolean fatalAlertReceived;

    public DtlsTransport(String logId, DtlsRole role, DtlsCertificate localCertificate, List<SrtpProfile> profiles,
                         Duration handshakeTimeout, DatagramSink sink, Listener listener) {
        this.logId = logId;
        this.role = role;
        this.handshakeTimeoutMillis = Math.toIntExact(handshakeTimeout.toMillis());
        this.listener = listener;
        this.negotiation = new DtlsSrtpNegotiation(CRYPTO, localCertificate, profiles, null);
        this.datagrams = new QueueDatagramTransport(sink);
    }

    public DtlsRole role() {
        return role;
    }

    public DtlsState state() {
        return state.get();
    }

    /** The fingerprint the peer signalled; the handshake fails if its certificate does not match. */
    public void setRemoteFingerprint(DtlsFingerprint fingerprint) {
        negotiation.setRemoteFingerprint(fingerprint);
    }

    /** The negotiated profile, once connected. */
    public SrtpProfile profile() {
        SrtpKeyingMaterial material = keyingMaterial;
        return material == null ? null : material.profile();
    }

    /** From the network thread: a datagram whose first byte says DTLS. Returns false if it was dropped. */
    public boolean onDatagram(byte[] buf, int off, int len) {
        boolean queued = datagrams.offer(buf, off, len);
        if (!queued) {
            droppedDatagrams.increment();
        }
        return queued;
    }

    public long droppedDatagrams() {
        return droppedDatagrams.sum();
    }

    /** Starts the handshake (once; later calls do nothing). */
    public void start() {
        if (!state.compareAndSet(DtlsState.NEW, DtlsState.CONNECTING)) {
            return;
        }
        Thread.ofVirtual().name("dtls-" + logId).start(this::runAssociation);
    }

    private void runAssociation() {
        DtlsPeerEvents events = new DtlsPeerEvents() {
            @Override
            public void onHandshakeComplete(SrtpKeyingMaterial material) {
                keyingMaterial = material;
            }

            @Override
            public void onAlertReceived(short alertLevel, short alertDescription) {
                if (alertDescription == AlertDescription.close_notify) {
                    peerClosed = true;
                } else if (alertLevel == AlertLevel.fatal) {
                    fatalAlertReceived = true;
                }
            }
        };
        try {
            if (role == DtlsRole.SERVER) {
                DTLSServerProtocol protocol = new DTLSServerProtocol();
                protocol.setVerifyRequests(false); // ICE already proved the peer owns its address
                association = protocol.accept(
                        new DtlsSrtpServer(CRYPTO, negotiation, handshakeTimeoutMillis, events), datagrams);
            } else {
                association = new DTLSClientProtocol().connect(
                        new DtlsSrtpClient(CRYPTO, negotiation, handshakeTimeoutMillis, events), datagrams);
            }
        } catch (IOException | RuntimeException e) {
            fail(state.get() == DtlsState.CLOSED ? "closed during handshake" : "handshake failed: " + e, e);
            return;
        }
        if (!state.compareAndSet(DtlsState.CONNECTING, DtlsState.CONNECTED)) {
            closeQuietly();
            return;
        }
        LOG.debug("{}: DTLS connected as {}, SRTP profile {}", logId, role, keyingMaterial.profile());
        listener.onDtlsConnected(keyingMaterial);
        readUntilClosed();
    }

    /**
     * After the handshake, only alerts (and possibly retransmitted handshake flights) arrive. A record Bouncy Castle
     * cannot process ends our reading but not the session: SRTP is already keyed, and anyone who learned the ICE ufrag
     * can inject unauthenticated datagrams, which must not be a way to kill it. Only an authenticated fatal alert or
     * close_notify from the peer ends the association; otherwise consent expiry does.
     */
    private void readUntilClosed() {
        byte[] scratch = new byte[QueueDatagramTransport.RECEIVE_LIMIT];
        try {
            while (!datagrams.isClosed() && !peerClosed) {
                association.receive(scratch, 0, scratch.length, 1000);
            }
        } catch (IOException | RuntimeException e) {
            if (fatalAlertReceived && !datagrams.isClosed()) {
                fail("peer sent a fatal alert", e);
                return;
            }
            if (!datagrams.isClosed()) {
                LOG.debug("{}: stopped reading DTLS after an unprocessable record: {}", logId, e.toString());
                ignoredRecordFailures.increment();
            }
        }
        if (peerClosed && state.compareAndSet(DtlsState.CONNECTED, DtlsState.CLOSED)) {
            datagrams.close();
            listener.onDtlsClosed();
        }
    }

    /** How many times post-handshake DTLS input could not be processed (and was ignored). */
    public long ignoredRecordFailures() {
        return ignoredRecordFailures.sum();
    }

    private void fail(String reason, Throwable cause) {
        DtlsState previous = state.getAndSet(DtlsState.FAILED);
        datagrams.close();
        if (previous != DtlsState.CLOSED && previous != DtlsState.FAILED) {
            LOG.info("{}: DTLS {}", logId, reason);
            listener.onDtlsFailed(reason, cause);
        } else if (previous == DtlsState.CLOSED) {
            state.set(DtlsState.CLOSED);
        }
    }

    /** Ends the association: sends close_notify if connected and stops the DTLS thread. */
    @Override
    public void close() {
        DtlsState previous = state.getAndSet(DtlsState.CLOSED);
        if (previous == DtlsState.CONNECTED) {
            closeQuietly();
        }
        datagrams.close();
    }

    private void closeQuietly() {
        DTLSTransport current = association;
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: error sending close_notify", logId, e);
            }
        }
    }
}
