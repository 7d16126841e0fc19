package org.opensfu.core.speaker;

/**
 * The speech activity of one speaker at three time scales, the "local processing" of Volfin &amp; Cohen (2013)
 * reduced to what one RFC 6464 level per packet can tell.
 *
 * <p>Time is cut into 20 ms frames (one Opus packet each). A packet's <em>activity</em> is 0..1: 0 at or below
 * {@link DominantSpeakerConfig#quietLevelDbov()}, 1 at or above {@link DominantSpeakerConfig#fullLevelDbov()},
 * linear in between, and 0 unless it is {@link DominantSpeakerConfig#minSnrDb()} above the speaker's
 * {@link NoiseFloor} (assumed quiet, {@code quietLevelDbov + minSnrDb}, until the speaker has shown its background
 * for a whole window; and, optionally, unless its V bit is set). A frame's activity is that of its loudest packet; a
 * frame without packets repeats the last packet's activity for {@link DominantSpeakerConfig#packetHoldMillis()} and
 * is silent afterwards (DTX, muting, a stopped sender).
 *
 * <p>Each closed frame updates three exponential moving averages with time constants
 * {@code immediateMillis < mediumMillis < longMillis}: they stand for the paper's immediate, medium and long
 * speech activity scores, which count active sub-bands in a frame, active frames in a word-long block and active
 * blocks in a sentence-long window. An average tracks the same evidence (how much of the recent time had speech),
 * costs three multiply-adds per frame and no buffer, and decays through gaps in closed form.
 *
 * <p>{@link StrictMath} for {@code exp} and {@code pow}, so the same input gives the same scores on every JVM.
 */
final class SpeakerActivity {
    /** Length of a frame: the usual Opus packetization. */
    static final long FRAME_NANOS = 20_000_000L;
    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final DominantSpeakerConfig config;
    private final NoiseFloor noiseFloor;
    private final double immediateRetain;
    private final double mediumRetain;
    private final double longRetain;
    private final long holdFrames;

    private double immediate;
    private double medium;
    private double longTerm;
    /** The frame packets are accumulated into; every earlier frame is folded into the averages. */
    private long frame = NOT_STARTED;
    /** Activity of the loudest packet of {@link #frame} so far, or -1 if it has none yet. */
    private double pending = -1;
    private double lastPacketActivity;
    private long lastPacketFrame;
    /** Whether the speaker is currently in sustained speech (see {@link DominantSpeakerDetector}). */
    boolean sustained;

    SpeakerActivity(DominantSpeakerConfig config) {
        this.config = config;
        this.noiseFloor = new NoiseFloor(config.noiseFloorWindowMillis(),
                config.quietLevelDbov() + config.minSnrDb());
        this.immediateRetain = retainPerFrame(config.immediateMillis());
        this.mediumRetain = retainPerFrame(config.mediumMillis());
        this.longRetain = retainPerFrame(config.longMillis());
        this.holdFrames = (config.packetHoldMillis() * 1_000_000L + FRAME_NANOS - 1) / FRAME_NANOS;
    }

    /** The share of an average kept per frame: exp(-frame / tau). */
    private static double retainPerFrame(long tauMillis) {
        return StrictMath.exp(-(double) FRAME_NANOS / (tauMillis * 1_000_000.0));
    }

    static long frameOf(long nowNanos) {
        return Math.floorDiv(nowNanos, FRAME_NANOS);
    }

    /** One packet's level (-dBov, clamped to 0..127) and V bit. */
    void onLevel(int levelDbov, boolean voiceActivity, long nowNanos) {
        int level = Math.clamp(levelDbov, AudioLevel.LOUDEST_DBOV, AudioLevel.SILENCE_DBOV);
        noiseFloor.record(level, nowNanos);
        double activity = packetActivity(level, voiceActivity, noiseFloor.floorDbov());
        long packetFrame = frameOf(nowNanos);
        if (frame == NOT_STARTED) {
            frame = packetFrame;
        } else if (packetFrame > frame) {
            advanceTo(packetFrame);
        }
        // a packet from an earlier frame (time went backwards, or a late call) counts in the current frame
        if (activity > pending) {
            pending = activity;
        }
        lastPacketActivity = activity;
        lastPacketFrame = frame;
    }

    private double packetActivity(int level, boolean voiceActivity, int floorDbov) {
        if (config.useVoiceActivityFlag() && !voiceActivity) {
            return 0;
        }
        if (floorDbov - level < config.minSnrDb()) {
            return 0;
        }
        double activity = (double) (config.quietLevelDbov() - level)
                / (config.quietLevelDbov() - config.fullLevelDbov());
        return Math.clamp(activity, 0.0, 1.0);
    }

    /** Folds every frame before {@code targetFrame} into the averages. No-op before the first packet. */
    void advanceTo(long targetFrame) {
        if (frame == NOT_STARTED || targetFrame <= frame) {
            return;
        }
        // the frame being accumulated, then held frames, then silence in closed form
        fold(pending >= 0 ? pending : heldActivity(frame));
        frame++;
        pending = -1;
        while (frame < targetFrame && frame - lastPacketFrame <= holdFrames) {
            fold(heldActivity(frame));
            frame++;
        }
        if (frame < targetFrame) {
            double silentFrames = (double) (targetFrame - frame);
            immediate *= StrictMath.pow(immediateRetain, silentFrames);
            medium *= StrictMath.pow(mediumRetain, silentFrames);
            longTerm *= StrictMath.pow(longRetain, silentFrames);
            frame = targetFrame;
        }
    }

    private double heldActivity(long emptyFrame) {
        return emptyFrame - lastPacketFrame <= holdFrames ? lastPacketActivity : 0;
    }

    private void fold(double activity) {
        immediate = activity + immediateRetain * (immediate - activity);
        medium = activity + mediumRetain * (medium - activity);
        longTerm = activity + longRetain * (longTerm - activity);
    }

    /** Activity over the last fraction of a second, 0..1. */
    double immediate() {
        return immediate;
    }

    /** Activity over about the last second, 0..1. */
    double medium() {
        return medium;
    }

    /** Activity over the last few seconds, 0..1. */
    double longTerm() {
        return longTerm;
    }

    /** The speaker's current background level (-dBov), or -1 before its first packet. */
    int noiseFloorDbov() {
        return noiseFloor.floorDbov();
    }
}
