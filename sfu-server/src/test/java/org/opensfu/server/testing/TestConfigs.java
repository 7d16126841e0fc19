package org.opensfu.server.testing;

import com.typesafe.config.ConfigFactory;
import org.opensfu.server.config.ConfigLoader;
import org.opensfu.server.config.ServerConfig;

/** Server configurations for in-process tests: everything on loopback. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** HTTP and media on 127.0.0.1; 0 picks a free port. */
    public static ServerConfig loopback(int httpPort, int mediaPort) {
        return loopback(httpPort, mediaPort, "");
    }

    /** As {@link #loopback(int, int)}, with more settings (HOCON) on top. */
    public static ServerConfig loopback(int httpPort, int mediaPort, String extraConfig) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString("""
                sfu.http { host = "127.0.0.1", port = %d }
                sfu.media { port = %d, bind-addresses = ["127.0.0.1"], threads = 1 }
                %s
                """.formatted(httpPort, mediaPort, extraConfig)).withFallback(ConfigFactory.defaultReference())
                .resolve());
    }
}
