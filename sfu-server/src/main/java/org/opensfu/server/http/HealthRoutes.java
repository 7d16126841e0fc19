package org.opensfu.server.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensfu.api.HealthStatus;
import org.opensfu.core.engine.MediaEngine;

/**
 * Liveness and readiness for load balancers and Kubernetes: {@code GET /health/live} answers while the HTTP event
 * loop runs; {@code GET /health/ready} answers 200 while the media port is bound, else 503.
 */
public final class HealthRoutes {
    private HealthRoutes() {
    }

    public static void mount(Router router, MediaEngine engine) {
        router.get("/health/live").handler(ctx -> Json.respond(ctx, 200, HealthStatus.up()));
        router.get("/health/ready").handler(ctx -> ready(ctx, engine));
    }

    private static void ready(RoutingContext ctx, MediaEngine engine) {
        if (engine.transports().mediaPort().boundAddresses().isEmpty()) {
            Json.respond(ctx, 503, HealthStatus.down("media port not bound"));
        } else {
            Json.respond(ctx, 200, HealthStatus.up());
        }
    }
}
