package org.opensfu.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensfu.api.ErrorCode;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.auth.Authenticator;
import org.opensfu.server.auth.Grants;

/**
 * Guards the REST API ({@code /api/v1/...}): with API keys configured, every call needs
 * {@code Authorization: Bearer <admin token>}; 401 UNAUTHORIZED without a valid token, 403 FORBIDDEN for a token that
 * is not an admin token. Mount it before the API's routes.
 */
public final class AdminAuthHandler implements Handler<RoutingContext> {
    /** Key of the caller's {@link Grants} in the routing context. */
    public static final String GRANTS = "sfu.grants";

    private final Authenticator authenticator;

    private AdminAuthHandler(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public static void mount(Router router, Authenticator authenticator) {
        router.route("/api/v1/*").handler(new AdminAuthHandler(authenticator));
    }

    @Override
    public void handle(RoutingContext ctx) {
        try {
            ctx.put(GRANTS, authenticator.admin(ctx.request().getHeader("Authorization")));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.UNAUTHORIZED) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"opensfu\"");
            }
            ctx.fail(e);
            return;
        }
        ctx.next();
    }
}
