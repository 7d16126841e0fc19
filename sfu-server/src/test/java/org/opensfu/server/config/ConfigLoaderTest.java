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
        assertThat(config.media().effectiveThreads()).isPositive();
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
        assertRefused("sfu.media.advertised-addresses = [\"1.2.3.4:0\"]", "sfu.media.advertised-addresses");
        assertRefused("sfu.media.threads = -2", "sfu.media.threads");
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
