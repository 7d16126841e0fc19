package org.opensfu.server.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.opensfu.server.auth.TokenMinter;
import org.opensfu.server.config.ConfigException;
import org.opensfu.server.config.ConfigLoader;
import org.opensfu.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar opensfu.jar drain [--config FILE]}: asks the server on this machine to drain, then waits until it
 * has exited. It reads the same configuration as the server (file and {@code SFU_*} environment) to find the port and,
 * when API keys are configured, signs its own short-lived admin token with the first key. For a Kubernetes
 * {@code preStop} hook, or by hand.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Drains the local server (POST /api/v1/admin/drain) and waits until it has exited.")
public final class DrainCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofSeconds(1);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The server's config file, if it has one.")
    private Path configFile;

    @Option(names = "--url", description = "The server's base URL. Default: from sfu.http (127.0.0.1 for 0.0.0.0).")
    private String url;

    @Option(names = "--no-wait", description = "Return as soon as draining has started.")
    private boolean noWait;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            err.println("drain: " + e.getMessage());
            return 2;
        }
        String host = config.http().host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        String base = url != null ? url : (config.http().tls().enabled() ? "https" : "http") + "://" + host + ":"
                + config.http().port();
        String token = null;
        if (config.ops().auth().required()) {
            ServerConfig.ApiKey key = config.ops().auth().keys().get(0);
            token = TokenMinter.mint(key.key(), key.secret(), new TokenMinter.Request(null, "drain-command", false,
                    false, true, Duration.ofMinutes(5)), Instant.now());
        }
        HttpClient client = client(config.http().tls().enabled());
        try {
            HttpResponse<String> started = client.send(request(base, token, "POST"),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                err.println("drain: " + base + " answered " + started.statusCode() + ": " + started.body());
                return 1;
            }
            out.println("draining: " + started.body());
        } catch (IOException e) {
            err.println("drain: cannot reach " + base + ": " + e.getMessage());
            return 1;
        }
        if (noWait) {
            return 0;
        }
        while (true) { // until the server has gone: it exits by itself when drained or at its deadline
            Thread.sleep(POLL.toMillis());
            try {
                HttpResponse<String> status = client.send(request(base, token, "GET"),
                        HttpResponse.BodyHandlers.ofString());
                out.println("draining: " + status.body());
            } catch (IOException e) {
                out.println("drained: the server has stopped");
                return 0;
            }
        }
    }

    private static HttpRequest request(String base, String token, String method) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/drain"))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** With TLS, trusts the local server's certificate whatever it is: this command only talks to its own machine. */
    private static HttpClient client(boolean tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls) {
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustLocalServer()}, new SecureRandom());
                builder.sslContext(context);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return builder.build();
    }

    private static final class TrustLocalServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
