package org.opensfu.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opensfu.core.engine.MediaEngine;
import org.opensfu.core.engine.MediaEngineConfig;
import org.opensfu.core.time.Clock;
import org.opensfu.server.config.ServerConfig;
import io.vertx.ext.web.handler.StaticHandler;
import org.opensfu.server.http.HealthRoutes;
import org.opensfu.server.http.RoomRoutes;
import org.opensfu.server.room.LeaveReason;
import org.opensfu.server.room.RoomService;
import org.opensfu.server.signaling.SignalingEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One SFU process: the media engine and the Vert.x HTTP server in front of it. */
public final class SfuServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SfuServer.class);
    private static final int POOLED_BUFFERS = 8192;

    private final ServerConfig config;
    private final Vertx vertx;
    private final MediaEngine engine;
    private final RoomService rooms;
    private final HttpServer http;

    private SfuServer(ServerConfig config, Vertx vertx, MediaEngine engine, RoomService rooms, HttpServer http) {
        this.config = config;
        this.vertx = vertx;
        this.engine = engine;
        this.rooms = rooms;
        this.http = http;
    }

    /** Binds the media port and the HTTP port; fails (and releases what it took) if either cannot be bound. */
    public static SfuServer start(ServerConfig config) {
        MediaEngine engine = new MediaEngine(new MediaEngineConfig(config.media().transportManagerConfig(),
                config.media().effectiveThreads(), config.media().queueCapacity(), POOLED_BUFFERS), Clock.system());
        Vertx vertx = Vertx.vertx();
        RoomService rooms = new RoomService(config.rooms(), engine);
        try {
            Router router = Router.router(vertx);
            HealthRoutes.mount(router, engine);
            RoomRoutes.mount(router, rooms);
            router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
            HttpServer http = vertx.createHttpServer(new HttpServerOptions()
                            .setHost(config.http().host())
                            .setPort(config.http().port())
                            .setMaxWebSocketFrameSize(config.signaling().maxMessageBytes())
                            .setMaxWebSocketMessageSize(config.signaling().maxMessageBytes()))
                    .webSocketHandler(new SignalingEndpoint(rooms, config.signaling(), engine.clock()))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            SfuServer server = new SfuServer(config, vertx, engine, rooms, http);
            LOG.info("OpenSFU {} listening: HTTP on {}:{}, media on UDP {}", Version.current(),
                    config.http().host(), http.actualPort(), engine.transports().mediaPort().boundAddresses());
            LOG.info("open the demo at http://{}:{}/", "0.0.0.0".equals(config.http().host()) ? "localhost"
                    : config.http().host(), http.actualPort());
            return server;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
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

    /** Stops accepting HTTP, closes every transport, stops the media threads. */
    @Override
    public void close() {
        LOG.info("stopping");
        rooms.closeAll(LeaveReason.SERVER_STOPPING);
        try {
            http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.toString());
        }
        engine.close();
        vertx.close();
        LOG.info("stopped");
    }
}
