package org.opensfu.server.http;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate for development HTTPS ({@code sfu.http.tls.self-signed}), as PEM text, for
 * localhost, the loopback addresses and the given names. Browsers warn about it; tests trust it explicitly.
 *
 * @param certificatePem    the certificate
 * @param privateKeyPem     its private key, PKCS#8
 * @param sha256Fingerprint SHA-256 of the certificate, as colon-separated hex (to compare with the browser's warning)
 */
public record SelfSignedCertificate(String certificatePem, String privateKeyPem, String sha256Fingerprint) {
    private static final Duration VALIDITY = Duration.ofDays(30);

    /** Generates a certificate valid from an hour ago for 30 days, for localhost plus {@code extraNames}. */
    public static SelfSignedCertificate generate(List<String> extraNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
            names.addAll(extraNames);
            List<GeneralName> alternativeNames = new ArrayList<>();
            for (String name : names) {
                if (name == null || name.isBlank() || "0.0.0.0".equals(name) || "::".equals(name)) {
                    continue;
                }
                alternativeNames.add(isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name.toLowerCase(Locale.ROOT)));
            }
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=OpenSFU development certificate");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                    keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            byte[] der = certificate.getEncoded();
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            return new SelfSignedCertificate(pem("CERTIFICATE", der), pem("PRIVATE KEY",
                    keys.getPrivate().getEncoded()), fingerprint);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static boolean isIpLiteral(String name) {
        if (!name.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(name); // a literal: no lookup
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
