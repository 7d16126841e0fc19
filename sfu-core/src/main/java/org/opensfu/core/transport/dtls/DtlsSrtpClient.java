package org.opensfu.core.transport.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our DTLS 1.2 client (RFC 6347) for DTLS-SRTP: used by the Java peer, the load generator and links between SFUs.
 * It offers our SRTP profiles, presents our certificate and checks the server's against the signalled fingerprint.
 */
final class DtlsSrtpClient extends DefaultTlsClient {
    private final DtlsSrtpNegotiation negotiation;
    private final int handshakeTimeoutMillis;
    private final DtlsPeerEvents events;

    DtlsSrtpClient(BcTlsCrypto crypto, DtlsSrtpNegotiation negotiation, int handshakeTimeoutMillis,
                   DtlsPeerEvents events) {
        super(crypto);
        this.negotiation = negotiation;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.events = events;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        };
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getClientExtensions() throws IOException {
        Hashtable<Integer, byte[]> extensions = super.getClientExtensions();
        if (extensions == null) {
            extensions = new Hashtable<>();
        }
        negotiation.addOfferToClientExtensions(extensions);
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        negotiation.acceptServerChoice(serverExtensions);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                negotiation.verifyPeerCertificate(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                return negotiation.credentials(context);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        events.onHandshakeComplete(negotiation.exportKeyingMaterial(context));
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        events.onAlertReceived(alertLevel, alertDescription);
    }
}
