package org.opensfu.server.room;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opensfu.api.ErrorCode;
import org.opensfu.core.engine.MediaEngine;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.config.ServerConfig;

/** The rooms of this server: created by the API or on first join, deleted by the API or when emptied. */
public final class RoomService {
    private static final int JOIN_ATTEMPTS = 3;

    private final ServerConfig.Rooms config;
    private final MediaEngine engine;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    /** Why new rooms are refused (draining), or null. */
    private volatile String newRoomsRefusal;

    public RoomService(ServerConfig.Rooms config, MediaEngine engine) {
        this.config = config;
        this.engine = engine;
    }

    /**
     * Creates a room.
     *
     * @throws ApiException BAD_REQUEST for a bad name or limit, CONFLICT if it exists, LIMIT_EXCEEDED if too many
     */
    public Room create(String name, Integer maxParticipants) {
        Names.checkRoom(name);
        if (maxParticipants != null && (maxParticipants < 1 || maxParticipants > config.maxParticipants())) {
            throw new ApiException(ErrorCode.BAD_REQUEST,
                    "maxParticipants must be between 1 and " + config.maxParticipants());
        }
        return create(name, maxParticipants == null ? config.maxParticipants() : maxParticipants, false);
    }

    private synchronized Room create(String name, int maxParticipants, boolean autoCreated) {
        if (rooms.containsKey(name)) {
            throw new ApiException(ErrorCode.CONFLICT, "room " + name + " exists");
        }
        if (newRoomsRefusal != null) {
            throw new ApiException(ErrorCode.UNAVAILABLE, newRoomsRefusal);
        }
        if (rooms.size() >= config.maxRooms()) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "this server has its maximum of " + config.maxRooms()
                    + " rooms");
        }
        Room room = new Room(name, Instant.now(), maxParticipants, config, autoCreated, this, engine);
        rooms.put(name, room);
        return room;
    }

    /** From now on, creating a room (by the API or by a join) fails with UNAVAILABLE and this reason. */
    public void refuseNewRooms(String reason) {
        newRoomsRefusal = reason;
    }

    public Room get(String name) {
        Room room = rooms.get(name);
        if (room == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no room " + name);
        }
        return room;
    }

    public List<Room> list() {
        return rooms.values().stream().sorted(Comparator.comparing(Room::name)).toList();
    }

    /**
     * Joins a room, creating it first if allowed (retrying if it was deleted at that very moment); the room sends the
     * participant {@code joined}.
     */
    public JoinedRoom join(String name, String requestId, String displayName, ParticipantConnection connection) {
        Names.checkRoom(name);
        String checkedName = Names.checkDisplayName(displayName);
        for (int attempt = 1; ; attempt++) {
            Room room = rooms.get(name);
            if (room == null) {
                if (!config.autoCreate()) {
                    throw new ApiException(ErrorCode.NOT_FOUND, "no room " + name);
                }
                try {
                    room = create(name, config.maxParticipants(), true);
                } catch (ApiException e) {
                    if (e.code() != ErrorCode.CONFLICT) {
                        throw e;
                    }
                    continue; // created by someone else just now
                }
            }
            try {
                return new JoinedRoom(room, room.join(requestId, checkedName, connection));
            } catch (ApiException e) {
                if (e.code() != ErrorCode.UNAVAILABLE || attempt >= JOIN_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Deletes a room; its participants get {@code left} with ROOM_DELETED. */
    public void delete(String name) {
        Room room;
        synchronized (this) {
            room = rooms.remove(name);
        }
        if (room == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no room " + name);
        }
        room.close(LeaveReason.ROOM_DELETED);
    }

    /** Called by a room whose last participant left: rooms made by a join go away, rooms made by the API stay. */
    void onRoomEmpty(Room room) {
        if (!room.autoCreated()) {
            return;
        }
        synchronized (this) {
            if (room.participantCount() > 0 || !rooms.remove(room.name(), room)) {
                return;
            }
        }
        room.close(LeaveReason.ROOM_DELETED);
    }

    /** Closes every room (server stopping). */
    public void closeAll(LeaveReason reason) {
        for (Room room : List.copyOf(rooms.values())) {
            synchronized (this) {
                rooms.remove(room.name(), room);
            }
            room.close(reason);
        }
    }

    /** A room and the participant who just joined it. */
    public record JoinedRoom(Room room, Participant participant) {
    }
}
