package org.opensfu.loadgen.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shapes of load the generator ramps up, each in one or more identical rooms:
 * <ul>
 *   <li>{@code meeting}: every participant publishes audio and video and subscribes to everyone else (a step of N
 *       participants forwards every packet to N - 1);</li>
 *   <li>{@code webinar}: one presenter publishes audio and video, M viewers subscribe (fan-out M);</li>
 *   <li>{@code audio-room}: a large audio-only room; the first {@code speakers} participants publish a microphone,
 *       everyone subscribes to every speaker.</li>
 * </ul>
 * A step's value is participants per room (meeting, audio room) or viewers per room (webinar); a later step's
 * participants include the earlier ones, so a ramp only ever adds people. Within a step, people join round-robin over
 * the rooms, publishers first.
 */
public enum Scenario {
    MEETING("meeting"),
    WEBINAR("webinar"),
    AUDIO_ROOM("audio-room");

    private final String cliName;

    Scenario(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Scenario fromCliName(String name) {
        for (Scenario scenario : values()) {
            if (scenario.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "' (meeting, webinar, audio-room)");
    }

    /**
     * Everyone present at a step of value {@code perRoom}, in join order.
     *
     * @param rooms       identical rooms
     * @param speakers    publishers per audio room
     * @param maxHeightPx the video constraint subscribers ask for, or null
     * @param roomPrefix  room names are {@code <prefix>-<index>}
     */
    public List<ParticipantSpec> participants(int perRoom, int rooms, int speakers, Integer maxHeightPx,
                                              String roomPrefix) {
        if (perRoom < 1 || rooms < 1) {
            throw new IllegalArgumentException("at least one participant and one room");
        }
        List<ParticipantSpec> specs = new ArrayList<>();
        int people = this == WEBINAR ? perRoom + 1 : perRoom;
        for (int i = 0; i < people; i++) {
            for (int r = 0; r < rooms; r++) {
                specs.add(spec(r, i, speakers, maxHeightPx, roomPrefix + "-" + r));
            }
        }
        return specs;
    }

    private ParticipantSpec spec(int room, int index, int speakers, Integer maxHeightPx, String roomName) {
        String name = "r" + room + "-p" + index;
        return switch (this) {
            case MEETING -> new ParticipantSpec(roomName, name, true, true, SubscribeMode.ALL, maxHeightPx);
            case WEBINAR -> index == 0
                    ? new ParticipantSpec(roomName, name, true, true, SubscribeMode.NONE, null)
                    : new ParticipantSpec(roomName, name, false, false, SubscribeMode.ALL, maxHeightPx);
            case AUDIO_ROOM -> new ParticipantSpec(roomName, name, index < speakers, false, SubscribeMode.AUDIO,
                    null);
        };
    }

    /** How many subscribers each published packet goes to at a step of value {@code perRoom}. */
    public int fanOut(int perRoom) {
        return this == WEBINAR ? perRoom : perRoom - 1;
    }
}
