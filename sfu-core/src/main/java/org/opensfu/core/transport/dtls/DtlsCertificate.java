package org.opensfu.core.transport.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.opensfu.core.time.Clock;

/**
 * A self-signed ECDSA P-256 certificate with SHA-256 signature, as WebRTC endpoints use for DTLS-SRTP
 * (RFC 8827 §6.5; browsers check only its fingerprint against SDP, never a chain).
 */
public final class DtlsCertificate {
    /** Hash used for the fingerprint we signal. */
    public static final String FINGERPRINT_HASH = "sha-256";
    private static final long VALIDITY_DAYS = 30;

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final DtlsFingerprint fingerprint;
    private final long createdNanos;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey, long createdNanos) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = DtlsFingerprint.of(FINGERPRINT_HASH, der);
        this.createdNanos = createdNanos;
    }

    /** Generates a fresh key pair and certificate valid from yesterday for 30 days. */
    public static DtlsCertificate generate(Clock clock, SecureRandom random) {
        X9ECParameters curve = ECNamedCurveTable.getByName("secp256r1");
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(
                new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve), random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();
        try {
            long nowMillis = clock.wallClockMillis();
            X500Name subject = new X500Name("CN=OpenSFU");
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, random).abs().add(BigInteger.ONE),
                    new Date(nowMillis - TimeUnit.DAYS.toMillis(1)),
                    new Date(nowMillis + TimeUnit.DAYS.toMillis(VALIDITY_DAYS)),
                    subject,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            AlgorithmIdentifier signatureAlgorithm =
                    new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digestAlgorithm = new DefaultDigestAlgorithmIdentifierFinder().find(signatureAlgorithm);
            ContentSigner signer = new BcECContentSignerBuilder(signatureAlgorithm, digestAlgorithm)
                    .build(keyPair.getPrivate());
            byte[] der = builder.build(signer).getEncoded();
            return new DtlsCertificate(der, keyPair.getPrivate(), clock.nowNanos());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    /** The SHA-256 fingerprint to put in SDP. */
    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }

    /** The certificate as Bouncy Castle's TLS layer wants it. */
    Certificate toTlsCertificate(TlsCrypto crypto) throws IOException {
        return new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    public long createdNanos() {
        return createdNanos;
    }

    /** A copy of the DER encoding. */
    public byte[] der() {
        return der.clone();
    }
}
