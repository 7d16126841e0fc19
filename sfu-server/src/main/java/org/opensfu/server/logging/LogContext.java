package org.opensfu.server.logging;

import org.slf4j.MDC;

/**
 * Puts the room, participant and identity of the work at hand into the logging MDC for the duration of a
 * try-with-resources block, so every line logged meanwhile carries them: the text format appends
 * {@code identity=...}, the JSON format has them all under {@code mdc}. Values that are null are left out.
 */
public final class LogContext implements AutoCloseable {
    public static final String ROOM = "room";
    public static final String PARTICIPANT = "participant";
    public static final String IDENTITY = "identity";

    private LogContext() {
    }

    public static LogContext open(String room, String participant, String identity) {
        put(ROOM, room);
        put(PARTICIPANT, participant);
        put(IDENTITY, identity);
        return new LogContext();
    }

    private static void put(String key, String value) {
        if (value != null && !"-".equals(value)) {
            MDC.put(key, value);
        } else {
            MDC.remove(key);
        }
    }

    @Override
    public void close() {
        MDC.remove(ROOM);
        MDC.remove(PARTICIPANT);
        MDC.remove(IDENTITY);
    }
}
