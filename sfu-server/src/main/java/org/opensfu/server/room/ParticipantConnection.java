package org.opensfu.server.room;

import org.opensfu.api.signaling.ServerMessage;

/** The signaling connection of a participant, as the room sees it. Implementations are thread-safe. */
public interface ParticipantConnection {
    /** Queues a message; messages from one thread arrive in the order sent. */
    void send(ServerMessage message);

    /** Closes the connection (after the messages already queued). */
    void close();
}
