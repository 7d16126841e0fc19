package org.opensfu.loadgen.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSFU started from its packaged jar ({@code java -jar opensfu.jar --config FILE}) for a run: HTTP and media bound
 * to 127.0.0.1 on free ports, no participant or packet-rate limits that a load test would trip over, its output in a
 * log file. The process id is what CPU and memory are read from.
 */
public final class OpenSfuProcess implements AutoCloseable {
    private final Process process;
    private final int httpPort;
    private final Path log;

    private OpenSfuProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts the server and waits until {@code /health/ready} answers 200.
     *
     * @param jvmArgs      extra JVM options (e.g. {@code -Xmx1g}, {@code -XX:+FlightRecorder})
     * @param extraConfig  HOCON appended to the generated config
     */
    public static OpenSfuProcess start(Path jar, List<String> jvmArgs, String extraConfig, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no server jar at " + jar + " (build it: mvn -o install -DskipTests)");
        }
        int httpPort = freeTcpPort();
        int mediaPort = freeUdpPort();
        Path dir = Files.createTempDirectory("opensfu-loadgen");
        Path config = dir.resolve("sfu.conf");
        Files.writeString(config, """
                sfu.http { host = "127.0.0.1", port = %d }
                sfu.media { port = %d, bind-addresses = ["127.0.0.1"] }
                sfu.rooms { max-participants = 1000, max-rooms = 10000 }
                sfu.load { max-packet-rate = 0, max-cpu = 1.0 }
                sfu.signaling { max-messages-per-second = 1000, message-burst = 1000 }
                sfu.drain.deadline = 2s
                %s
                """.formatted(httpPort, mediaPort, extraConfig));
        Path log = dir.resolve("server.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OpenSfuProcess server = new OpenSfuProcess(process, httpPort, log);
        try {
            server.awaitReady(timeout);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public long pid() {
        return process.pid();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public URI signalingUri() {
        return URI.create("ws://127.0.0.1:" + httpPort + "/ws");
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("the server exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(baseUri().resolve("/health/ready"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("the server was not ready within " + timeout + "; see " + log);
    }

    /** Stops the server: SIGTERM (it drains for at most 2 s), then SIGKILL if it is still there. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
