package org.opensfu.core.speaker;

import java.util.Arrays;

/**
 * The speakers of a room ordered by how recently each showed sustained speech: the input of last-N. The first
 * {@link #ranked()} entries have spoken since they joined, most recent first; the rest have not, in the order they
 * joined, and are of equal rank. A speaker moves only when the detector says so (it became dominant, or it began a
 * sustained stretch of speech), so the order does not churn with every packet.
 *
 * <p>Moves shift a small int array; nothing is allocated except when the array grows on {@link #add}.
 */
final class ActivityOrder {
    private int[] members = new int[8];
    private int size;
    private int ranked;
    private long version;

    /** Appends a speaker that has not spoken yet. */
    void add(int speaker) {
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
        }
        members[size++] = speaker;
        version++;
    }

    /** Removes a speaker; false if it was not there. */
    boolean remove(int speaker) {
        int position = positionOf(speaker);
        if (position < 0) {
            return false;
        }
        System.arraycopy(members, position + 1, members, position, size - position - 1);
        size--;
        if (position < ranked) {
            ranked--;
        }
        version++;
        return true;
    }

    /**
     * Moves {@code speaker} up to {@code position} (0 is the front), shifting those in between down by one, and
     * marks it as having spoken. A speaker already at or before {@code position} stays where it is.
     */
    void promote(int speaker, int position) {
        int current = positionOf(speaker);
        if (current < 0) {
            return;
        }
        int target = Math.min(position, ranked);
        if (current < ranked && current <= target) {
            return;
        }
        System.arraycopy(members, target, members, target + 1, current - target);
        members[target] = speaker;
        if (current >= ranked) {
            ranked++;
        }
        version++;
    }

    int positionOf(int speaker) {
        for (int i = 0; i < size; i++) {
            if (members[i] == speaker) {
                return i;
            }
        }
        return -1;
    }

    int size() {
        return size;
    }

    /** How many speakers at the front have spoken since they joined. */
    int ranked() {
        return ranked;
    }

    int get(int position) {
        return members[position];
    }

    /** Incremented on every change. */
    long version() {
        return version;
    }

    /** Copies the order into {@code out} (which must hold {@link #size()} entries) and returns the size. */
    int copyTo(int[] out) {
        System.arraycopy(members, 0, out, 0, size);
        return size;
    }
}
