package org.opensfu.core.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LastNSelectorTest {
    private static final int PARTICIPANTS = 6;
    private final LastNSelector selector = new LastNSelector();
    private final boolean[] allVideo = filled(PARTICIPANTS, true);
    private final boolean[] nonePinned = new boolean[PARTICIPANTS];

    private static boolean[] filled(int length, boolean value) {
        boolean[] flags = new boolean[length];
        Arrays.fill(flags, value);
        return flags;
    }

    private static boolean[] only(int length, int... indexes) {
        boolean[] flags = new boolean[length];
        for (int i : indexes) {
            flags[i] = true;
        }
        return flags;
    }

    private List<Integer> ranking() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < selector.selectedCount(); i++) {
            list.add(selector.selected(i));
        }
        return list;
    }

    @Test
    void lastNOfOnePicksTheDominantSpeaker() {
        // 3 is dominant, 1 spoke before, the rest never spoke
        selector.room(new int[] {3, 1, 0, 2, 4, 5}, 6, 2, allVideo);
        boolean[] selection = new boolean[PARTICIPANTS];
        assertThat(selector.select(0, 1, nonePinned, selection)).isEqualTo(1);
        assertThat(selection).containsExactly(only(PARTICIPANTS, 3));
    }

    @Test
    void theDominantSpeakerSeesThePreviousSpeaker() {
        selector.room(new int[] {3, 1, 0, 2, 4, 5}, 6, 2, allVideo);
        boolean[] selection = new boolean[PARTICIPANTS];
        selector.select(3, 1, nonePinned, selection);
        assertThat(selection).containsExactly(only(PARTICIPANTS, 1));
    }

    @Test
    void aPinnedParticipantIsAlwaysIncludedAndComesFirst() {
        selector.room(new int[] {3, 1, 0, 2, 4, 5}, 6, 2, allVideo);
        boolean[] selection = new boolean[PARTICIPANTS];
        assertThat(selector.select(0, 1, only(PARTICIPANTS, 5), selection)).isEqualTo(1);
        assertThat(selection).containsExactly(only(PARTICIPANTS, 5));

        assertThat(selector.select(0, 3, only(PARTICIPANTS, 5), selection)).isEqualTo(3);
        assertThat(ranking()).containsExactly(5, 3, 1);
    }

    @Test
    void theSubscriberIsNeverIncludedNotEvenPinned() {
        selector.room(new int[] {0, 1, 2}, 3, 3, allVideo);
        boolean[] selection = new boolean[PARTICIPANTS];
        assertThat(selector.select(0, LastNSelector.UNLIMITED, only(PARTICIPANTS, 0), selection)).isEqualTo(2);
        assertThat(selection[0]).isFalse();
        assertThat(ranking()).containsExactly(1, 2);
    }

    @Test
    void nLargerThanTheRoomSelectsEveryOtherVideoPublisher() {
        boolean[] video = only(PARTICIPANTS, 0, 1, 3, 4); // 2 and 5 publish audio only
        selector.room(new int[] {2, 4, 0, 1, 3, 5}, 6, 2, video);
        boolean[] selection = new boolean[PARTICIPANTS];
        assertThat(selector.select(1, 20, nonePinned, selection)).isEqualTo(3);
        assertThat(ranking()).containsExactly(4, 0, 3);
        assertThat(selector.select(1, LastNSelector.UNLIMITED, nonePinned, selection)).isEqualTo(3);
        assertThat(selector.select(1, 0, nonePinned, selection)).isZero();
        assertThat(selection).containsOnly(false);
    }

    @Test
    void aMoreRecentSpeakerReplacesTheLeastRecentOne() {
        boolean[] selection = new boolean[PARTICIPANTS];
        selector.room(new int[] {1, 2, 3, 0, 4, 5}, 6, 3, allVideo);
        selector.select(0, 2, nonePinned, selection);
        assertThat(selection).containsExactly(only(PARTICIPANTS, 1, 2));
        // 4 becomes dominant
        selector.room(new int[] {4, 1, 2, 3, 0, 5}, 6, 4, allVideo);
        selector.select(0, 2, nonePinned, selection);
        assertThat(selection).containsExactly(only(PARTICIPANTS, 4, 1));
    }

    @Test
    void aNewcomerOfEqualRankDoesNotEvictAParticipantAlreadyReceived() {
        boolean[] selection = new boolean[8];
        // nobody has spoken: 0 sees 1 and 2 (join order)
        selector.room(new int[] {0, 1, 2, 3}, 4, 0, filled(8, true));
        selector.select(0, 2, nonePinned, selection);
        assertThat(selection).containsExactly(only(8, 1, 2));
        // 7 joins and the integrator lists it first (equal rank: it has not spoken either): 0 keeps 1 and 2
        selector.room(new int[] {7, 0, 1, 2, 3}, 5, 0, filled(8, true));
        selector.select(0, 2, nonePinned, selection);
        assertThat(selection).containsExactly(only(8, 1, 2));
        // 2 leaves: the free slot goes to the first unranked newcomer
        selector.room(new int[] {7, 0, 1, 3}, 4, 0, filled(8, true));
        selector.select(0, 2, nonePinned, selection);
        assertThat(selection).containsExactly(only(8, 1, 7));
    }

    @Test
    void pinnedParticipantsAlreadyReceivedKeepTheirPlaceWhenThereAreTooMany() {
        boolean[] selection = new boolean[PARTICIPANTS];
        selector.room(new int[] {0, 1, 2, 3, 4, 5}, 6, 6, allVideo);
        selector.select(0, 2, only(PARTICIPANTS, 4, 5), selection);
        assertThat(selection).containsExactly(only(PARTICIPANTS, 4, 5));
        // 2 is pinned as well (on stage): 4 and 5 stay, pinned ones are of equal rank
        selector.select(0, 2, only(PARTICIPANTS, 2, 4, 5), selection);
        assertThat(selection).containsExactly(only(PARTICIPANTS, 4, 5));
        // unpin 5: 2 takes the slot
        selector.select(0, 2, only(PARTICIPANTS, 2, 4), selection);
        assertThat(selection).containsExactly(only(PARTICIPANTS, 2, 4));
    }

    @Test
    void shortFlagArraysMeanFalseAndParticipantsOutsideTheRoomAreCleared() {
        boolean[] selection = only(10, 9); // 9 has left the room
        selector.room(new int[] {0, 1, 2}, 3, 1, new boolean[] {true, true});
        assertThat(selector.select(2, 5, new boolean[0], selection)).isEqualTo(2);
        assertThat(selection).containsExactly(only(10, 0, 1));
    }

    @Test
    void rejectsInconsistentRooms() {
        assertThatThrownBy(() -> selector.room(new int[] {0, 1}, 3, 0, allVideo))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> selector.room(new int[] {0, 1}, 2, 3, allVideo))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> selector.room(new int[] {0, -1}, 2, 0, allVideo))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> selector.selected(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void growsForLargeRoomsAndIndexes() {
        int[] order = new int[100];
        for (int i = 0; i < 100; i++) {
            order[i] = 1_000 - i * 3;
        }
        selector.room(order, 100, 10, filled(1_001, true));
        boolean[] selection = new boolean[1_001];
        assertThat(selector.select(1_000, 4, nonePinned, selection)).isEqualTo(4);
        assertThat(ranking()).containsExactly(997, 994, 991, 988);
    }

    /** With the detector: after a turn change A -> B, a subscriber with last-N = 1 switches its video to B. */
    @Test
    void followsTheDetector() {
        RoomSimulation room = new RoomSimulation(3);
        room.participant(31).speech(0, 10_000);
        room.participant(37).speech(10_000, 20_000);
        room.participant(41);
        DominantSpeakerDetector detector = room.detector();
        int[] order = new int[3];
        boolean[] selection = new boolean[3];

        room.run(10_000);
        selector.room(order, detector.speakersByRecentActivity(order), detector.rankedSpeakerCount(),
                filled(3, true));
        selector.select(2, 1, new boolean[3], selection);
        assertThat(selection).containsExactly(true, false, false);

        room.run(10_000);
        selector.room(order, detector.speakersByRecentActivity(order), detector.rankedSpeakerCount(),
                filled(3, true));
        selector.select(2, 1, new boolean[3], selection);
        assertThat(selection).containsExactly(false, true, false);
    }
}
