package org.opensfu.core.allocation;

import java.util.Arrays;

/**
 * The fair share of a budget among tracks, from scratch. Pure function.
 *
 * <p>Tracks come in allocation order (see {@link TrackOrder}), each with the cost of every option of its ladder,
 * worst first and not decreasing. The fill goes:
 * <ol>
 * <li>Floor: every track gets its lowest option, in order, while the total stays within {@code floorBudgetBps}. At
 * the first track that does not fit, it and every later track stay paused (a lower-priority track never plays while
 * a higher one is paused). Exception: the first track always gets its lowest option, even alone over the budget, so
 * the picture never stops entirely; the estimator's reaction to the overshoot keeps this honest.</li>
 * <li>Stage: on-stage tracks climb in rounds, one option per track per round, while the total stays within
 * {@code climbBudgetBps}, until none can climb. The speaker reaches its best option before thumbnails improve
 * beyond their lowest one.</li>
 * <li>Everyone: all playing tracks climb the same way, in rounds, so one track does not take everything.</li>
 * </ol>
 * A step that does not fit is skipped and the round goes on with the next track, whose step may be smaller.
 */
final class RoundRobinFill {
    private RoundRobinFill() {
    }

    /**
     * @param costsBps per track in allocation order, the cost of each option, worst first; empty = no video
     * @param onStage  per track, whether it is on stage
     * @return per track, the chosen option index, -1 = none
     */
    static int[] fill(long[][] costsBps, boolean[] onStage, long floorBudgetBps, long climbBudgetBps) {
        int n = costsBps.length;
        int[] level = new int[n];
        Arrays.fill(level, -1);
        long total = 0;
        boolean first = true;
        for (int i = 0; i < n; i++) {
            if (costsBps[i].length == 0) {
                continue;
            }
            if (!first && total + costsBps[i][0] > floorBudgetBps) {
                break;
            }
            level[i] = 0;
            total += costsBps[i][0];
            first = false;
        }
        total = climb(costsBps, onStage, true, level, total, climbBudgetBps);
        climb(costsBps, onStage, false, level, total, climbBudgetBps);
        return level;
    }

    private static long climb(long[][] costsBps, boolean[] onStage, boolean stageOnly, int[] level, long total,
            long budgetBps) {
        boolean climbed = true;
        while (climbed) {
            climbed = false;
            for (int i = 0; i < level.length; i++) {
                int at = level[i];
                if (at < 0 || at + 1 >= costsBps[i].length || (stageOnly && !onStage[i])) {
                    continue;
                }
                long step = costsBps[i][at + 1] - costsBps[i][at];
                if (total + step <= budgetBps) {
                    level[i] = at + 1;
                    total += step;
                    climbed = true;
                }
            }
        }
        return total;
    }
}
