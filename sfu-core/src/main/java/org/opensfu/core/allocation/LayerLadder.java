package org.opensfu.core.allocation;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of one track, from worst to best: the ladder a track climbs when bandwidth grows and descends when it
 * shrinks. Pure function of the source's layers, the subscriber's constraints and the minimum frame rate.
 *
 * <h2>Which layers are allowed</h2>
 * <ul>
 * <li>No option at all if the subscriber wants no video ({@code maxHeightPx == 0}) or no layer is active.</li>
 * <li>A layer (s, t) is active if its bitrate is above 0.</li>
 * <li>Spatial layers: the active ones whose height is at most {@code maxHeightPx} (a layer of unknown height passes
 * only when there is no limit); if none passes, the lowest active spatial layer alone.</li>
 * <li>Temporal layers of an allowed spatial layer: the active ones whose frame rate is at most {@code maxFrameRate}
 * (with {@value #FRAME_RATE_SLACK}x slack for measurement noise; unknown rates pass only when there is no limit),
 * and always the lowest active one, so a frame-rate limit never stops the picture.</li>
 * </ul>
 *
 * <h2>Order</h2>
 * Spatial first, then temporal: S0T0, S0T1, S0T2, S1T0, S1T1, ... So when the budget shrinks, a track drops temporal
 * layers of its spatial layer before it drops to the spatial layer below (higher resolution at a lower frame rate).
 * That only holds while the picture keeps moving: above the lowest allowed spatial layer, temporal layers whose frame
 * rate is below {@code minFrameRate} are left out (unknown counts as enough), except the best allowed temporal
 * layer of each spatial layer, which always stays. With a 30 fps camera (7.5/15/30 fps) and the default 7 fps every
 * combination is on the ladder; with a 20 fps camera (5/10/20 fps), S1T0 and S2T0 are skipped, so the descent from
 * S2T1 (10 fps) goes to S1T2, not to S2T0 (5 fps). The lowest allowed spatial layer keeps all its temporal layers:
 * it is the floor.
 */
public final class LayerLadder {
    /** A measured frame rate may exceed the limit by this factor and still pass it (15.4 fps passes 15). */
    public static final double FRAME_RATE_SLACK = 1.1;

    private LayerLadder() {
    }

    /** The options, worst first; empty if the track gets no video. */
    public static List<LayerOption> options(LayerInfo info, TrackConstraints constraints, double minFrameRate) {
        if (!constraints.wantsVideo()) {
            return List.of();
        }
        List<Integer> spatials = allowedSpatialLayers(info, constraints.maxHeightPx());
        List<LayerOption> options = new ArrayList<>();
        for (int i = 0; i < spatials.size(); i++) {
            int s = spatials.get(i);
            List<Integer> temporals = allowedTemporalLayers(info, s, constraints.maxFrameRate());
            int best = temporals.getLast();
            for (int t : temporals) {
                boolean floor = i == 0;
                if (floor || t == best || movesEnough(info.frameRate(s, t), minFrameRate)) {
                    options.add(new LayerOption(new Layer(s, t), info.bitrateBps(s, t), info.heightPx(s),
                            info.frameRate(s, t)));
                }
            }
        }
        return options;
    }

    private static List<Integer> allowedSpatialLayers(LayerInfo info, int maxHeightPx) {
        List<Integer> allowed = new ArrayList<>();
        int lowestActive = -1;
        for (int s = 0; s < info.spatialLayers(); s++) {
            if (!isActive(info, s)) {
                continue;
            }
            if (lowestActive < 0) {
                lowestActive = s;
            }
            int height = info.heightPx(s);
            if (maxHeightPx == TrackConstraints.NO_HEIGHT_LIMIT || (height > 0 && height <= maxHeightPx)) {
                allowed.add(s);
            }
        }
        if (allowed.isEmpty() && lowestActive >= 0) {
            allowed.add(lowestActive);
        }
        return allowed;
    }

    private static List<Integer> allowedTemporalLayers(LayerInfo info, int s, double maxFrameRate) {
        List<Integer> allowed = new ArrayList<>();
        for (int t = 0; t < info.temporalLayers(s); t++) {
            if (info.bitrateBps(s, t) <= 0) {
                continue;
            }
            double rate = info.frameRate(s, t);
            boolean known = rate > 0 && Double.isFinite(rate);
            boolean withinLimit = known ? rate <= maxFrameRate * FRAME_RATE_SLACK : Double.isInfinite(maxFrameRate);
            if (allowed.isEmpty() || withinLimit) {
                allowed.add(t);
            }
        }
        return allowed;
    }

    private static boolean isActive(LayerInfo info, int s) {
        for (int t = 0; t < info.temporalLayers(s); t++) {
            if (info.bitrateBps(s, t) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean movesEnough(double frameRate, double minFrameRate) {
        boolean known = frameRate > 0 && Double.isFinite(frameRate);
        return !known || frameRate >= minFrameRate;
    }
}
