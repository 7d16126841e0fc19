package org.opensfu.core.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Shares one subscriber's bandwidth estimate among the video tracks it receives: a spatial and a temporal layer for
 * each, with hysteresis so that a noisy estimate or noisy layer bitrates do not make layers oscillate.
 * Not thread-safe: one instance per subscriber, called from that subscriber's thread; virtual-time friendly (the
 * caller passes the time).
 *
 * <h2>Each call</h2>
 * <ol>
 * <li><b>Options.</b> Each track's {@link LayerLadder} (constraints applied), in {@link TrackOrder}. Options are
 * costed at the peak of their bitrate over the last {@code bitratePeakWindowNanos} ({@link BitratePeaks}), and never
 * below a cheaper option of the same ladder.</li>
 * <li><b>Held.</b> The targets of the previous call, mapped onto the ladders: a layer that is no longer allowed (new
 * constraint, layer gone) becomes the best option below it, at once. A track seen for the first time (or wanting
 * video again) starts at {@code current} if that is on its ladder, else at its lowest option. The first track in
 * order always plays (see {@link RoundRobinFill}).</li>
 * <li><b>Forced downgrade</b>, immediate: if the held layers' current bitrates exceed the estimate, the targets
 * become the fair fill ({@link RoundRobinFill}) of the estimate (lowest layers within the estimate, climbing within
 * {@code (1 - downgradeHeadroom)} of it), capped per track at the held layer: a forced step never raises a track.
 * The total then fits the estimate, except when the first track's lowest layer alone does not.</li>
 * <li><b>Upgrade</b>, only with at least {@code upgradeSustainNanos} of estimate history and
 * {@code upgradeBackoffNanos} after the last forced downgrade. The sustained budget is
 * {@code (1 - upHeadroom)} times the lowest estimate of the last {@code upgradeSustainNanos}, and the candidate is
 * the fair fill of that budget. If the candidate raises no track, the held targets stay (no voluntary downgrade:
 * the band between the sustained budget and the estimate is the hysteresis), and likewise if it would pause a
 * playing track (only a forced downgrade pauses). If it raises some and lowers none, it
 * is taken. If it raises some and lowers others (a rebalance), it is taken at once when the tracks or their
 * constraints changed since the last rebalance (a new speaker, a new track), otherwise only after it has been wanted
 * continuously for {@code rebalanceHoldNanos}: the greedy fill is not monotone in the budget, and such flips
 * caused by estimate noise alone do not last that long.</li>
 * <li><b>Failed upgrades</b> are remembered: an upgrade of some track's resolution followed within
 * {@code upgradeBackoffNanos} by a forced
 * downgrade that left at least half of its budget did not fit (the new layer's key frame and rate pushed the link
 * over; a collapse of the estimate is the network's doing instead), so the budget it was made with is
 * not tried again for {@value #FAILED_UPGRADE_MEMORY_SECONDS} s unless the sustained budget has grown by
 * {@value #FAILED_UPGRADE_MARGIN}x over it. A link near a layer's cost then settles below it instead of switching
 * up and down every few seconds, and a link that really improved (probes raise the estimate) upgrades at once.</li>
 * </ol>
 */
public final class BandwidthAllocator {
    static final double FAILED_UPGRADE_MARGIN = 1.25;
    static final long FAILED_UPGRADE_MEMORY_SECONDS = 30;
    /** A downgrade to less than this share of the upgrade's budget is the network's doing, not the upgrade's. */
    static final double FAILED_UPGRADE_MIN_REMAINING = 0.5;
    private final AllocatorConfig config;
    private final SlidingMinimum estimateMin;
    private final Map<String, TrackState> tracks = new HashMap<>();
    private Map<String, TrackConstraints> lastConstraints = Map.of();
    private boolean called;
    private long lastNowNanos;
    private boolean forcedAny;
    private long lastForcedNanos;
    private boolean rebalanceWanted;
    private long rebalanceWantedSinceNanos;
    private boolean tracksChanged;
    private boolean upgradedAny;
    private long lastUpgradeNanos;
    private long lastUpgradeBudgetBps;
    private boolean upgradeFailed;
    private long failedUpgradeBudgetBps;
    private long failedUpgradeNanos;

    private static final class TrackState {
        final BitratePeaks peaks;
        /** The last target, null if the track had no option (treated as new when it has some again). */
        Layer target;

        TrackState(long peakWindowNanos) {
            this.peaks = new BitratePeaks(peakWindowNanos);
        }
    }

    public BandwidthAllocator(AllocatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.estimateMin = new SlidingMinimum(config.upgradeSustainNanos());
    }

    public AllocatorConfig config() {
        return config;
    }

    /**
     * Called whenever the estimate, the inputs or the constraints change, and at least once a second.
     *
     * @param availableBps the subscriber's current bandwidth estimate
     * @param inputs       every video track the subscriber receives (unique ids); tracks left out are forgotten
     * @param nowNanos     monotonic time, not earlier than the previous call's
     */
    public Allocation allocate(long availableBps, List<AllocationInput> inputs, long nowNanos) {
        if (availableBps < 0) {
            throw new IllegalArgumentException("availableBps must be >= 0: " + availableBps);
        }
        if (called && nowNanos < lastNowNanos) {
            throw new IllegalArgumentException("time went backwards: " + nowNanos + " < " + lastNowNanos);
        }
        called = true;
        lastNowNanos = nowNanos;
        estimateMin.add(nowNanos, availableBps);

        List<AllocationInput> ordered = new ArrayList<>(inputs);
        ordered.sort(TrackOrder.COMPARATOR);
        noteTrackChanges(ordered);

        int n = ordered.size();
        List<List<LayerOption>> ladders = new ArrayList<>(n);
        long[][] costs = new long[n][];
        boolean[] onStage = new boolean[n];
        int[] held = new int[n];
        boolean[] fresh = new boolean[n];
        boolean firstSeen = false;
        for (int i = 0; i < n; i++) {
            AllocationInput in = ordered.get(i);
            TrackState state = tracks.computeIfAbsent(in.trackId(),
                    id -> new TrackState(config.bitratePeakWindowNanos()));
            state.peaks.update(in.layers(), nowNanos);
            List<LayerOption> ladder = LayerLadder.options(in.layers(), in.constraints(), config.minFrameRate());
            ladders.add(ladder);
            costs[i] = costs(ladder, state.peaks);
            onStage[i] = in.constraints().onStage();
            if (ladder.isEmpty()) {
                held[i] = -1;
                continue;
            }
            fresh[i] = state.target == null;
            held[i] = fresh[i] ? Math.max(0, indexAtMost(ladder, in.current())) : indexAtMost(ladder, state.target);
            if (!firstSeen && held[i] < 0) {
                held[i] = 0; // the first track always plays
            }
            firstSeen = true;
        }

        int[] next = decide(availableBps, nowNanos, ladders, costs, onStage, held, fresh);

        Map<String, Layer> targets = new LinkedHashMap<>();
        long allocatedBps = 0;
        long desiredBps = 0;
        for (int i = 0; i < n; i++) {
            List<LayerOption> ladder = ladders.get(i);
            Layer target = next[i] < 0 ? Layer.NONE : ladder.get(next[i]).layer();
            targets.put(ordered.get(i).trackId(), target);
            tracks.get(ordered.get(i).trackId()).target = ladder.isEmpty() ? null : target;
            if (next[i] >= 0) {
                allocatedBps += ladder.get(next[i]).bitrateBps();
            }
            if (!ladder.isEmpty()) {
                desiredBps += ladder.getLast().bitrateBps();
            }
        }
        return new Allocation(targets, allocatedBps, desiredBps);
    }

    private int[] decide(long availableBps, long nowNanos, List<List<LayerOption>> ladders, long[][] costs,
            boolean[] onStage, int[] held, boolean[] fresh) {
        if (measuredBps(ladders, held) > availableBps) {
            return forcedDowngrade(availableBps, nowNanos, costs, onStage, held, fresh);
        }
        return upgrade(nowNanos, costs, onStage, held, ladders);
    }

    /**
     * The estimate no longer carries the held layers: the fair fill of the estimate, capped at what each track has.
     * Only a downgrade of a track that already played arms the upgrade backoff: fitting new tracks in is no downgrade.
     */
    private int[] forcedDowngrade(long availableBps, long nowNanos, long[][] costs, boolean[] onStage, int[] held,
                                  boolean[] fresh) {
        long climbBudget = (long) ((1 - config.downgradeHeadroom()) * availableBps);
        int[] fair = RoundRobinFill.fill(costs, onStage, availableBps, climbBudget);
        int[] next = new int[held.length];
        boolean lowersPlaying = false;
        for (int i = 0; i < held.length; i++) {
            next[i] = Math.min(fair[i], held[i]);
            lowersPlaying |= next[i] < held[i] && !fresh[i];
        }
        rebalanceWanted = false;
        if (lowersPlaying) {
            if (upgradedAny && nowNanos - lastUpgradeNanos < config.upgradeBackoffNanos()
                    && availableBps >= FAILED_UPGRADE_MIN_REMAINING * lastUpgradeBudgetBps) {
                upgradeFailed = true;
                failedUpgradeBudgetBps = lastUpgradeBudgetBps;
                failedUpgradeNanos = nowNanos;
                upgradedAny = false;
            }
            forcedAny = true;
            lastForcedNanos = nowNanos;
        }
        return next;
    }

    /** The estimate carries the held layers: raise what a sustained estimate allows (see the class comment). */
    private int[] upgrade(long nowNanos, long[][] costs, boolean[] onStage, int[] held,
                          List<List<LayerOption>> ladders) {
        boolean backedOff = !forcedAny || nowNanos - lastForcedNanos >= config.upgradeBackoffNanos();
        if (!backedOff || !estimateMin.covers(nowNanos)) {
            rebalanceWanted = false;
            return held;
        }
        long sustainedBps = (long) ((1 - config.upHeadroom()) * estimateMin.min(nowNanos));
        if (upgradeFailed && nowNanos - failedUpgradeNanos < FAILED_UPGRADE_MEMORY_SECONDS * 1_000_000_000L
                && sustainedBps < FAILED_UPGRADE_MARGIN * failedUpgradeBudgetBps) {
            rebalanceWanted = false;
            return held;
        }
        int[] candidate = RoundRobinFill.fill(costs, onStage, sustainedBps, sustainedBps);
        boolean raises = false;
        boolean lowers = false;
        boolean pauses = false;
        for (int i = 0; i < held.length; i++) {
            raises |= candidate[i] > held[i];
            lowers |= candidate[i] < held[i];
            pauses |= candidate[i] < 0 && held[i] >= 0;
        }
        if (!raises || pauses) {
            rebalanceWanted = false;
            tracksChanged = false;
            return held;
        }
        if (!lowers || tracksChanged) {
            rebalanceWanted = false;
            tracksChanged = false;
            noteUpgrade(ladders, held, candidate, sustainedBps, nowNanos);
            return candidate;
        }
        if (!rebalanceWanted) {
            rebalanceWanted = true;
            rebalanceWantedSinceNanos = nowNanos;
        }
        if (nowNanos - rebalanceWantedSinceNanos >= config.rebalanceHoldNanos()) {
            rebalanceWanted = false;
            noteUpgrade(ladders, held, candidate, sustainedBps, nowNanos);
            return candidate;
        }
        return held;
    }

    /**
     * Remembers an upgrade that raises some track's resolution, to tell later whether it failed. Raising only frame
     * rates costs no key frame and is undone at the next frame, so it is not remembered.
     */
    private void noteUpgrade(List<List<LayerOption>> ladders, int[] held, int[] candidate, long budgetBps,
                             long nowNanos) {
        boolean spatial = false;
        for (int i = 0; i < held.length; i++) {
            if (candidate[i] >= 0) {
                int from = held[i] < 0 ? -1 : ladders.get(i).get(held[i]).layer().spatial();
                spatial |= ladders.get(i).get(candidate[i]).layer().spatial() > from;
            }
        }
        if (!spatial) {
            return;
        }
        upgradedAny = true;
        lastUpgradeNanos = nowNanos;
        lastUpgradeBudgetBps = budgetBps;
    }

    /** Remembers whether the set of tracks or any constraint changed; forgets tracks that are gone. */
    private void noteTrackChanges(List<AllocationInput> ordered) {
        Map<String, TrackConstraints> constraints = new HashMap<>();
        for (AllocationInput in : ordered) {
            if (constraints.put(in.trackId(), in.constraints()) != null) {
                throw new IllegalArgumentException("duplicate track id: " + in.trackId());
            }
        }
        if (!constraints.equals(lastConstraints)) {
            tracksChanged = true;
        }
        lastConstraints = constraints;
        Set<String> ids = new HashSet<>(constraints.keySet());
        tracks.keySet().retainAll(ids);
    }

    /** Costs of a ladder's options: each at its peak bitrate, and never below a cheaper option's cost. */
    private static long[] costs(List<LayerOption> ladder, BitratePeaks peaks) {
        long[] costs = new long[ladder.size()];
        long floor = 0;
        for (int i = 0; i < costs.length; i++) {
            Layer layer = ladder.get(i).layer();
            floor = Math.max(floor, Math.max(ladder.get(i).bitrateBps(),
                    peaks.peakBps(layer.spatial(), layer.temporal())));
            costs[i] = floor;
        }
        return costs;
    }

    private static long measuredBps(List<List<LayerOption>> ladders, int[] levels) {
        long total = 0;
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] >= 0) {
                total += ladders.get(i).get(levels[i]).bitrateBps();
            }
        }
        return total;
    }

    /** The best option not better than {@code layer}; the lowest if all are better; -1 for {@link Layer#NONE}. */
    private static int indexAtMost(List<LayerOption> ladder, Layer layer) {
        if (layer.isNone()) {
            return -1;
        }
        int index = 0;
        for (int i = 0; i < ladder.size(); i++) {
            if (ladder.get(i).layer().compareTo(layer) <= 0) {
                index = i;
            }
        }
        return index;
    }
}
