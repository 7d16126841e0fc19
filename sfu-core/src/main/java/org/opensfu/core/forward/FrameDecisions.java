package org.opensfu.core.forward;

/**
 * The forwarding decisions of the most recent frames of one layer, keyed by RTP timestamp (all packets of a VP8
 * frame carry its timestamp, RFC 7741 §4.1), so that every packet of a frame gets the same answer however late it
 * comes: a frame forwarded in part must be forwarded whole, a dropped frame must stay dropped.
 *
 * <p>A fixed ring; when it is full the oldest entry goes. A timestamp not found is a frame never seen, unless it is
 * no later than the latest timestamp evicted: then it may be a forgotten frame, and its decision is unknown.
 * Allocation-free after construction; confined to one thread.
 */
final class FrameDecisions {
    private final long[] timestamps;
    private final boolean[] forwarded;
    private final long[] outputPictureIds;
    private int next;
    private int size;
    private boolean evictedAny;
    private long latestEvictedTimestamp;

    /** @param capacity frames remembered */
    FrameDecisions(int capacity) {
        timestamps = new long[capacity];
        forwarded = new boolean[capacity];
        outputPictureIds = new long[capacity];
    }

    void reset() {
        next = 0;
        size = 0;
        evictedAny = false;
    }

    /** Remembers a frame's decision and output picture ID (extended, -1 for none). */
    void add(long timestamp, boolean frameForwarded, long outputPictureId) {
        if (size == timestamps.length) {
            long evicted = timestamps[next];
            if (!evictedAny || isLater(evicted, latestEvictedTimestamp)) {
                latestEvictedTimestamp = evicted;
            }
            evictedAny = true;
        } else {
            size++;
        }
        timestamps[next] = timestamp;
        forwarded[next] = frameForwarded;
        outputPictureIds[next] = outputPictureId;
        next = (next + 1) % timestamps.length;
    }

    /** The entry of the frame with this timestamp, most recent first, or -1. */
    int find(long timestamp) {
        for (int k = 1; k <= size; k++) {
            int i = (next - k + timestamps.length) % timestamps.length;
            if (timestamps[i] == timestamp) {
                return i;
            }
        }
        return -1;
    }

    boolean forwarded(int entry) {
        return forwarded[entry];
    }

    long outputPictureId(int entry) {
        return outputPictureIds[entry];
    }

    /** True when a frame with this timestamp, not found, may have been seen and forgotten. */
    boolean mayHaveForgotten(long timestamp) {
        return evictedAny && !isLater(timestamp, latestEvictedTimestamp);
    }

    /** RTP timestamp order modulo 2^32. */
    private static boolean isLater(long a, long b) {
        return (int) (a - b) > 0;
    }
}
