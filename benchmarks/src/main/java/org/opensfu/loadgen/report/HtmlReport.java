package org.opensfu.loadgen.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained HTML page (inline CSS and SVG, no script, nothing fetched) with the charts and tables of one run,
 * or of several runs side by side (e.g. OpenSFU and Janus): each chart has one series per run.
 */
public final class HtmlReport {
    private static final int WIDTH = 560;
    private static final int HEIGHT = 320;

    private HtmlReport() {
    }

    public static String render(String title, List<RunReport> runs) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:24px;}"
                        + "table{border-collapse:collapse;font-size:13px;margin:8px 0 24px}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "th{background:#f4f4f4}.charts{display:flex;flex-wrap:wrap;gap:12px}"
                        + "code{background:#f4f4f4;padding:1px 4px}</style></head><body>\n");
        html.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        for (RunReport run : runs) {
            html.append("<p><b>").append(Html.escape(label(run))).append("</b>: ").append(Html.escape(run.date()))
                    .append(", JDK ").append(Html.escape(run.jdk())).append(", ")
                    .append(Html.escape(String.valueOf(run.machine()))).append("<br><code>")
                    .append(Html.escape(run.command())).append("</code></p>\n");
        }
        html.append("<div class=\"charts\">\n");
        html.append(chart(runs, "Forwarded packets per second", "packets/s", StepResult::forwardedPacketsPerSecond,
                null, null));
        html.append(chart(runs, "SFU CPU per forwarded packet", "µs of CPU (all threads)",
                StepResult::cpuMicrosPerForwardedPacket, null, null));
        html.append(chart(runs, "SFU CPU", "% of one core", StepResult::sfuCpuPercent, "load generator",
                StepResult::loadGeneratorCpuPercent));
        html.append(chart(runs, "Transit time (sender to receiver)", "ms", StepResult::transitP99Millis, "p50",
                StepResult::transitP50Millis));
        html.append(chart(runs, "Loss after repair", "% of packets", StepResult::lossPercent, null, null));
        html.append(chart(runs, "Join time (signaling to media connected)", "ms", StepResult::joinP99Millis, "p50",
                StepResult::joinP50Millis));
        html.append(chart(runs, "SFU resident memory", "MB", StepResult::residentMegabytes, null, null));
        html.append(chart(runs, "Forwarded bitrate", "Mbit/s", StepResult::forwardedMbps, null, null));
        html.append("</div>\n");
        for (RunReport run : runs) {
            html.append("<h2>").append(Html.escape(label(run))).append("</h2>\n");
            html.append(table(run.steps()));
            if (run.totals() != null) {
                html.append("<p>Whole run: ").append(Html.escape(String.valueOf(run.totals()))).append("</p>\n");
            }
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String label(RunReport run) {
        return run.target() + " " + run.scenario();
    }

    /** A chart of one figure per step for every run, and optionally a second figure dashed. */
    private static String chart(List<RunReport> runs, String title, String yLabel, ToDoubleFunction<StepResult> main,
                                String secondName, ToDoubleFunction<StepResult> second) {
        SvgChart chart = new SvgChart(title, "participants (or viewers) per room", yLabel);
        for (RunReport run : runs) {
            double[] x = run.steps().stream().mapToDouble(StepResult::perRoom).toArray();
            chart.series(run.target() + (second != null ? " " + firstName(title) : ""), false, x,
                    run.steps().stream().mapToDouble(main).toArray());
            if (second != null) {
                chart.series(run.target() + " " + secondName, true, x,
                        run.steps().stream().mapToDouble(second).toArray());
            }
        }
        return chart.render(WIDTH, HEIGHT);
    }

    private static String firstName(String title) {
        return switch (title) {
            case "SFU CPU" -> "SFU";
            default -> "p99";
        };
    }

    private static String table(List<StepResult> steps) {
        StringBuilder html = new StringBuilder("<table><tr>");
        for (String header : ConsoleTable.headers()) {
            html.append("<th>").append(Html.escape(header)).append("</th>");
        }
        html.append("</tr>\n");
        for (StepResult step : steps) {
            html.append("<tr>");
            for (String cell : ConsoleTable.cells(step)) {
                html.append("<td>").append(Html.escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }
}
