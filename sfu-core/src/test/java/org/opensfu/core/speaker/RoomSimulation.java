package org.opensfu.core.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.opensfu.core.time.ManualClock;

/**
 * Plays {@link LevelTrace}s of a room into a {@link DominantSpeakerDetector} in virtual time (a {@link ManualClock}
 * moved 1 ms at a time) and records every change of dominant speaker. Each participant sends one packet per
 * {@code ptimeMillis} with its own phase; {@link #evaluate} runs every {@code evaluateEveryMillis}.
 */
final class RoomSimulation {
    /** A change of dominant speaker at {@code atMillis}. */
    record Switch(long atMillis, int from, int to) {
    }

    private final DominantSpeakerDetector detector;
    private final List<LevelTrace> traces = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final SplittableRandom network;
    private final List<Switch> switches = new ArrayList<>();
    private long ptimeMillis = 20;
    private long evaluateEveryMillis = 200;
    private double lossRate;
    private boolean dtx;
    private long elapsedMillis;

    RoomSimulation(DominantSpeakerDetector detector, long seed) {
        this.detector = detector;
        this.network = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    RoomSimulation(long seed) {
        this(new DominantSpeakerDetector(), seed);
    }

    /** Adds a participant (its speaker index is its position) and returns its trace to script. */
    LevelTrace participant(long seed) {
        LevelTrace trace = new LevelTrace(seed);
        detector.addSpeaker(traces.size());
        traces.add(trace);
        return trace;
    }

    RoomSimulation ptimeMillis(long ptime) {
        this.ptimeMillis = ptime;
        return this;
    }

    RoomSimulation evaluateEveryMillis(long interval) {
        this.evaluateEveryMillis = interval;
        return this;
    }

    /** Drops this share of packets at random. */
    RoomSimulation lossRate(double rate) {
        this.lossRate = rate;
        return this;
    }

    /** Opus DTX: quiet packets are not sent, except one every 400 ms. */
    RoomSimulation dtx() {
        this.dtx = true;
        return this;
    }

    /** Runs the room for {@code durationMillis} more; returns the switches seen so far. */
    List<Switch> run(long durationMillis) {
        long end = elapsedMillis + durationMillis;
        for (; elapsedMillis < end; elapsedMillis++) {
            long now = elapsedMillis;
            for (int p = 0; p < traces.size(); p++) {
                long phase = (p * 7L) % ptimeMillis;
                if (now >= phase && (now - phase) % ptimeMillis == 0) {
                    send(p, now);
                }
            }
            if (now % evaluateEveryMillis == 0) {
                int before = detector.dominantSpeaker();
                if (detector.evaluate(clock.nowNanos())) {
                    switches.add(new Switch(now, before, detector.dominantSpeaker()));
                }
            }
            clock.advanceMillis(1);
        }
        return switches;
    }

    private void send(int participant, long now) {
        LevelTrace.Level level = traces.get(participant).next(now);
        if (lossRate > 0 && network.nextDouble() < lossRate) {
            return;
        }
        if (dtx && !level.audible() && now % 400 >= ptimeMillis) {
            return;
        }
        detector.onAudioLevel(participant, level.levelDbov(), level.voiceActivity(), clock.nowNanos());
    }

    List<Switch> switches() {
        return switches;
    }

    DominantSpeakerDetector detector() {
        return detector;
    }
}
