package org.opensfu.core.srtp;

import java.util.Locale;
import org.jitsi.srtp.crypto.Aes;

/**
 * Which AES implementation jitsi-srtp uses for every SRTP context of this process. Left to itself, jitsi-srtp
 * benchmarks every backend it finds (Bouncy Castle's pure-Java AES included) on the first contexts it creates, which
 * stalls the media thread that creates them for tens of milliseconds, and on this project's machines it then picks a
 * backend slower than the JDK's own intrinsics (see {@code benchmarks/RESULTS.md}: GCM protect 743 ns with SunJCE
 * against 850 ns by default). Call {@link #select} once, before the first session is created.
 */
public enum SrtpAesBackend {
    /** The JDK's provider, with the AES and GHASH intrinsics: the default. */
    SUN_JCE("SunJCE"),
    /** jitsi-srtp's JNI binding of the system OpenSSL. */
    OPENSSL("OpenSSL"),
    /** Let jitsi-srtp benchmark the available backends and pick one. */
    AUTO(null);

    private final String factoryName;

    SrtpAesBackend(String factoryName) {
        this.factoryName = factoryName;
    }

    /** Makes every SRTP context created from now on use this backend. */
    public void select() {
        Aes.setFactoryClassName(factoryName);
    }

    /** Parses a configured name: {@code SunJCE}, {@code OpenSSL} or {@code auto} (case-insensitive). */
    public static SrtpAesBackend parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sunjce" -> SUN_JCE;
            case "openssl" -> OPENSSL;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException(
                    "unknown SRTP AES backend '" + name + "' (SunJCE, OpenSSL or auto)");
        };
    }
}
