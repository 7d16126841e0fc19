package org.opensfu.loadgen.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition (format 0.0.4): {@code name{labels} value [timestamp]} lines, comments
 * skipped. Only what the load generator reads: sums over all label sets of a metric name, or one labelled series.
 */
public final class PrometheusText {
    private final Map<String, Double> seriesValues = new HashMap<>();
    private final Map<String, Double> nameTotals = new HashMap<>();
    private final Map<String, List<double[]>> buckets = new HashMap<>();

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        for (String line : text.split("\n")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int labelsEnd = brace >= 0 ? line.indexOf('}', brace) : -1;
            int valueStart = labelsEnd >= 0 ? labelsEnd + 1 : line.indexOf(' ');
            if (valueStart <= 0) {
                continue;
            }
            String series = line.substring(0, valueStart).trim();
            String name = brace >= 0 ? line.substring(0, brace) : series;
            String[] rest = line.substring(valueStart).trim().split(" +");
            double value;
            try {
                value = Double.parseDouble(rest[0]);
            } catch (NumberFormatException e) {
                continue; // not a sample line
            }
            parsed.seriesValues.put(series, value);
            parsed.nameTotals.merge(name, value, Double::sum);
            if (name.endsWith("_bucket") && brace >= 0) {
                parsed.addBucket(name, line.substring(brace, labelsEnd + 1), value);
            }
        }
        return parsed;
    }

    private void addBucket(String name, String labels, double cumulativeCount) {
        int le = labels.indexOf("le=\"");
        if (le < 0) {
            return;
        }
        String bound = labels.substring(le + 4, labels.indexOf('"', le + 4));
        double upper = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
        buckets.computeIfAbsent(name, n -> new ArrayList<>()).add(new double[] {upper, cumulativeCount});
    }

    /**
     * The buckets of histogram {@code name} (without the {@code _bucket} suffix), as {@link HistogramBuckets}, or null
     * when it has none.
     */
    public HistogramBuckets histogram(String name) {
        List<double[]> list = buckets.get(name + "_bucket");
        if (list == null) {
            return null;
        }
        list.sort(Comparator.comparingDouble(b -> b[0]));
        double[] bounds = new double[list.size()];
        long[] counts = new long[list.size()];
        for (int i = 0; i < list.size(); i++) {
            bounds[i] = list.get(i)[0];
            counts[i] = (long) list.get(i)[1];
        }
        return new HistogramBuckets(bounds, counts);
    }

    /** The sum of every series named {@code name} (0 when absent). */
    public double total(String name) {
        return nameTotals.getOrDefault(name, 0.0);
    }

    /** One series, written as in the exposition, e.g. {@code sfu_packets_sent_total{type="rtp"}}; 0 when absent. */
    public double series(String series) {
        return seriesValues.getOrDefault(series, 0.0);
    }

    public boolean has(String name) {
        return nameTotals.containsKey(name);
    }
}
