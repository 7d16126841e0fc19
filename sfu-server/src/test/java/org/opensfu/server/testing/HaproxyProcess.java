package org.opensfu.server.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy running the project's {@code deploy/haproxy/haproxy.cfg}, bound to 127.0.0.1 on a free port, in
 * front of up to three nodes. Tests using it are skipped without {@code haproxy} (a failure under CI, which installs
 * it).
 */
public final class HaproxyProcess implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of(System.getProperty("sfu.haproxy", "/usr/sbin/haproxy"));
    /** The config file, relative to the sfu-server module where failsafe runs. */
    public static final Path CONFIG = Path.of("..", "deploy", "haproxy", "haproxy.cfg");

    private final Process process;
    private final int port;
    private final Path log;

    private HaproxyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Skips the calling test unless HAProxy is installed (fails under CI instead). */
    public static void assumeInstalled() {
        if (!Files.isExecutable(EXECUTABLE)) {
            String problem = "no HAProxy at " + EXECUTABLE + " (apt-get install haproxy)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(problem);
            }
            assumeTrue(false, problem);
        }
    }

    /** The environment that points the config at loopback addresses. */
    public static Map<String, String> environment(int lbPort, List<String> nodes) {
        return Map.of("SFU_LB_BIND", "127.0.0.1:" + lbPort, "SFU_NODE1", nodes.get(0), "SFU_NODE2", nodes.get(1),
                "SFU_NODE3", nodes.get(2));
    }

    /** Runs {@code haproxy -c} on the config; returns its exit status and output. */
    public static Check check(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(EXECUTABLE.toString(), "-c", "-f", CONFIG.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return new Check(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts HAProxy in the foreground in front of {@code nodes} ("127.0.0.1:port" each). */
    public static HaproxyProcess start(List<String> nodes) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("haproxy", ".log");
            ProcessBuilder builder = new ProcessBuilder(EXECUTABLE.toString(), "-db", "-f", CONFIG.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment(port, nodes));
            HaproxyProcess haproxy = new HaproxyProcess(builder.start(), port, log);
            haproxy.awaitListening();
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue() + ":\n" + logText());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("haproxy did not listen on " + port + ":\n" + logText());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** What {@code haproxy -c} said. */
    public record Check(int status, String output) {
    }
}
