package org.opensfu.core.speaker;

import java.util.Arrays;

/**
 * Last-N: which participants' video one subscriber receives. The room's participants are ranked by
 * {@link DominantSpeakerDetector#speakersByRecentActivity}; each subscriber gets at most N of them, chosen in tiers:
 * <ol>
 *   <li>the participants it pinned (or that are on stage for it), in activity order;</li>
 *   <li>the participants that have spoken, most recent first (the dominant speaker first);</li>
 *   <li>the participants that have not spoken, in join order.</li>
 * </ol>
 * Only participants that publish video are selected, and never the subscriber itself. Within tiers 1 and 3, whose
 * members have no rank among themselves, a participant the subscriber already receives comes before one it does not:
 * a newcomer of equal rank never evicts it (the receiver's video does not churn when, say, somebody joins). In tier 2
 * the ranks are distinct and a more recent speaker does replace a less recent one: that is what last-N is for.
 *
 * <p>Use: {@link #room} once whenever the order or the set of video publishers changes
 * ({@link DominantSpeakerDetector#orderVersion()}), then {@link #select} for each subscriber. Participants are the
 * detector's small non-negative indexes. Confined to the room's loop; allocates only when the room grows past its
 * arrays.
 */
public final class LastNSelector {
    /** {@code lastN} for no limit. */
    public static final int UNLIMITED = -1;

    private int[] order = new int[16];
    private int orderCount;
    private int rankedCount;
    private boolean[] publishesVideo = new boolean[16];
    private boolean[] chosen = new boolean[16];
    private int[] selected = new int[16];
    private int selectedCount;

    /**
     * Sets the room: {@code order[0..count)} are its participants by recent activity, the first {@code rankedCount}
     * of which have spoken ({@link DominantSpeakerDetector#speakersByRecentActivity(int[])} and
     * {@link DominantSpeakerDetector#rankedSpeakerCount()}); {@code publishesVideo[p]} says whether participant
     * {@code p} sends video (indexes past its end do not). The arrays are copied.
     */
    public void room(int[] order, int count, int rankedCount, boolean[] publishesVideo) {
        if (count < 0 || count > order.length || rankedCount < 0 || rankedCount > count) {
            throw new IllegalArgumentException("bad count " + count + " or ranked count " + rankedCount);
        }
        int maxIndex = -1;
        for (int i = 0; i < count; i++) {
            if (order[i] < 0) {
                throw new IllegalArgumentException("negative participant index " + order[i]);
            }
            maxIndex = Math.max(maxIndex, order[i]);
        }
        if (count > this.order.length) {
            this.order = new int[Math.max(count, this.order.length * 2)];
            this.selected = new int[this.order.length];
        }
        if (maxIndex >= chosen.length) {
            int length = Math.max(maxIndex + 1, chosen.length * 2);
            this.chosen = new boolean[length];
            this.publishesVideo = new boolean[length];
        }
        System.arraycopy(order, 0, this.order, 0, count);
        this.orderCount = count;
        this.rankedCount = rankedCount;
        Arrays.fill(this.publishesVideo, false);
        System.arraycopy(publishesVideo, 0, this.publishesVideo, 0, Math.min(publishesVideo.length,
                this.publishesVideo.length));
    }

    /**
     * Chooses the participants whose video {@code subscriber} receives.
     *
     * @param subscriber the receiving participant; never selected
     * @param lastN      at most this many ({@link #UNLIMITED} for no limit)
     * @param pinned     {@code pinned[p]}: the subscriber pinned {@code p} or {@code p} is on stage (indexes past its
     *                   end are not pinned)
     * @param selection  on entry the subscriber's current selection, on return the new one, indexed by participant
     *                   (entries of participants not in the room are cleared); must cover every participant index
     * @return how many participants are selected; {@link #selected(int)} lists them in priority order
     */
    public int select(int subscriber, int lastN, boolean[] pinned, boolean[] selection) {
        int limit = lastN < 0 ? Integer.MAX_VALUE : lastN;
        selectedCount = 0;
        // tier 1: pinned / on stage; already received first
        pick(0, orderCount, subscriber, limit, pinned, selection, true, true);
        pick(0, orderCount, subscriber, limit, pinned, selection, true, false);
        // tier 2: recent speakers, strictly by rank
        for (int i = 0; i < rankedCount && selectedCount < limit; i++) {
            int p = order[i];
            if (eligible(p, subscriber) && !isSet(pinned, p)) {
                take(p);
            }
        }
        // tier 3: never spoke; already received first
        pick(rankedCount, orderCount, subscriber, limit, pinned, selection, false, true);
        pick(rankedCount, orderCount, subscriber, limit, pinned, selection, false, false);

        Arrays.fill(selection, false);
        for (int i = 0; i < selectedCount; i++) {
            int p = selected[i];
            chosen[p] = false; // leave the scratch clean for the next subscriber
            selection[p] = true;
        }
        return selectedCount;
    }

    private void pick(int from, int to, int subscriber, int limit, boolean[] pinned, boolean[] previous,
                      boolean wantPinned, boolean wantPrevious) {
        for (int i = from; i < to && selectedCount < limit; i++) {
            int p = order[i];
            if (eligible(p, subscriber) && isSet(pinned, p) == wantPinned && isSet(previous, p) == wantPrevious) {
                take(p);
            }
        }
    }

    private boolean eligible(int participant, int subscriber) {
        return participant != subscriber && publishesVideo[participant] && !chosen[participant];
    }

    private static boolean isSet(boolean[] flags, int participant) {
        return participant < flags.length && flags[participant];
    }

    private void take(int participant) {
        chosen[participant] = true;
        selected[selectedCount++] = participant;
    }

    /** The {@code rank}-th participant of the last {@link #select}, in priority order (pinned first). */
    public int selected(int rank) {
        if (rank < 0 || rank >= selectedCount) {
            throw new IndexOutOfBoundsException(rank);
        }
        return selected[rank];
    }

    /** How many participants the last {@link #select} chose. */
    public int selectedCount() {
        return selectedCount;
    }
}
