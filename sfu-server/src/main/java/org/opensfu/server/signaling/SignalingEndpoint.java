package org.opensfu.server.signaling;

import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import org.opensfu.api.signaling.ErrorMessage;
import org.opensfu.core.time.Clock;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.auth.Authenticator;
import org.opensfu.server.auth.Grants;
import org.opensfu.server.config.ServerConfig;
import org.opensfu.server.http.Json;
import org.opensfu.server.room.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts signaling WebSockets on {@value #PATH}; other paths are refused. With API keys configured, the URL must
 * carry a valid join token ({@code ?access_token=}); without one the client gets an {@code error} (UNAUTHORIZED) and
 * the connection is closed with 1008.
 */
public final class SignalingEndpoint implements Handler<ServerWebSocket> {
    public static final String PATH = "/ws";
    private static final Logger LOG = LoggerFactory.getLogger(SignalingEndpoint.class);
    private static final short CLOSE_POLICY_VIOLATION = 1008;

    private final RoomService rooms;
    private final ServerConfig.Signaling config;
    private final Clock clock;
    private final Authenticator authenticator;

    public SignalingEndpoint(RoomService rooms, ServerConfig.Signaling config, Clock clock,
                             Authenticator authenticator) {
        this.rooms = rooms;
        this.config = config;
        this.clock = clock;
        this.authenticator = authenticator;
    }

    @Override
    public void handle(ServerWebSocket socket) {
        if (!PATH.equals(socket.path())) {
            socket.close(CLOSE_POLICY_VIOLATION, "no WebSocket endpoint at " + socket.path());
            return;
        }
        Grants grants;
        try {
            grants = authenticator.signaling(socket.query());
        } catch (ApiException e) {
            LOG.info("signaling refused from {}: {} {}", socket.remoteAddress(), e.code(), e.getMessage());
            socket.writeTextMessage(Json.encode(new ErrorMessage(null, e.code(), e.getMessage())));
            socket.close(CLOSE_POLICY_VIOLATION, e.code().name());
            return;
        }
        new SignalingSession(socket, rooms, config, clock, grants);
    }
}
