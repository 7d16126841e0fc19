package org.opensfu.api.rest;

import java.util.List;

/** Body of {@code GET /api/v1/rooms}. */
public record RoomList(List<RoomInfo> rooms) {
    public RoomList {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }
}
