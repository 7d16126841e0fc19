package org.opensfu.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The real server, as a separate process started from the packaged jar with {@code java -jar}, on loopback ports
 * picked at random: what end-to-end tests run against. Its output goes to a log file kept for failures.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int httpPort;
    private final int mediaPort;
    private final Path log;
    private final Path configFile;

    private ServerProcess(Process process, int httpPort, int mediaPort, Path log, Path configFile) {
        this.process = process;
        this.httpPort = httpPort;
        this.mediaPort = mediaPort;
        this.log = log;
        this.configFile = configFile;
    }

    /**
     * Starts the server with settings in a config file ({@code extraConfig} is appended, HOCON) and waits until it is
     * ready.
     */
    public static ServerProcess start(String extraConfig, String... extraJvmArgs) {
        String jar = System.getProperty("sfu.serverJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the server jar is missing (" + jar + "): run the ITs with mvn verify");
        }
        try {
            int httpPort = freeTcpPort();
            int mediaPort = freeUdpPort();
            Path dir = Files.createTempDirectory("opensfu-it");
            Path config = dir.resolve("sfu.conf");
            Files.writeString(config, """
                    sfu.http { host = "127.0.0.1", port = %d }
                    sfu.media { port = %d, bind-addresses = ["127.0.0.1"] }
                    sfu.drain.deadline = 3s
                    %s
                    """.formatted(httpPort, mediaPort, extraConfig));
            Path log = dir.resolve("server.log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("--enable-native-access=ALL-UNNAMED");
            command.addAll(List.of(extraJvmArgs));
            command.addAll(List.of("-jar", jar, "--config", config.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ServerProcess server = new ServerProcess(process, httpPort, mediaPort, log, config);
            server.awaitReady(Duration.ofSeconds(30));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public int mediaPort() {
        return mediaPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The config file the server was started with. */
    public Path configFile() {
        return configFile;
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** GETs a path of the HTTP API and returns the body (or what went wrong, for failure messages). */
    public String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "(GET " + path + " failed: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/health/ready")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server was not ready within " + timeout + ":\n" + logText());
    }

    /** Sends an HTTP request to the server, with {@code Authorization: Bearer token} unless the token is null. */
    public HttpResponse<String> http(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The signaling URL, with {@code ?access_token=token} unless the token is null. */
    public String wsUrl(String token) {
        return "ws://127.0.0.1:" + httpPort + "/ws" + (token == null ? "" : "?access_token=" + token);
    }

    /** The process id, for signals. */
    public long pid() {
        return process.pid();
    }

    /** Waits for the process to exit by itself; its exit status, or null if it still runs after {@code timeout}. */
    public Integer awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGTERM without waiting (the server then drains). */
    public void signalTerm() {
        process.destroy();
    }

    /** Sends SIGTERM and waits for the exit status. */
    public int stop(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not stop within " + timeout + " of SIGTERM");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A UDP port free on loopback right now (for a server configured to use it). */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
