package org.opensfu.core.speaker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dominant-speaker identification for one room: a simplified form of I. Volfin and I. Cohen, "Dominant speaker
 * identification for multipoint videoconferencing", Computer Speech &amp; Language 27(4), 2013.
 *
 * <h2>Algorithm</h2>
 * (Constants are the {@link DominantSpeakerConfig#defaults()}.)
 * <ol>
 *   <li><b>Local processing</b> (per packet, {@link #onAudioLevel}): each speaker's RFC 6464 levels become a frame
 *       activity 0..1 (loudness, gated by the speaker's own background noise), smoothed at three time scales,
 *       <em>immediate</em> (τ = 300 ms), <em>medium</em> (τ = 1.2 s) and <em>long</em> (τ = 1.8 s); see
 *       {@link SpeakerActivity}. The paper's scores are likelihood ratios of counts of active sub-bands, frames and
 *       blocks; a single level per packet has no sub-bands, and the averages measure the same thing, the share of
 *       recent time with speech at each scale.</li>
 *   <li><b>Global decision</b> (every 100-300 ms, {@link #evaluate}): as in the paper, a challenger replaces the
 *       dominant speaker only if it beats it at <em>every</em> time scale, with margins that are strictest at the
 *       immediate scale and zero at the long one (the paper's thresholds C1 &gt; C2 &gt; C3 = 0): immediate by 0.3,
 *       medium by 0.25, long by 0; in addition its long activity must be at least 0.35 (0.8 s of loud speech),
 *       and a new dominant speaker is kept at least 2 s. Of several challengers the one with the highest medium
 *       activity wins (as in the paper), then the highest long activity, then the one earlier in
 *       {@link #speakersByRecentActivity()}: ties are deterministic. Unlike the paper, nobody is dominant until
 *       somebody has spoken, and the dominant speaker stays dominant through silence.</li>
 * </ol>
 *
 * <h2>What each rule buys</h2>
 * <ul>
 *   <li><b>A cough or a bang does not switch.</b> A 500 ms burst at full loudness lifts the long average to
 *       1 - e<sup>-0.5/1.8</sup> ≈ 0.24, below the 0.35 floor (a burst would have to last 0.8 s to reach it), and
 *       a speaker who is talking holds a long average around 0.5-0.9 that the burst cannot beat.</li>
 *   <li><b>A real turn change switches in 1-2 s.</b> When A stops and B starts, B's long average passes A's
 *       decaying one after τ·ln 2 ≈ 1.25 s (both at the same speech density), immediate and medium are won sooner,
 *       and the next {@link #evaluate} announces it: 1.0-1.8 s in the tests.</li>
 *   <li><b>No flapping.</b> The margins make the decision hysteretic, a new dominant speaker is kept at least 2 s,
 *       and the dominant speaker stays dominant through silence (the last speaker remains on screen).</li>
 *   <li><b>Background noise does not win.</b> A packet counts only when it is 12 dB above the quietest level its
 *       sender sent in the last 2-3 s (constant noise is its own floor), and only levels louder than -70 dBov count
 *       at all, fully from -40 dBov: a fan switched on at -60..-70 dBov scores 0-0.33 for the 2-3 s before its floor
 *       adapts, and its long activity stays below 0.35.</li>
 * </ul>
 *
 * <h2>Recent speakers (last-N)</h2>
 * {@link #speakersByRecentActivity} lists every speaker: a speaker moves to the front when it becomes dominant, and
 * right behind the dominant speaker when it starts a stretch of sustained speech without becoming dominant (an
 * interjection, double talk); a stretch starts when its long activity reaches 0.35 while it speaks (immediate at
 * least 0.3) and ends when the long activity falls below half that. Speakers who have never spoken follow, in join order
 * ({@link #rankedSpeakerCount()} tells where they start). The order changes only at {@link #evaluate} and
 * {@link #orderVersion()} counts the changes.
 *
 * <h2>Threading and cost</h2>
 * Confined to the room's media loop like the router: no locks. {@link #onAudioLevel} and {@link #evaluate} allocate
 * nothing (a few multiply-adds per packet; {@link #evaluate} is linear in the number of speakers). Time is passed in,
 * so tests run in virtual time. Speakers are small non-negative ints chosen by the caller; {@link #addSpeaker}
 * allocates.
 */
public final class DominantSpeakerDetector {
    /** {@link #dominantSpeaker()} when nobody has spoken yet. */
    public static final int NONE = -1;

    private final DominantSpeakerConfig config;
    private final long minDominanceNanos;
    private SpeakerActivity[] speakers = new SpeakerActivity[8];
    private final ActivityOrder order = new ActivityOrder();
    private int[] orderSnapshot = new int[8];
    private int dominant = NONE;
    private long dominantSinceNanos;
    private long dominantChanges;
    private long ignoredLevels;

    public DominantSpeakerDetector() {
        this(DominantSpeakerConfig.defaults());
    }

    public DominantSpeakerDetector(DominantSpeakerConfig config) {
        this.config = config;
        this.minDominanceNanos = config.minDominanceMillis() * 1_000_000L;
    }

    public DominantSpeakerConfig config() {
        return config;
    }

    /** Adds a speaker with index {@code speakerIndex} (>= 0), at the end of the recent-activity order. */
    public void addSpeaker(int speakerIndex) {
        if (speakerIndex < 0) {
            throw new IllegalArgumentException("speaker index must not be negative: " + speakerIndex);
        }
        if (hasSpeaker(speakerIndex)) {
            throw new IllegalArgumentException("speaker already present: " + speakerIndex);
        }
        if (speakerIndex >= speakers.length) {
            speakers = Arrays.copyOf(speakers, Math.max(speakers.length * 2, speakerIndex + 1));
        }
        speakers[speakerIndex] = new SpeakerActivity(config);
        order.add(speakerIndex);
        if (order.size() > orderSnapshot.length) {
            orderSnapshot = new int[order.size() * 2];
        }
    }

    /**
     * Removes a speaker (unknown indexes are ignored). Returns true if it was the dominant speaker: there is then
     * none until {@link #evaluate} elects one (the caller may want to announce the change).
     */
    public boolean removeSpeaker(int speakerIndex) {
        if (!hasSpeaker(speakerIndex)) {
            return false;
        }
        speakers[speakerIndex] = null;
        order.remove(speakerIndex);
        if (dominant == speakerIndex) {
            dominant = NONE;
            dominantChanges++;
            return true;
        }
        return false;
    }

    public boolean hasSpeaker(int speakerIndex) {
        return speakerIndex >= 0 && speakerIndex < speakers.length && speakers[speakerIndex] != null;
    }

    public int speakerCount() {
        return order.size();
    }

    /**
     * One audio packet's level: {@code levelDbov} 0..127 (-dBov, 127 silence; out-of-range values are clamped) and
     * its V bit, received at {@code nowNanos}. Levels of unknown speakers are counted in {@link #ignoredLevels()}
     * and otherwise ignored. Allocation-free.
     */
    public void onAudioLevel(int speakerIndex, int levelDbov, boolean voiceActivity, long nowNanos) {
        if (!hasSpeaker(speakerIndex)) {
            ignoredLevels++;
            return;
        }
        speakers[speakerIndex].onLevel(levelDbov, voiceActivity, nowNanos);
    }

    /**
     * The global decision; call it every 100-300 ms. Returns true when {@link #dominantSpeaker()} changed.
     * Allocation-free.
     */
    public boolean evaluate(long nowNanos) {
        long frame = SpeakerActivity.frameOf(nowNanos);
        for (int i = 0; i < order.size(); i++) {
            speakers[order.get(i)].advanceTo(frame);
        }
        updateSustainedSpeech();
        if (dominant != NONE && nowNanos - dominantSinceNanos < minDominanceNanos) {
            return false;
        }
        int challenger = strongestChallenger();
        if (challenger == NONE) {
            return false;
        }
        dominant = challenger;
        dominantSinceNanos = nowNanos;
        dominantChanges++;
        order.promote(challenger, 0);
        return true;
    }

    /**
     * A non-dominant speaker starting a stretch of sustained speech moves behind the dominant one (class doc);
     * several starting at once keep their relative order.
     */
    private void updateSustainedSpeech() {
        double exitLevel = config.minLongActivity() / 2;
        int count = order.copyTo(orderSnapshot); // promoting reorders the live list
        int position = dominant == NONE ? 0 : 1;
        for (int i = 0; i < count; i++) {
            int index = orderSnapshot[i];
            SpeakerActivity speaker = speakers[index];
            if (speaker.sustained) {
                if (speaker.longTerm() < exitLevel) {
                    speaker.sustained = false;
                }
            } else if (speaker.longTerm() >= config.minLongActivity()
                    && speaker.immediate() >= config.immediateMargin()) {
                speaker.sustained = true;
                if (index != dominant) {
                    order.promote(index, position++);
                }
            }
        }
    }

    /** The challenger that beats the dominant speaker at every scale, or {@link #NONE}. */
    private int strongestChallenger() {
        double dominantImmediate = 0;
        double dominantMedium = 0;
        double dominantLong = 0;
        if (dominant != NONE) {
            SpeakerActivity d = speakers[dominant];
            dominantImmediate = d.immediate();
            dominantMedium = d.medium();
            dominantLong = d.longTerm();
        }
        int best = NONE;
        for (int i = 0; i < order.size(); i++) {
            int index = order.get(i);
            if (index == dominant) {
                continue;
            }
            SpeakerActivity s = speakers[index];
            boolean beats = s.longTerm() >= config.minLongActivity()
                    && s.immediate() >= dominantImmediate + config.immediateMargin()
                    && s.medium() >= dominantMedium + config.mediumMargin()
                    && s.longTerm() >= dominantLong + config.longMargin();
            if (beats && (best == NONE || stronger(s, speakers[best]))) {
                best = index;
            }
        }
        return best;
    }

    /** Strictly stronger: higher medium activity, then higher long activity (equal: the earlier in order wins). */
    private static boolean stronger(SpeakerActivity a, SpeakerActivity b) {
        if (a.medium() != b.medium()) {
            return a.medium() > b.medium();
        }
        return a.longTerm() > b.longTerm();
    }

    /** The dominant speaker's index, or {@link #NONE}. */
    public int dominantSpeaker() {
        return dominant;
    }

    /**
     * Copies the speakers, most recent sustained speech first (the dominant speaker first), into {@code out}, which
     * must hold {@link #speakerCount()} entries; returns that count. Allocation-free.
     */
    public int speakersByRecentActivity(int[] out) {
        return order.copyTo(out);
    }

    /** The same order as a new list (for the control plane). */
    public List<Integer> speakersByRecentActivity() {
        List<Integer> list = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            list.add(order.get(i));
        }
        return list;
    }

    /** How many speakers at the front of {@link #speakersByRecentActivity} have spoken since they joined. */
    public int rankedSpeakerCount() {
        return order.ranked();
    }

    /** Incremented whenever {@link #speakersByRecentActivity} changes: recompute last-N only then. */
    public long orderVersion() {
        return order.version();
    }

    /** How many times the dominant speaker changed (elections and removals). */
    public long dominantSpeakerChanges() {
        return dominantChanges;
    }

    /** Levels received for speakers that were not added. */
    public long ignoredLevels() {
        return ignoredLevels;
    }

    /** A speaker's immediate activity 0..1 as of its last packet or the last {@link #evaluate} (0 if unknown). */
    public double immediateActivity(int speakerIndex) {
        return hasSpeaker(speakerIndex) ? speakers[speakerIndex].immediate() : 0;
    }

    /** A speaker's medium activity 0..1 as of its last packet or the last {@link #evaluate}. */
    public double mediumActivity(int speakerIndex) {
        return hasSpeaker(speakerIndex) ? speakers[speakerIndex].medium() : 0;
    }

    /** A speaker's long activity 0..1 as of its last packet or the last {@link #evaluate}. */
    public double longActivity(int speakerIndex) {
        return hasSpeaker(speakerIndex) ? speakers[speakerIndex].longTerm() : 0;
    }

    /** A speaker's background level (-dBov), or -1 if unknown or before its first packet. */
    public int noiseFloorDbov(int speakerIndex) {
        return hasSpeaker(speakerIndex) ? speakers[speakerIndex].noiseFloorDbov() : -1;
    }
}
