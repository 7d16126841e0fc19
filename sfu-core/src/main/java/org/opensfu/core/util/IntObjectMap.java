package org.opensfu.core.util;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * An open-addressing hash map from {@code int} keys (SSRCs, ids) to objects, without boxing: lookups on the packet
 * path allocate nothing. Linear probing with backward-shift deletion. Not thread-safe: confine it to one thread.
 */
public final class IntObjectMap<V> {
    private static final float LOAD_FACTOR = 0.5f;

    private int[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public IntObjectMap() {
        this(16);
    }

    public IntObjectMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(4, (int) (expectedSize / LOAD_FACTOR)) - 1) << 1;
        keys = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    public V get(int key) {
        int i = slot(key);
        Object value;
        while ((value = values[i]) != null) {
            if (keys[i] == key) {
                return (V) value;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Maps {@code key} to {@code value} (not null); returns the previous value or null. */
    @SuppressWarnings("unchecked")
    public V put(int key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not supported");
        }
        int i = slot(key);
        Object existing;
        while ((existing = values[i]) != null) {
            if (keys[i] == key) {
                values[i] = value;
                return (V) existing;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size > values.length * LOAD_FACTOR) {
            grow();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public V remove(int key) {
        int i = slot(key);
        Object value;
        while ((value = values[i]) != null) {
            if (keys[i] == key) {
                deleteAt(i);
                size--;
                return (V) value;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public void forEachValue(Consumer<? super V> action) {
        for (Object value : values) {
            if (value != null) {
                action.accept((V) value);
            }
        }
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void deleteAt(int hole) {
        // backward-shift: move later entries of the same probe run into the hole
        int i = (hole + 1) & mask;
        while (values[i] != null) {
            int home = slot(keys[i]);
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        values[hole] = null;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                reinsert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void reinsert(int key, Object value) {
        int i = slot(key);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private int slot(int key) {
        int h = key * 0x9E3779B9; // Fibonacci hashing spreads sequential SSRCs
        return (h ^ (h >>> 16)) & mask;
    }
}
