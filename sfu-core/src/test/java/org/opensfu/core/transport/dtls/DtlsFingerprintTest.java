package org.opensfu.core.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.opensfu.core.time.Clock;

class DtlsFingerprintTest {
    @Test
    void parsesAndFormatsTheSdpAttributeValue() {
        DtlsFingerprint fingerprint = DtlsFingerprint.parse("SHA-256 ab:cd:EF:01");
        assertThat(fingerprint.algorithm()).isEqualTo("sha-256");
        assertThat(fingerprint.value()).isEqualTo("AB:CD:EF:01");
        assertThat(fingerprint.toSdpValue()).isEqualTo("sha-256 AB:CD:EF:01");
    }

    @Test
    void matchesOnlyTheCertificateItWasComputedFrom() {
        DtlsCertificate one = DtlsCertificate.generate(Clock.system(), new SecureRandom());
        DtlsCertificate other = DtlsCertificate.generate(Clock.system(), new SecureRandom());
        assertThat(one.fingerprint().matches(one.der())).isTrue();
        assertThat(one.fingerprint().matches(other.der())).isFalse();
        assertThat(one.fingerprint().value()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        DtlsFingerprint sha1 = DtlsFingerprint.of("sha-1", one.der());
        assertThat(sha1.matches(one.der())).isTrue();
    }

    @Test
    void refusesMalformedValuesAndUnknownHashes() {
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 XY:ZZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse("md5 AB:CD")).isInstanceOf(IllegalArgumentException.class);
    }
}
