package org.opensfu.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.opensfu.api.ErrorCode;
import org.opensfu.api.rest.CreateRoomRequest;
import org.opensfu.api.rest.ParticipantList;
import org.opensfu.api.rest.RoomList;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.room.LeaveReason;
import org.opensfu.server.room.Participant;
import org.opensfu.server.room.Room;
import org.opensfu.server.room.RoomService;

/** The REST API for rooms (see PROTOCOL.md §2). Every error is a JSON {@code {code, message}}. */
public final class RoomRoutes {
    private static final String BASE = "/api/v1/rooms";
    private static final long MAX_BODY_BYTES = 16 * 1024;

    private final RoomService rooms;

    private RoomRoutes(RoomService rooms) {
        this.rooms = rooms;
    }

    public static void mount(Router router, RoomService rooms) {
        RoomRoutes routes = new RoomRoutes(rooms);
        router.route(BASE + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.post(BASE).handler(routes::create);
        router.get(BASE).handler(ctx -> Json.respond(ctx, 200,
                new RoomList(rooms.list().stream().map(Room::info).toList())));
        router.get(BASE + "/:room").handler(ctx -> Json.respond(ctx, 200, rooms.get(ctx.pathParam("room")).info()));
        router.delete(BASE + "/:room").handler(ctx -> {
            rooms.delete(ctx.pathParam("room"));
            ctx.response().setStatusCode(204).end();
        });
        router.get(BASE + "/:room/participants").handler(ctx -> Json.respond(ctx, 200,
                new ParticipantList(rooms.get(ctx.pathParam("room")).participantInfos(null))));
        router.delete(BASE + "/:room/participants/:participant").handler(routes::removeParticipant);
        router.get(BASE + "/:room/stats").handler(routes::stats);
        router.route("/api/*").failureHandler(RoomRoutes::failure);
        router.route("/api/*").handler(ctx -> Json.respond(ctx, 404,
                new ApiException(ErrorCode.NOT_FOUND, "no such API: " + ctx.request().method() + " "
                        + ctx.request().path()).toApiError()));
    }

    private void create(RoutingContext ctx) {
        CreateRoomRequest request;
        try {
            String body = ctx.body().asString();
            if (body == null || body.isBlank()) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "a JSON body {\"room\": ...} is required");
            }
            request = Json.MAPPER.readValue(body, CreateRoomRequest.class);
            if (request == null) { // the body "null"
                throw new ApiException(ErrorCode.BAD_REQUEST, "a JSON body {\"room\": ...} is required");
            }
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "malformed JSON body: " + e.getOriginalMessage());
        }
        Room room = rooms.create(request.room(), request.maxParticipants());
        ctx.response().putHeader("Location", BASE + "/" + room.name());
        Json.respond(ctx, 201, room.info());
    }

    private void removeParticipant(RoutingContext ctx) {
        Room room = rooms.get(ctx.pathParam("room"));
        Participant participant = room.participant(ctx.pathParam("participant"));
        if (participant == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no participant " + ctx.pathParam("participant")
                    + " in room " + room.name());
        }
        room.leave(participant, LeaveReason.REMOVED);
        ctx.response().setStatusCode(204).end();
    }

    private void stats(RoutingContext ctx) {
        // completes on the media loop: hop back to the request's context to answer
        Future.fromCompletionStage(rooms.get(ctx.pathParam("room")).stats().orTimeout(5, TimeUnit.SECONDS),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(stats -> Json.respond(ctx, 200, stats))
                .onFailure(ctx::fail);
    }

    private static void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        ApiException error;
        if (failure instanceof ApiException api) {
            error = api;
        } else if (ctx.statusCode() == 413) {
            error = new ApiException(ErrorCode.BAD_REQUEST, "request body too large");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error = new ApiException(ErrorCode.BAD_REQUEST, "bad request");
        } else {
            error = new ApiException(ErrorCode.INTERNAL, "internal error");
        }
        Json.respond(ctx, ApiException.httpStatus(error.code()), error.toApiError());
    }
}
