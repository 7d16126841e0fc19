package org.opensfu.core.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensfu.core.speaker.RoomSimulation.Switch;

/**
 * Synthetic rooms in virtual time ({@link RoomSimulation}, {@link LevelTrace}): every scenario runs with several
 * seeds and counts the changes of dominant speaker. Participant i is speaker i; evaluation every 200 ms.
 */
class DominantSpeakerScenariosTest {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    // (1) a steady speaker with two silent listeners stays dominant for 30 s
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void steadySpeakerStaysDominant(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 30_000);
        room.participant(seed * 37);
        room.participant(seed * 41);

        List<Switch> switches = room.run(30_000);

        assertThat(switches).hasSize(1);
        assertThat(switches.getFirst().to()).isEqualTo(A);
        assertThat(switches.getFirst().atMillis()).isLessThanOrEqualTo(2_000);
        assertThat(room.detector().dominantSpeaker()).isEqualTo(A);
    }

    // (1b) ... and while the listeners murmur under their breath
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void steadySpeakerStaysDominantOverMurmur(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 30_000);
        room.participant(seed * 37).murmur(0, 30_000);
        room.participant(seed * 41).murmur(5_000, 25_000);

        List<Switch> switches = room.run(30_000);

        assertThat(switches).hasSize(1);
        assertThat(switches.getFirst().to()).isEqualTo(A);
    }

    // (2) a turn change A -> B switches once, within 2 s of B starting and A stopping
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void turnChangeSwitchesOnceWithinTwoSeconds(long seed) {
        assertTurnChange(turnChangeRoom(new RoomSimulation(seed), seed));
    }

    // (2b) the same with Opus DTX (no packets in silence but one every 400 ms)
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void turnChangeWithDtx(long seed) {
        assertTurnChange(turnChangeRoom(new RoomSimulation(seed).dtx(), seed));
    }

    // (2c) the same with 60 ms packets and 10 % loss
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void turnChangeWith60MillisecondPacketsAndLoss(long seed) {
        assertTurnChange(turnChangeRoom(new RoomSimulation(seed).ptimeMillis(60).lossRate(0.1), seed));
    }

    // (2d) the same evaluated every 100 ms and every 300 ms
    @ParameterizedTest(name = "every {0} ms")
    @ValueSource(longs = {100, 300})
    void turnChangeAtOtherEvaluationRates(long intervalMillis) {
        assertTurnChange(turnChangeRoom(new RoomSimulation(5).evaluateEveryMillis(intervalMillis), 5));
    }

    private static RoomSimulation turnChangeRoom(RoomSimulation room, long seed) {
        room.participant(seed * 31).speech(0, 10_000);
        room.participant(seed * 37).speech(10_000, 20_000);
        room.participant(seed * 41);
        return room;
    }

    private static void assertTurnChange(RoomSimulation room) {
        List<Switch> switches = room.run(20_000);

        assertThat(switches).extracting(Switch::to).containsExactly(A, B);
        assertThat(switches.get(1).atMillis()).isBetween(10_000L, 12_000L);
        assertThat(room.detector().speakersByRecentActivity()).containsExactly(B, A, C);
        assertThat(room.detector().rankedSpeakerCount()).isEqualTo(2);
    }

    // (3) a listener's coughs while A speaks do not switch
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void coughFromListenerDoesNotSwitch(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 20_000);
        room.participant(seed * 37);
        room.participant(seed * 41).cough(6_000, 300).cough(9_000, 300).cough(13_000, 500);

        List<Switch> switches = room.run(20_000);

        assertThat(switches).extracting(Switch::to).containsExactly(A);
        assertThat(room.detector().speakersByRecentActivity()).containsExactly(A, B, C); // C never counted as speech
    }

    // (3b) nor when everybody else is silent: no speaker defends, the 0.35 long-activity floor does
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void coughInASilentRoomDoesNotSwitch(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 5_000);
        room.participant(seed * 37);
        room.participant(seed * 41).cough(10_000, 500).cough(14_000, 500);

        List<Switch> switches = room.run(20_000);

        assertThat(switches).extracting(Switch::to).containsExactly(A);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void coughInARoomWhereNobodySpokeElectsNobody(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31);
        room.participant(seed * 37).cough(3_000, 500).cough(8_000, 300);

        assertThat(room.run(12_000)).isEmpty();
        assertThat(room.detector().dominantSpeaker()).isEqualTo(DominantSpeakerDetector.NONE);
    }

    // (4) steady background noise from listeners (one from the start, one switched on later with a V bit set by a
    // fooled voice activity detector) does not take over from a speaker
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void backgroundNoiseDoesNotBeatSpeech(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 30_000);
        room.participant(seed * 37).noise(0, 30_000);
        room.participant(seed * 41).noise(10_000, 30_000).noiseWithVoiceActivity();

        List<Switch> switches = room.run(30_000);

        assertThat(switches).extracting(Switch::to).containsExactly(A);
        assertThat(room.detector().longActivity(C)).isLessThan(0.05); // its floor has adapted
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void noiseSwitchedOnInASilentRoomDoesNotTakeOver(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 5_000);
        room.participant(seed * 37).noise(8_000, 30_000).noiseWithVoiceActivity();

        List<Switch> switches = room.run(30_000);

        assertThat(switches).extracting(Switch::to).containsExactly(A);
    }

    // (5) two people alternating every 5 s: one switch per turn
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void alternatingSpeakersSwitchOncePerTurn(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        LevelTrace a = room.participant(seed * 31);
        LevelTrace b = room.participant(seed * 37);
        for (int t = 0; t < 40_000; t += 10_000) {
            a.speech(t, t + 5_000);
            b.speech(t + 5_000, t + 10_000);
        }

        List<Switch> switches = room.run(40_000);

        assertThat(switches).hasSize(8);
        for (int turn = 0; turn < 8; turn++) {
            Switch s = switches.get(turn);
            assertThat(s.to()).isEqualTo(turn % 2 == 0 ? A : B);
            assertThat(s.atMillis()).isBetween(turn * 5_000L, turn * 5_000L + 2_000);
        }
    }

    // (6) silence from everyone keeps the last speaker without flapping
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void silenceKeepsTheLastSpeaker(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 5_000);
        room.participant(seed * 37);
        room.participant(seed * 41);

        List<Switch> switches = room.run(35_000);

        assertThat(switches).extracting(Switch::to).containsExactly(A);
        assertThat(room.detector().dominantSpeaker()).isEqualTo(A);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void silenceFromTheStartElectsNobody(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31);
        room.participant(seed * 37);
        room.participant(seed * 41);

        assertThat(room.run(30_000)).isEmpty();
        assertThat(room.detector().dominantSpeaker()).isEqualTo(DominantSpeakerDetector.NONE);
        assertThat(room.detector().rankedSpeakerCount()).isZero();
    }

    // beyond the brief: 15 s of double talk between two equally loud speakers may switch, but rarely
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void doubleTalkSwitchesRarely(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 20_000);
        room.participant(seed * 37).speech(5_000, 20_000);

        List<Switch> switches = room.run(20_000);

        assertThat(switches.getFirst().to()).isEqualTo(A);
        assertThat(switches.size() - 1).isLessThanOrEqualTo(4); // at most one change per ~4 s of double talk
        for (int i = 2; i < switches.size(); i++) {
            assertThat(switches.get(i).atMillis() - switches.get(i - 1).atMillis()).isGreaterThanOrEqualTo(2_000);
        }
    }

    // an interjection moves the speaker behind the dominant one in the recent-activity order, without a switch
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void interjectionReordersWithoutSwitching(long seed) {
        RoomSimulation room = new RoomSimulation(seed);
        room.participant(seed * 31).speech(0, 20_000);
        room.participant(seed * 37);
        room.participant(seed * 41).speech(10_000, 12_000);
        room.participant(seed * 43);

        List<Switch> switches = room.run(20_000);

        assertThat(switches).extracting(Switch::to).containsExactly(A);
        assertThat(room.detector().speakersByRecentActivity()).containsExactly(A, C, B, 3);
        assertThat(room.detector().rankedSpeakerCount()).isEqualTo(2);
    }
}
