package org.opensfu.core.allocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * Generates the synthetic estimate traces of {@code src/test/resources/traces} (deterministic: fixed seeds).
 * {@link TraceFilesTest} checks the committed files are its output. To regenerate, run {@link #main} with the
 * module directory as working directory.
 */
final class TraceGenerator {
    static final String STABLE = "stable-2500k-noise10.csv";
    static final String STEP_DOWN = "step-3000k-to-400k.csv";
    static final String RAMP = "ramp-300k-to-6000k.csv";
    static final String FLAT = "flat-2300k.csv";
    static final List<String> ALL = List.of(STABLE, STEP_DOWN, RAMP, FLAT);

    private TraceGenerator() {
    }

    static EstimateTrace generate(String name) {
        return switch (name) {
            // 2.5 Mbps, uniform +-10% noise every 100 ms, 60 s
            case STABLE -> trace(name, 60_000, 1, 0.10, t -> 2_500_000);
            // 3 Mbps for 10 s, then 400 kbps for 20 s, +-3% noise
            case STEP_DOWN -> trace(name, 30_000, 2, 0.03, t -> t < 10_000 ? 3_000_000 : 400_000);
            // 300 kbps to 6 Mbps linearly over 80 s, then 10 s flat, +-5% noise
            case RAMP -> trace(name, 90_000, 3, 0.05, t -> 300_000 + 5_700_000 * Math.min(t, 80_000) / 80_000);
            // 2.3 Mbps exactly, 60 s: with three 30 fps cameras, the step to 720p for one of them (2.2 Mbps in total at
            // nominal bitrates) lies between 90% of the estimate and the estimate, within the noise of the bitrates
            case FLAT -> trace(name, 60_000, 4, 0, t -> 2_300_000);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static EstimateTrace trace(String name, long durationMs, long seed, double noise,
            LongUnaryOperator meanBps) {
        Random random = new Random(seed);
        List<EstimateTrace.Sample> samples = new ArrayList<>();
        for (long t = 0; t <= durationMs; t += 100) {
            double factor = 1 + noise * (2 * random.nextDouble() - 1);
            samples.add(new EstimateTrace.Sample(t, Math.round(meanBps.applyAsLong(t) * factor)));
        }
        return new EstimateTrace(name, List.copyOf(samples));
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of("src/test/resources/traces");
        Files.createDirectories(dir);
        for (String name : ALL) {
            Files.writeString(dir.resolve(name), generate(name).toCsv());
        }
    }
}
