package org.opensfu.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.opensfu.server.auth.TokenCommand;
import org.opensfu.server.ops.DrainCommand;
import org.opensfu.server.config.ConfigException;
import org.opensfu.server.config.ConfigLoader;
import org.opensfu.server.config.ServerConfig;
import org.opensfu.server.logging.LoggingSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code java -jar opensfu.jar [--config FILE]}: starts the SFU. SIGTERM drains it (no new rooms; it exits with
 * status 0 once the rooms have ended or at {@code sfu.drain.deadline}); a second SIGTERM, or SIGINT (Ctrl-C), stops it
 * at once, in order, also with status 0. {@code opensfu.jar token ...} mints tokens, {@code opensfu.jar drain} drains
 * the local server.
 */
@Command(name = "opensfu", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        subcommands = {TokenCommand.class, DrainCommand.class},
        description = "OpenSFU, a WebRTC Selective Forwarding Unit. Defaults: HTTP on 8080, media on UDP 10000. "
                + "Every setting can also be set by an SFU_* environment variable (see reference.conf). "
                + "SIGTERM drains (see sfu.drain), SIGINT stops at once.")
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
        LoggingSetup.apply(config.ops().logging());
        Logger log = LoggerFactory.getLogger(Main.class);
        CountDownLatch stopRequested = new CountDownLatch(1);
        SfuServer server;
        try {
            server = SfuServer.start(config, stopRequested::countDown);
        } catch (RuntimeException e) {
            System.err.println("opensfu: " + e.getMessage());
            return EXIT_START;
        }
        AtomicInteger terms = new AtomicInteger();
        Signal.handle(new Signal("TERM"), signal -> {
            if (terms.incrementAndGet() == 1) {
                server.drain("SIGTERM; a second SIGTERM stops at once");
            } else {
                log.info("second SIGTERM: stopping now");
                stopRequested.countDown();
            }
        });
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
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
