package org.opensfu.core.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic RFC 6464 level trace for one participant: a script of timed segments (speech, noise, a cough; silence
 * elsewhere) turned into one level per packet by a seeded random source, so every run is the same.
 *
 * <ul>
 *   <li>speech: talk spurts of 0.4-2.5 s at -30..-45 dBov (some weak syllables at -48..-58) with the V bit set,
 *       separated by natural pauses of 0.15-0.7 s at -90..-127 dBov;</li>
 *   <li>murmur: the same pattern 22 dB quieter (-52..-67 dBov), a listener talking under their breath;</li>
 *   <li>silence: -95..-127 dBov, V clear;</li>
 *   <li>noise: a constant -60..-70 dBov (a fan), V as configured;</li>
 *   <li>cough: a loud burst at -20..-30 dBov with V set.</li>
 * </ul>
 */
final class LevelTrace {
    enum Kind { SILENCE, SPEECH, MURMUR, NOISE, COUGH }

    /** One packet: level in -dBov and the V bit. */
    record Level(int levelDbov, boolean voiceActivity) {
        /** Whether a DTX sender would send this packet as speech (not comfort noise). */
        boolean audible() {
            return levelDbov < 80;
        }
    }

    private record Segment(long startMillis, long endMillis, Kind kind) {
    }

    private final List<Segment> segments = new ArrayList<>();
    private final SplittableRandom random;
    private boolean noiseVoiceActivity;
    // talk-spurt state of speech
    private boolean inSpurt;
    private long spurtOrPauseEndsMillis = Long.MIN_VALUE;

    LevelTrace(long seed) {
        this.random = new SplittableRandom(seed);
    }

    LevelTrace speech(long fromMillis, long toMillis) {
        segments.add(new Segment(fromMillis, toMillis, Kind.SPEECH));
        return this;
    }

    LevelTrace murmur(long fromMillis, long toMillis) {
        segments.add(new Segment(fromMillis, toMillis, Kind.MURMUR));
        return this;
    }

    LevelTrace noise(long fromMillis, long toMillis) {
        segments.add(new Segment(fromMillis, toMillis, Kind.NOISE));
        return this;
    }

    LevelTrace cough(long atMillis, long durationMillis) {
        segments.add(new Segment(atMillis, atMillis + durationMillis, Kind.COUGH));
        return this;
    }

    /** Noise packets carry V=1, as from a voice activity detector fooled by the noise. */
    LevelTrace noiseWithVoiceActivity() {
        this.noiseVoiceActivity = true;
        return this;
    }

    /** What the script says at {@code millis}: the last segment covering it wins. */
    Kind kindAt(long millis) {
        Kind kind = Kind.SILENCE;
        for (Segment segment : segments) {
            if (millis >= segment.startMillis && millis < segment.endMillis) {
                kind = segment.kind;
            }
        }
        return kind;
    }

    /** The next packet's level at {@code millis}; call with non-decreasing times. */
    Level next(long millis) {
        return switch (kindAt(millis)) {
            case SILENCE -> {
                inSpurt = false;
                spurtOrPauseEndsMillis = Long.MIN_VALUE;
                yield silence();
            }
            case NOISE -> new Level(60 + random.nextInt(11), noiseVoiceActivity);
            case COUGH -> new Level(20 + random.nextInt(11), true);
            case SPEECH -> speech(millis, 0);
            case MURMUR -> speech(millis, 22);
        };
    }

    private Level silence() {
        return new Level(random.nextInt(4) == 0 ? 127 : 95 + random.nextInt(33), false);
    }

    /** Speech {@code quieterDb} dB quieter than normal (22 dB: a murmur at -52..-67 dBov). */
    private Level speech(long millis, int quieterDb) {
        if (spurtOrPauseEndsMillis == Long.MIN_VALUE) {
            inSpurt = true; // a turn starts with speech
            spurtOrPauseEndsMillis = millis + 400 + random.nextInt(2101);
        } else if (millis >= spurtOrPauseEndsMillis) {
            inSpurt = !inSpurt;
            spurtOrPauseEndsMillis = millis + (inSpurt ? 400 + random.nextInt(2101) : 150 + random.nextInt(551));
        }
        if (!inSpurt) {
            return new Level(90 + random.nextInt(38), false);
        }
        if (random.nextInt(7) == 0) {
            return new Level(Math.min(127, 48 + quieterDb + random.nextInt(11)), true);
        }
        return new Level(30 + quieterDb + random.nextInt(16), true);
    }
}
