package org.opensfu.server.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.opensfu.api.rest.DrainStatus;
import org.opensfu.server.room.Room;
import org.opensfu.server.room.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draining: once {@link #start started} (admin call or SIGTERM), new rooms are refused and readiness is false; the
 * existing rooms go on until their last participant leaves or the deadline passes; then {@code onDrained} runs once
 * (the process stops). {@link #check} is called periodically to notice either.
 */
public final class DrainController {
    private static final Logger LOG = LoggerFactory.getLogger(DrainController.class);

    /** SERVING: normal; DRAINING: no new rooms; DRAINED: done, stopping. */
    public enum State { SERVING, DRAINING, DRAINED }

    private final RoomService rooms;
    private final Duration deadline;
    private final Clock clock;
    private final Runnable onDrained;
    private State state = State.SERVING;
    private Instant startedAt;

    public DrainController(RoomService rooms, Duration deadline, Clock clock, Runnable onDrained) {
        this.rooms = rooms;
        this.deadline = deadline;
        this.clock = clock;
        this.onDrained = onDrained;
    }

    /** Starts draining (idempotent); {@code why} is logged. Returns the status. */
    public DrainStatus start(String why) {
        synchronized (this) {
            if (state == State.SERVING) {
                state = State.DRAINING;
                startedAt = clock.instant();
                rooms.refuseNewRooms("the server is draining; try another server");
                LOG.info("draining ({}): no new rooms; {} participants in {} rooms may stay until {}", why,
                        participants(), rooms.list().size(), startedAt.plus(deadline));
            }
        }
        check();
        return status();
    }

    public synchronized State state() {
        return state;
    }

    public synchronized boolean draining() {
        return state != State.SERVING;
    }

    /** Finishes the drain when everyone has left or the deadline has passed. */
    public void check() {
        int participants;
        synchronized (this) {
            if (state != State.DRAINING) {
                return;
            }
            participants = participants();
            boolean late = !clock.instant().isBefore(startedAt.plus(deadline));
            if (participants > 0 && !late) {
                return;
            }
            state = State.DRAINED;
        }
        if (participants == 0) {
            LOG.info("drained: every room has ended");
        } else {
            LOG.info("drain deadline of {} s reached with {} participants still in rooms; stopping",
                    deadline.toSeconds(), participants);
        }
        onDrained.run();
    }

    public synchronized DrainStatus status() {
        return new DrainStatus(state.name(), startedAt == null ? null : startedAt.toString(),
                startedAt == null ? null : startedAt.plus(deadline).toString(), rooms.list().size(), participants());
    }

    private int participants() {
        int count = 0;
        for (Room room : rooms.list()) {
            count += room.participantCount();
        }
        return count;
    }
}
