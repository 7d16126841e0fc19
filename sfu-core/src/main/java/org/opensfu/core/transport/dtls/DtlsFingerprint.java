package org.opensfu.core.transport.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as signalled in SDP: {@code a=fingerprint:sha-256 AB:CD:...} (RFC 8122 §5).
 * The hash function names are the IANA "Hash Function Textual Names" in lower case.
 */
public record DtlsFingerprint(String algorithm, String value) {
    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    public DtlsFingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
        javaDigestName(algorithm); // validates
    }

    /** Fingerprint of a DER-encoded certificate with the given hash function ("sha-256", ...). */
    public static DtlsFingerprint of(String algorithm, byte[] certificateDer) {
        return new DtlsFingerprint(algorithm, HEX.formatHex(digest(algorithm, certificateDer)));
    }

    /**
     * Parses the value of an SDP fingerprint attribute: {@code "sha-256 AB:CD:..."}.
     *
     * @throws IllegalArgumentException if it is not of that form or names an unsupported hash
     */
    public static DtlsFingerprint parse(String attributeValue) {
        String[] parts = attributeValue.trim().split("\\s+");
        if (parts.length != 2 || !parts[1].matches("(?i)[0-9A-F]{2}(:[0-9A-F]{2})+")) {
            throw new IllegalArgumentException("not a fingerprint attribute: " + attributeValue);
        }
        return new DtlsFingerprint(parts[0], parts[1]);
    }

    /** True if the certificate hashes to this fingerprint (constant-time comparison). */
    public boolean matches(byte[] certificateDer) {
        byte[] expected = HEX.parseHex(value);
        return MessageDigest.isEqual(expected, digest(algorithm, certificateDer));
    }

    /** The attribute value, {@code "sha-256 AB:CD:..."}. */
    public String toSdpValue() {
        return algorithm + " " + value;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(javaDigestName(algorithm)).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    private static String javaDigestName(String algorithm) {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported fingerprint hash: " + algorithm);
        };
    }
}
