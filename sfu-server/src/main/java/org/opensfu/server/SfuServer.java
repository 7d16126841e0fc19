package org.opensfu.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.opensfu.api.rest.DrainStatus;
import org.opensfu.core.engine.MediaEngine;
import org.opensfu.core.engine.MediaEngineConfig;
import org.opensfu.core.time.Clock;
import org.opensfu.server.auth.Authenticator;
import org.opensfu.server.config.ServerConfig;
import org.opensfu.server.http.AdminAuthHandler;
import org.opensfu.server.http.AdminRoutes;
import org.opensfu.server.http.HealthRoutes;
import org.opensfu.server.http.MetricsRoutes;
import org.opensfu.server.http.RoomRoutes;
import org.opensfu.server.http.SelfSignedCertificate;
import org.opensfu.server.metrics.MediaStatsCollector;
import org.opensfu.server.metrics.SfuMetrics;
import org.opensfu.server.ops.DrainController;
import org.opensfu.server.ops.LoadMonitor;
import org.opensfu.server.room.LeaveReason;
import org.opensfu.server.room.RoomService;
import org.opensfu.server.signaling.SignalingEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SFU process: the media engine and the Vert.x HTTP(S) server in front of it, with authentication, metrics, the
 * load signal and draining.
 */
public final class SfuServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SfuServer.class);
    private static final int POOLED_BUFFERS = 8192;
    private static final long LOAD_SAMPLE_MILLIS = 1000;
    private static final long DRAIN_CHECK_MILLIS = 250;

    private final ServerConfig config;
    private final Vertx vertx;
    private final MediaEngine engine;
    private final RoomService rooms;
    private final HttpServer http;
    private final DrainController drain;
    private final LoadMonitor load;
    private final SfuMetrics metrics;
    private final List<Long> timers;

    private SfuServer(ServerConfig config, Vertx vertx, MediaEngine engine, RoomService rooms, HttpServer http,
                      DrainController drain, LoadMonitor load, SfuMetrics metrics, List<Long> timers) {
        this.config = config;
        this.vertx = vertx;
        this.engine = engine;
        this.rooms = rooms;
        this.http = http;
        this.drain = drain;
        this.load = load;
        this.metrics = metrics;
        this.timers = timers;
    }

    /** Starts a server that stops nothing when a drain ends (tests); see {@link #start(ServerConfig, Runnable)}. */
    public static SfuServer start(ServerConfig config) {
        return start(config, () -> { });
    }

    /**
     * Binds the media port and the HTTP port; fails (and releases what it took) if either cannot be bound.
     *
     * @param onDrained runs once when a drain has finished (everyone left, or the deadline passed): the process
     *                  should then {@link #close} the server and exit
     */
    public static SfuServer start(ServerConfig config, Runnable onDrained) {
        config.media().srtpAesBackend().select();
        MediaEngine engine = new MediaEngine(new MediaEngineConfig(config.media().transportManagerConfig(),
                config.media().effectiveThreads(), config.media().queueCapacity(), POOLED_BUFFERS), Clock.system());
        Vertx vertx = Vertx.vertx();
        RoomService rooms = new RoomService(config.rooms(), engine);
        ServerConfig.Operations ops = config.ops();
        SfuMetrics metrics = null;
        try {
            Authenticator authenticator = new Authenticator(ops.auth(), java.time.Clock.systemUTC());
            MediaStatsCollector collector = new MediaStatsCollector(engine, rooms);
            LoadMonitor load = new LoadMonitor(ops.load(), () -> collector.transportTotals().packets(),
                    LoadMonitor::jvmProcessCpu, System::nanoTime);
            DrainController drain = new DrainController(rooms, ops.drainDeadline(), java.time.Clock.systemUTC(),
                    onDrained);
            Supplier<String> notReady = () -> engine.transports().mediaPort().boundAddresses().isEmpty()
                    ? "media port not bound" : drain.draining() ? "draining" : load.overloadReason();

            Router router = Router.router(vertx);
            HealthRoutes.mount(router, notReady);
            if (ops.metricsEnabled()) {
                metrics = new SfuMetrics(collector, engine, load, drain, Version.current(), ops.nodeId());
                MetricsRoutes.mount(router, vertx, metrics);
            }
            AdminAuthHandler.mount(router, authenticator);
            AdminRoutes.mount(router, drain, load, rooms, ops.nodeId(), notReady);
            RoomRoutes.mount(router, rooms);
            router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
            HttpServer http = vertx.createHttpServer(httpOptions(config))
                    .webSocketHandler(new SignalingEndpoint(rooms, config.signaling(), engine.clock(), authenticator))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            List<Long> timers = List.of(
                    vertx.setPeriodic(LOAD_SAMPLE_MILLIS, id -> vertx.executeBlocking(() -> {
                        load.sample();
                        return null;
                    }, false)),
                    vertx.setPeriodic(DRAIN_CHECK_MILLIS, id -> drain.check()));
            SfuServer server = new SfuServer(config, vertx, engine, rooms, http, drain, load, metrics, timers);
            server.logStarted(authenticator);
            return server;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (metrics != null) {
                metrics.close();
            }
            vertx.close();
            engine.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on HTTP " + config.http().host() + ":"
                    + config.http().port() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            engine.close();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    private static HttpServerOptions httpOptions(ServerConfig config) {
        ServerConfig.Http http = config.http();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(http.host())
                .setPort(http.port())
                .setMaxWebSocketFrameSize(config.signaling().maxMessageBytes())
                .setMaxWebSocketMessageSize(config.signaling().maxMessageBytes());
        ServerConfig.Tls tls = http.tls();
        if (tls.enabled()) {
            PemKeyCertOptions pem = new PemKeyCertOptions();
            if (tls.selfSigned()) {
                SelfSignedCertificate certificate = SelfSignedCertificate.generate(List.of(http.host(), hostName()));
                pem.setCertValue(Buffer.buffer(certificate.certificatePem()))
                        .setKeyValue(Buffer.buffer(certificate.privateKeyPem()));
                LOG.warn("TLS with a self-signed certificate (development only); SHA-256 fingerprint {}",
                        certificate.sha256Fingerprint());
            } else {
                pem.setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString());
            }
            options.setSsl(true).setKeyCertOptions(pem);
        }
        return options;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private void logStarted(Authenticator authenticator) {
        String scheme = config.http().tls().enabled() ? "https" : "http";
        LOG.info("OpenSFU {} node {} listening: {} on {}:{}, media on UDP {}", Version.current(),
                config.ops().nodeId(), scheme.toUpperCase(Locale.ROOT), config.http().host(),
                http.actualPort(), engine.transports().mediaPort().boundAddresses());
        if (authenticator.required()) {
            LOG.info("authentication on: {} API key(s); signaling needs ?access_token=, /api/v1 an admin token",
                    config.ops().auth().keys().size());
        } else {
            LOG.warn("AUTHENTICATION IS OFF (no sfu.auth.keys): anyone who reaches port {} can join any room and "
                    + "call the admin API. Development only: configure API keys for anything else.",
                    http.actualPort());
        }
        LOG.info("open the demo at {}://{}:{}/", scheme, "0.0.0.0".equals(config.http().host()) ? "localhost"
                : config.http().host(), http.actualPort());
    }

    public int httpPort() {
        return http.actualPort();
    }

    public MediaEngine engine() {
        return engine;
    }

    public RoomService rooms() {
        return rooms;
    }

    public ServerConfig config() {
        return config;
    }

    public LoadMonitor load() {
        return load;
    }

    /** The Prometheus registry, or null when metrics are disabled. */
    public SfuMetrics metrics() {
        return metrics;
    }

    /** Starts draining (idempotent): see {@link DrainController}. */
    public DrainStatus drain(String why) {
        return drain.start(why);
    }

    public DrainController drainController() {
        return drain;
    }

    /** Stops accepting HTTP, closes every transport, stops the media threads. */
    @Override
    public void close() {
        LOG.info("stopping");
        timers.forEach(vertx::cancelTimer);
        rooms.closeAll(LeaveReason.SERVER_STOPPING);
        try {
            http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.toString());
        }
        engine.close();
        if (metrics != null) {
            metrics.close();
        }
        vertx.close();
        LOG.info("stopped");
    }
}
