package org.opensfu.server.room;

/** Why a participant is no longer in its room; sent to it in {@code left}. */
public enum LeaveReason {
    LEFT,
    REMOVED,
    ROOM_DELETED,
    TRANSPORT_CLOSED,
    SERVER_STOPPING
}
