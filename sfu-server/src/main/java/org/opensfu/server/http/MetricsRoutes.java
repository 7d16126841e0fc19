package org.opensfu.server.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.opensfu.server.metrics.SfuMetrics;

/** {@code GET /metrics}: Prometheus text format. The scrape runs on a worker thread (it waits for the media loops). */
public final class MetricsRoutes {
    public static final String PATH = "/metrics";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsRoutes() {
    }

    public static void mount(Router router, Vertx vertx, SfuMetrics metrics) {
        router.get(PATH).handler(ctx -> vertx.executeBlocking(metrics::scrape, false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(result.result());
            } else {
                ctx.fail(500, result.cause());
            }
        }));
    }
}
