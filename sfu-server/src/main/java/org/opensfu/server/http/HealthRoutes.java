package org.opensfu.server.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.opensfu.api.HealthStatus;

/**
 * Liveness and readiness for load balancers and Kubernetes: {@code GET /health/live} answers 200 while the HTTP event
 * loop runs; {@code GET /health/ready} answers 200 while the server takes new rooms, else 503 with the reason (media
 * port not bound, draining, overloaded).
 */
public final class HealthRoutes {
    private HealthRoutes() {
    }

    /**
     * @param notReadyReason why the server is not ready, or null when it is
     */
    public static void mount(Router router, Supplier<String> notReadyReason) {
        router.get("/health/live").handler(ctx -> Json.respond(ctx, 200, HealthStatus.up()));
        router.get("/health/ready").handler(ctx -> ready(ctx, notReadyReason));
    }

    private static void ready(RoutingContext ctx, Supplier<String> notReadyReason) {
        String reason = notReadyReason.get();
        if (reason != null) {
            Json.respond(ctx, 503, HealthStatus.down(reason));
        } else {
            Json.respond(ctx, 200, HealthStatus.up());
        }
    }
}
