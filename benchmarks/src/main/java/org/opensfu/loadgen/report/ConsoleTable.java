package org.opensfu.loadgen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The final table of a run (one row per step), in fixed-width columns for a terminal or a Markdown file. */
public final class ConsoleTable {
    private static final String[] HEADERS = {"step", "per room", "joined", "fwd pkt/s", "fwd Mbit/s", "fan-out",
        "SFU CPU %", "µs/pkt", "µs/pkt (rcv)", "transit p50/p99/max ms", "in SFU p50/p99 ms", "loss %", "join p50/p99 ms", "RSS MB",
        "loadgen CPU %", "load avg"};

    private ConsoleTable() {
    }

    /** The column headers. */
    static String[] headers() {
        return HEADERS.clone();
    }

    /** One step's cells, formatted, in the order of {@link #headers()}. */
    static String[] cells(StepResult s) {
        return new String[] {
            String.valueOf(s.step()), String.valueOf(s.perRoom()), String.valueOf(s.participants()),
            f("%.0f", s.forwardedPacketsPerSecond()), f("%.1f", s.forwardedMbps()), f("%.1f", s.fanOut()),
            f("%.0f", s.sfuCpuPercent()), f("%.2f", s.cpuMicrosPerForwardedPacket()),
            f("%.2f", s.cpuMicrosPerClientPacket()),
            f("%.2f", s.transitP50Millis()) + " / " + f("%.2f", s.transitP99Millis()) + " / "
                    + f("%.1f", s.transitMaxMillis()),
            f("%.2f", s.sfuTransitP50Millis()) + " / " + f("%.2f", s.sfuTransitP99Millis()),
            f("%.3f", s.lossPercent()),
            s.joins() == 0 ? "-" : f("%.0f", s.joinP50Millis()) + " / " + f("%.0f", s.joinP99Millis()),
            f("%.0f", s.residentMegabytes()), f("%.0f", s.loadGeneratorCpuPercent()),
            f("%.1f", s.machineLoadAverage())};
    }

    /** The table as Markdown (which also reads well as plain text). */
    public static String render(List<StepResult> steps) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (StepResult s : steps) {
            rows.add(cells(s));
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            appendRow(text, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int c = 0; c < widths.length; c++) {
                    rule[c] = "-".repeat(widths[c]);
                }
                appendRow(text, rule, widths);
            }
        }
        return text.toString();
    }

    private static void appendRow(StringBuilder text, String[] cells, int[] widths) {
        text.append('|');
        for (int c = 0; c < cells.length; c++) {
            text.append(' ').append(String.format(Locale.ROOT, "%" + widths[c] + "s", cells[c])).append(" |");
        }
        text.append('\n');
    }

    private static String f(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }
}
