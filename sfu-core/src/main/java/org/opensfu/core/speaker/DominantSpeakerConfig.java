package org.opensfu.core.speaker;

/**
 * The constants of {@link DominantSpeakerDetector}; {@link #defaults()} are the tested values. Levels are in -dBov
 * (RFC 6464: 0 loudest, 127 silence), so a <em>smaller</em> number is a louder packet.
 *
 * @param quietLevelDbov         packets at this level or quieter count as silence (activity 0)
 * @param fullLevelDbov          packets at this level or louder count as full speech (activity 1); activity grows
 *                               linearly in between
 * @param minSnrDb               a packet counts only if it is at least this many dB louder than its sender's
 *                               background ({@link NoiseFloor})
 * @param noiseFloorWindowMillis how far back the background (the quietest level) is looked for
 * @param packetHoldMillis       a frame without a packet repeats the previous packet's activity for this long (covers
 *                               40-60 ms packetization, loss and jitter); after that, no packets means silence
 * @param useVoiceActivityFlag   whether a packet whose V bit is clear counts as silence; off by default because the
 *                               bit is meaningful only with {@code vad=on} (RFC 6464 §4)
 * @param immediateMillis        time constant of the immediate activity (is the speaker talking right now)
 * @param mediumMillis           time constant of the medium activity (about a word or a short phrase)
 * @param longMillis             time constant of the long activity (about a sentence)
 * @param immediateMargin        a challenger's immediate activity must exceed the dominant speaker's by this much;
 *                               also the immediate activity that counts as "speaking now" for the recent order
 * @param mediumMargin           likewise for the medium activity
 * @param longMargin             likewise for the long activity
 * @param minLongActivity        nobody becomes dominant (or counts as a recent speaker) below this long activity:
 *                               about 0.8 s of continuous speech; a cough stays below it
 * @param minDominanceMillis     after a switch the new dominant speaker is kept at least this long
 */
public record DominantSpeakerConfig(
        int quietLevelDbov,
        int fullLevelDbov,
        int minSnrDb,
        long noiseFloorWindowMillis,
        long packetHoldMillis,
        boolean useVoiceActivityFlag,
        long immediateMillis,
        long mediumMillis,
        long longMillis,
        double immediateMargin,
        double mediumMargin,
        double longMargin,
        double minLongActivity,
        long minDominanceMillis) {

    public DominantSpeakerConfig {
        if (fullLevelDbov < 0 || quietLevelDbov > AudioLevel.SILENCE_DBOV || fullLevelDbov >= quietLevelDbov) {
            throw new IllegalArgumentException("need 0 <= fullLevelDbov < quietLevelDbov <= 127");
        }
        if (minSnrDb < 0 || noiseFloorWindowMillis < 1 || packetHoldMillis < 0 || minDominanceMillis < 0) {
            throw new IllegalArgumentException("negative SNR, window, hold or dominance time");
        }
        if (immediateMillis < 1 || mediumMillis < immediateMillis || longMillis < mediumMillis) {
            throw new IllegalArgumentException("need 0 < immediateMillis <= mediumMillis <= longMillis");
        }
        if (!(immediateMargin >= 0 && mediumMargin >= 0 && longMargin >= 0
                && minLongActivity > 0 && minLongActivity < 1)) {
            throw new IllegalArgumentException("margins must be >= 0 and minLongActivity in (0, 1)");
        }
    }

    /** The tested defaults (see {@link DominantSpeakerDetector} for why). */
    public static DominantSpeakerConfig defaults() {
        return new DominantSpeakerConfig(70, 40, 12, 3_000, 100, false,
                300, 1_200, 1_800, 0.3, 0.25, 0.0, 0.35, 2_000);
    }

    /** A copy that does or does not trust the V bit. */
    public DominantSpeakerConfig withVoiceActivityFlag(boolean use) {
        return new DominantSpeakerConfig(quietLevelDbov, fullLevelDbov, minSnrDb, noiseFloorWindowMillis,
                packetHoldMillis, use, immediateMillis, mediumMillis, longMillis, immediateMargin, mediumMargin,
                longMargin, minLongActivity, minDominanceMillis);
    }
}
