package org.opensfu.loadgen.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Parses durations as people write them: {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h} (or ISO-8601). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(value.trim());
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1).trim());
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new CommandLine.TypeConversionException("not a duration: '" + value
                        + "' (use e.g. 500ms, 20s, 2m)");
            };
        } catch (RuntimeException e) {
            if (e instanceof CommandLine.TypeConversionException typed) {
                throw typed;
            }
            throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (use e.g. 500ms, 20s, 2m)");
        }
    }
}
