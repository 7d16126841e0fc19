package org.opensfu.core.allocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A bandwidth-estimate trace: CSV with header {@code time_ms,estimate_bps}, one sample per line, time increasing. */
record EstimateTrace(String name, List<Sample> samples) {

    record Sample(long timeMs, long estimateBps) {
    }

    /** Loads {@code /traces/<name>} from the test classpath. */
    static EstimateTrace load(String name) {
        try (InputStream in = EstimateTrace.class.getResourceAsStream("/traces/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no trace " + name);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EstimateTrace parse(String name, String csv) {
        String[] lines = csv.split("\n");
        if (!lines[0].strip().equals("time_ms,estimate_bps")) {
            throw new IllegalArgumentException(name + ": bad header " + lines[0]);
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",");
            Sample sample = new Sample(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
            if (!samples.isEmpty() && sample.timeMs() < samples.getLast().timeMs()) {
                throw new IllegalArgumentException(name + ": time goes backwards at line " + (i + 1));
            }
            samples.add(sample);
        }
        return new EstimateTrace(name, List.copyOf(samples));
    }

    String toCsv() {
        StringBuilder csv = new StringBuilder("time_ms,estimate_bps\n");
        for (Sample s : samples) {
            csv.append(s.timeMs()).append(',').append(s.estimateBps()).append('\n');
        }
        return csv.toString();
    }

    /** The lowest estimate in effect at any time in {@code [timeMs - windowMs, timeMs]}. */
    long minOver(long timeMs, long windowMs) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < samples.size() && samples.get(i).timeMs() <= timeMs; i++) {
            boolean lastBefore = i + 1 == samples.size() || samples.get(i + 1).timeMs() > timeMs;
            if (lastBefore || samples.get(i + 1).timeMs() > timeMs - windowMs) {
                min = Math.min(min, samples.get(i).estimateBps());
            }
        }
        return min;
    }
}
