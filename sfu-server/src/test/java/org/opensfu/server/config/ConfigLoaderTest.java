package org.opensfu.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensfu.core.srtp.SrtpAesBackend;
import org.opensfu.core.srtp.SrtpProfile;

class ConfigLoaderTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerConfig config = ConfigLoader.load(null);
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.media().port()).isEqualTo(10000);
        assertThat(config.media().bindAddresses()).isEmpty();
        assertThat(config.media().inactivityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.media().srtpProfiles())
                .containsExactly(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(config.media().srtpAesBackend()).isEqualTo(SrtpAesBackend.SUN_JCE);
        assertThat(config.media().effectiveThreads()).isPositive();
        assertThat(config.http().tls().enabled()).isFalse();
        assertThat(config.ops().auth().required()).isFalse();
        assertThat(config.ops().auth().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.ops().metricsEnabled()).isTrue();
        assertThat(config.ops().load().maxCpu()).isEqualTo(0.9);
        assertThat(config.ops().load().maxPacketsPerSecond()).isEqualTo(100_000);
        assertThat(config.ops().drainDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.ops().logging().json()).isFalse();
        assertThat(config.ops().logging().level()).isEqualTo("INFO");
        assertThat(config.ops().nodeId()).isNotBlank();
    }

    @Test
    void operationsSettingsAreRead(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n");
        Path file = dir.resolve("sfu.conf");
        Files.writeString(file, """
                sfu.node.id = node-1
                sfu.http.tls { cert-file = "%s", key-file = "%s" }
                sfu.auth { keys = [{key = k1, secret = "0123456789abcdef0123456789abcdef"}], clock-skew = 5s }
                sfu.metrics.enabled = false
                sfu.load { max-cpu = 0.5, max-packet-rate = 0 }
                sfu.drain.deadline = 2h
                sfu.logging { json = true, level = debug }
                """.formatted(cert, key));
        ServerConfig config = ConfigLoader.load(file);
        assertThat(config.ops().nodeId()).isEqualTo("node-1");
        assertThat(config.http().tls().enabled()).isTrue();
        assertThat(config.http().tls().certFile()).isEqualTo(cert);
        assertThat(config.ops().auth().keys()).containsExactly(
                new ServerConfig.ApiKey("k1", "0123456789abcdef0123456789abcdef"));
        assertThat(config.ops().auth().keys().toString()).doesNotContain("0123456789");
        assertThat(config.ops().auth().clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.ops().metricsEnabled()).isFalse();
        assertThat(config.ops().load().maxPacketsPerSecond()).isZero();
        assertThat(config.ops().drainDeadline()).isEqualTo(Duration.ofHours(2));
        assertThat(config.ops().logging().json()).isTrue();
        assertThat(config.ops().logging().level()).isEqualTo("DEBUG");
    }

    @Test
    void apiKeysFromTheEnvironmentAreKeySecretPairs() {
        ServerConfig config = ConfigLoader.fromConfig(ConfigFactory.parseString(
                "sfu.auth.keys = \"k1:0123456789abcdef0123456789abcdef, "
                        + "k2:abcdefghijabcdefghijabcdefghij:with:colons\"")
                .withFallback(ConfigFactory.defaultReference()).resolve());
        assertThat(config.ops().auth().keys()).extracting(ServerConfig.ApiKey::key).containsExactly("k1", "k2");
        assertThat(config.ops().auth().keys().get(1).secret()).isEqualTo("abcdefghijabcdefghijabcdefghij:with:colons");
    }

    @Test
    void unknownSettingsInAFileAreRefusedNamingThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sfu.conf");
        Files.writeString(file, "sfu.http.prot = 9090\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("sfu.http.prot"))
                .hasMessageContaining("unknown setting");
    }

    @Test
    void aFileOverridesTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sfu.conf");
        Files.writeString(file, """
                sfu.http.port = 9090
                sfu.media {
                  port = 20000
                  bind-addresses = ["127.0.0.1"]
                  advertised-addresses = ["127.0.0.2:30000", "127.0.0.3"]
                  srtp-profiles = [aes_cm_128_hmac_sha1_80]
                  srtp-aes-backend = openssl
                }
                """);
        ServerConfig config = ConfigLoader.load(file);
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.media().port()).isEqualTo(20000);
        assertThat(config.media().bindAddresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(config.media().advertisedAddresses()).containsExactly(
                new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 30000),
                new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
        assertThat(config.media().srtpProfiles()).containsExactly(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(config.media().srtpAesBackend()).isEqualTo(SrtpAesBackend.OPENSSL);
    }

    @Test
    void environmentStyleCommaSeparatedListsAreAccepted() {
        ServerConfig config = ConfigLoader.fromConfig(ConfigFactory.parseString(
                "sfu.media.bind-addresses = \"127.0.0.1, ::1\"").withFallback(ConfigFactory.defaultReference())
                .resolve());
        assertThat(config.media().bindAddresses()).hasSize(2);
    }

    @Test
    void invalidValuesAreRefusedNamingTheKey() {
        assertRefused("sfu.http.port = 70000", "sfu.http.port");
        assertRefused("sfu.http.port = \"eighty\"", "sfu.http.port");
        assertRefused("sfu.media.inactivity-timeout = -1s", "sfu.media.inactivity-timeout");
        assertRefused("sfu.media.srtp-profiles = [ROT13]", "sfu.media.srtp-profiles");
        assertRefused("sfu.media.srtp-aes-backend = rot13", "sfu.media.srtp-aes-backend");
        assertRefused("sfu.media.advertised-addresses = [\"1.2.3.4:0\"]", "sfu.media.advertised-addresses");
        assertRefused("sfu.media.threads = -2", "sfu.media.threads");
        assertRefused("sfu.auth.keys = [{key = k1, secret = short}]", "sfu.auth.keys");
        assertRefused("sfu.auth.keys = \"k1\"", "sfu.auth.keys");
        assertRefused("sfu.auth.keys = [{key = k1}]", "sfu.auth.keys");
        assertRefused("sfu.auth.keys = [{key = \"a b\", secret = \"0123456789abcdef0123456789abcdef\"}]",
                "sfu.auth.keys");
        assertRefused("sfu.auth.clock-skew = -1s", "sfu.auth.clock-skew");
        assertRefused("sfu.http.tls.cert-file = /nonexistent/cert.pem", "sfu.http.tls.key-file");
        assertRefused("sfu.http.tls.key-file = /nonexistent/key.pem", "sfu.http.tls.cert-file");
        assertRefused("sfu.http.tls { cert-file = /nonexistent/c.pem, key-file = /nonexistent/k.pem }",
                "sfu.http.tls.cert-file");
        assertRefused("sfu.load.max-cpu = 1.5", "sfu.load.max-cpu");
        assertRefused("sfu.load.max-packet-rate = -1", "sfu.load.max-packet-rate");
        assertRefused("sfu.drain.deadline = 0s", "sfu.drain.deadline");
        assertRefused("sfu.logging.level = LOUD", "sfu.logging.level");
        assertRefused("sfu.logging.json = maybe", "sfu.logging.json");
        assertRefused("sfu.node.id = \"has spaces\"", "sfu.node.id");
    }

    @Test
    void anUnreadableFileIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.conf")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read");
    }

    private static void assertRefused(String hocon, String key) {
        assertThatThrownBy(() -> ConfigLoader.fromConfig(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference()).resolve()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
                .hasMessageContaining(key);
    }
}
