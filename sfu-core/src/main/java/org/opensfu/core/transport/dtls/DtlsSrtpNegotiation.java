package org.opensfu.core.transport.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.opensfu.core.srtp.SrtpKeyingMaterial;
import org.opensfu.core.srtp.SrtpProfile;

/**
 * The DTLS-SRTP parts shared by our DTLS server and client (RFC 5764): the {@code use_srtp} profile choice, the check
 * of the peer's certificate against the fingerprint it signalled (RFC 8122 §5, RFC 8827 §6.5), our ECDSA credentials,
 * and the export of the SRTP keying material (RFC 5764 §4.2).
 */
final class DtlsSrtpNegotiation {
    static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final BcTlsCrypto crypto;
    private final DtlsCertificate localCertificate;
    private final List<SrtpProfile> localProfiles;
    private volatile DtlsFingerprint remoteFingerprint;
    private volatile SrtpProfile chosenProfile;
    private volatile boolean remoteCertificateVerified;

    DtlsSrtpNegotiation(BcTlsCrypto crypto, DtlsCertificate localCertificate, List<SrtpProfile> localProfiles,
                        DtlsFingerprint remoteFingerprint) {
        if (localProfiles.isEmpty()) {
            throw new IllegalArgumentException("no SRTP profile");
        }
        this.crypto = crypto;
        this.localCertificate = localCertificate;
        this.localProfiles = List.copyOf(localProfiles);
        this.remoteFingerprint = remoteFingerprint;
    }

    void setRemoteFingerprint(DtlsFingerprint fingerprint) {
        this.remoteFingerprint = fingerprint;
    }

    List<SrtpProfile> localProfiles() {
        return localProfiles;
    }

    /** Server side: the first of our profiles that the client offers; no common profile is a handshake failure. */
    void chooseFromOffer(Hashtable<?, ?> clientExtensions) throws IOException {
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "client offered no use_srtp extension");
        }
        for (SrtpProfile ours : localProfiles) {
            for (int theirs : offered.getProtectionProfiles()) {
                if (ours.id() == theirs) {
                    chosenProfile = ours;
                    return;
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP profile in common");
    }

    /** Server side: adds our single chosen profile to the ServerHello extensions. */
    void addChosenToServerExtensions(Hashtable<Integer, byte[]> serverExtensions) throws IOException {
        TlsSRTPUtils.addUseSRTPExtension(serverExtensions,
                new UseSRTPData(new int[] {chosenProfile.id()}, TlsUtils.EMPTY_BYTES));
    }

    /** Client side: offers all our profiles in preference order. */
    void addOfferToClientExtensions(Hashtable<Integer, byte[]> clientExtensions) throws IOException {
        int[] ids = localProfiles.stream().mapToInt(SrtpProfile::id).toArray();
        TlsSRTPUtils.addUseSRTPExtension(clientExtensions, new UseSRTPData(ids, TlsUtils.EMPTY_BYTES));
    }

    /** Client side: accepts the server's choice if it is one we offered. */
    void acceptServerChoice(Hashtable<?, ?> serverExtensions) throws IOException {
        UseSRTPData chosen = serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null || chosen.getProtectionProfiles().length != 1) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server must choose exactly one SRTP profile");
        }
        Optional<SrtpProfile> profile = SrtpProfile.byId(chosen.getProtectionProfiles()[0]);
        if (profile.isEmpty() || !localProfiles.contains(profile.get())) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server chose an SRTP profile not offered");
        }
        chosenProfile = profile.get();
    }

    /** Refuses the handshake unless the peer's end-entity certificate matches the signalled fingerprint. */
    void verifyPeerCertificate(Certificate peerCertificate) throws IOException {
        DtlsFingerprint expected = remoteFingerprint;
        if (expected == null) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "no remote fingerprint signalled");
        }
        if (peerCertificate == null || peerCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "peer presented no certificate");
        }
        byte[] der = peerCertificate.getCertificateAt(0).getEncoded();
        if (!expected.matches(der)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "peer certificate does not match the signalled " + expected.algorithm() + " fingerprint");
        }
        remoteCertificateVerified = true;
    }

    TlsCredentialedSigner credentials(TlsContext context) throws IOException {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                localCertificate.privateKey(), localCertificate.toTlsCertificate(crypto), ECDSA_SHA256);
    }

    /** Signature algorithms we accept from the peer (browsers sign with ECDSA; RSA kept for other stacks). */
    static Vector<SignatureAndHashAlgorithm> acceptedSignatureAlgorithms() {
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        algorithms.add(ECDSA_SHA256);
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        algorithms.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
        return algorithms;
    }

    /** Exports and splits the SRTP master keys once the handshake is complete. */
    SrtpKeyingMaterial exportKeyingMaterial(TlsContext context) throws IOException {
        if (!remoteCertificateVerified) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "peer certificate was never verified");
        }
        SrtpProfile profile = chosenProfile;
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
        return SrtpKeyingMaterial.fromExporter(profile, exported, !context.isServer());
    }
}
