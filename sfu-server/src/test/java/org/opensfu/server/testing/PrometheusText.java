package org.opensfu.server.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a Prometheus text-format scrape into series (name with labels, as written) and values. */
public final class PrometheusText {
    private final Map<String, Double> samples = new LinkedHashMap<>();

    public PrometheusText(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** The value of a series, e.g. {@code sfu_packets_received_total{type="rtp"}}; fails if absent. */
    public double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no series " + series + " in the scrape");
        }
        return value;
    }

    /** True if some series has this metric name (with or without labels). */
    public boolean has(String name) {
        return samples.keySet().stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "{"));
    }

    public Map<String, Double> samples() {
        return samples;
    }
}
