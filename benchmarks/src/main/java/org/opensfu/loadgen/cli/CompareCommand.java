package org.opensfu.loadgen.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opensfu.loadgen.report.HtmlReport;
import org.opensfu.loadgen.report.ReportFiles;
import org.opensfu.loadgen.report.RunReport;
import org.opensfu.loadgen.report.StepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare BASE.json OTHER.json}: the two runs step by step, and the ratio of the SFUs' CPU per forwarded
 * packet (OTHER / BASE). Both sides use the receivers' count of forwarded packets (received + lost), the one method
 * that works for an SFU without a forwarded-packet counter, so the ratio compares like with like. Also writes one
 * HTML page with both runs on each chart.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compares two runs (e.g. OpenSFU and Janus): CPU per forwarded packet, step by step, and "
                + "their ratio.")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE.json", description = "the reference run (e.g. OpenSFU)")
    Path base;

    @Parameters(index = "1", paramLabel = "OTHER.json", description = "the run compared with it (e.g. Janus)")
    Path other;

    @Option(names = "--html", description = "write the side-by-side page here (default: next to OTHER.json, "
            + "compare.html)")
    Path html;

    @Override
    public Integer call() throws Exception {
        RunReport a = ReportFiles.read(base);
        RunReport b = ReportFiles.read(other);
        System.out.printf(Locale.ROOT, "%-9s | %-26s | %-26s | %s%n", "per room", a.target() + " µs/pkt (pkt/s)",
                b.target() + " µs/pkt (pkt/s)", b.target() + "/" + a.target());
        List<Double> ratios = new ArrayList<>();
        for (StepResult sa : a.steps()) {
            StepResult sb = b.steps().stream().filter(s -> s.perRoom() == sa.perRoom()).findFirst().orElse(null);
            if (sb == null) {
                continue;
            }
            double ratio = sb.cpuMicrosPerClientPacket() / sa.cpuMicrosPerClientPacket();
            if (Double.isFinite(ratio) && ratio > 0) {
                ratios.add(ratio);
            }
            System.out.printf(Locale.ROOT, "%-9d | %8.2f (%12.0f) | %8.2f (%12.0f) | %.2f%n", sa.perRoom(),
                    sa.cpuMicrosPerClientPacket(), sa.clientForwardedPacketsPerSecond(),
                    sb.cpuMicrosPerClientPacket(), sb.clientForwardedPacketsPerSecond(), ratio);
        }
        if (ratios.isEmpty()) {
            System.out.println("no step in common: nothing to compare");
            return 1;
        }
        double median = median(ratios);
        System.out.printf(Locale.ROOT, "CPU per forwarded packet, %s / %s: %.2f (median of %d steps)%n",
                b.target(), a.target(), median, ratios.size());
        Path page = html != null ? html : other.toAbsolutePath().resolveSibling("compare.html");
        Files.writeString(page, HtmlReport.render(a.target() + " vs " + b.target() + ", " + a.scenario(),
                List.of(a, b)));
        System.out.println("wrote " + page);
        return 0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
