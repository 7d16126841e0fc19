package org.opensfu.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.opensfu.server.config.ConfigException;
import org.opensfu.server.config.ConfigLoader;
import org.opensfu.server.config.ServerConfig;
import picocli.CommandLine;
import sun.misc.Signal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar opensfu.jar [--config FILE]}: starts the SFU and runs until SIGTERM or SIGINT, then stops in order
 * and exits with status 0.
 */
@Command(name = "opensfu", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "OpenSFU, a WebRTC Selective Forwarding Unit. Defaults: HTTP on 8080, media on UDP 10000. "
                + "Every setting can also be set by an SFU_* environment variable (see reference.conf).")
public final class Main implements Callable<Integer> {
    /** Exit status when the configuration is invalid. */
    static final int EXIT_CONFIG = 2;
    /** Exit status when the server cannot start (ports taken). */
    static final int EXIT_START = 3;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON config file; its settings override the defaults and the environment.")
    private Path configFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            System.err.println("opensfu: " + e.getMessage());
            return EXIT_CONFIG;
        }
        SfuServer server;
        try {
            server = SfuServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("opensfu: " + e.getMessage());
            return EXIT_START;
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        stopRequested.await();
        server.close(); // an orderly stop: participants are told, transports closed, ports released
        return 0;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"OpenSFU " + Version.current()};
        }
    }
}
