package org.opensfu.server.http;

import io.vertx.ext.web.Router;
import java.util.function.Supplier;
import org.opensfu.api.rest.LoadReport;
import org.opensfu.server.ops.DrainController;
import org.opensfu.server.ops.LoadMonitor;
import org.opensfu.server.ops.LoadSample;
import org.opensfu.server.room.Room;
import org.opensfu.server.room.RoomService;

/**
 * Operations API: {@code POST /api/v1/admin/drain} starts draining (202 with the status), {@code GET} shows it;
 * {@code GET /api/v1/load} is the load signal for load balancers and placement. Guarded by {@link AdminAuthHandler}.
 */
public final class AdminRoutes {
    private AdminRoutes() {
    }

    /**
     * @param notReadyReason as for readiness: null when the server takes new rooms
     */
    public static void mount(Router router, DrainController drain, LoadMonitor load, RoomService rooms, String nodeId,
                             Supplier<String> notReadyReason) {
        router.post("/api/v1/admin/drain").handler(ctx -> Json.respond(ctx, 202,
                drain.start("requested through the API from " + ctx.request().remoteAddress())));
        router.get("/api/v1/admin/drain").handler(ctx -> Json.respond(ctx, 200, drain.status()));
        router.get("/api/v1/load").handler(ctx -> {
            LoadSample sample = load.current();
            int participants = 0;
            int roomCount = 0;
            for (Room room : rooms.list()) {
                roomCount++;
                participants += room.participantCount();
            }
            Json.respond(ctx, 200, new LoadReport(nodeId, drain.state().name(), notReadyReason.get() == null,
                    sample.overloaded(), round(sample.stress()), round(sample.cpu()),
                    Math.round(sample.packetsPerSecond()), roomCount, participants));
        });
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
