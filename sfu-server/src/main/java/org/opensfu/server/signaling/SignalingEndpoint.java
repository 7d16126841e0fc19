package org.opensfu.server.signaling;

import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import org.opensfu.core.time.Clock;
import org.opensfu.server.config.ServerConfig;
import org.opensfu.server.room.RoomService;

/** Accepts signaling WebSockets on {@value #PATH}; other paths are refused. */
public final class SignalingEndpoint implements Handler<ServerWebSocket> {
    public static final String PATH = "/ws";
    private static final short CLOSE_UNKNOWN_PATH = 1008;

    private final RoomService rooms;
    private final ServerConfig.Signaling config;
    private final Clock clock;

    public SignalingEndpoint(RoomService rooms, ServerConfig.Signaling config, Clock clock) {
        this.rooms = rooms;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void handle(ServerWebSocket socket) {
        if (!PATH.equals(socket.path())) {
            socket.close(CLOSE_UNKNOWN_PATH, "no WebSocket endpoint at " + socket.path());
            return;
        }
        new SignalingSession(socket, rooms, config, clock);
    }
}
