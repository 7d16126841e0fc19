package org.opensfu.loadgen.report;

import java.util.List;
import java.util.Map;
import org.opensfu.loadgen.run.RunTotals;

/**
 * Everything a run reports, as written to {@code report.json}.
 *
 * @param target    "opensfu" or "janus"
 * @param scenario  meeting, webinar or audio-room
 * @param command   the command line, to rerun it
 * @param date      when it ran (ISO-8601)
 * @param jdk       the load generator's JDK
 * @param machine   CPU model, core count, kernel
 * @param settings  the run's settings as given
 * @param steps     one result per step of the ramp
 * @param totals    the whole run's counts after the final settling
 */
public record RunReport(String target, String scenario, String command, String date, String jdk,
                        Map<String, String> machine, Map<String, Object> settings, List<StepResult> steps,
                        RunTotals totals) {
}
