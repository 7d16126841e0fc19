package org.opensfu.core.transport.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our DTLS 1.2 server (RFC 6347) for DTLS-SRTP. It answers a client that offers DTLS 1.3 (as Chromium does) with 1.2,
 * requests the client's certificate and checks it against the signalled fingerprint.
 */
final class DtlsSrtpServer extends DefaultTlsServer {
    private final DtlsSrtpNegotiation negotiation;
    private final int handshakeTimeoutMillis;
    private final DtlsPeerEvents events;

    DtlsSrtpServer(BcTlsCrypto crypto, DtlsSrtpNegotiation negotiation, int handshakeTimeoutMillis,
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
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        };
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return negotiation.credentials(context);
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        negotiation.chooseFromOffer(clientExtensions);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getServerExtensions() throws IOException {
        Hashtable<Integer, byte[]> extensions = super.getServerExtensions();
        if (extensions == null) {
            extensions = new Hashtable<>();
        }
        negotiation.addChosenToServerExtensions(extensions);
        return extensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, DtlsSrtpNegotiation.acceptedSignatureAlgorithms(), null);
    }

    @Override
    public void notifyClientCertificate(org.bouncycastle.tls.Certificate clientCertificate) throws IOException {
        negotiation.verifyPeerCertificate(clientCertificate);
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
