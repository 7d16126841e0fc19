package org.opensfu.loadgen.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Parses a rate per second: {@code 5/s}, {@code 120/m}, or a plain number (per second). */
public final class RateConverter implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        double divisor = 1;
        if (text.endsWith("/s")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("/m")) {
            text = text.substring(0, text.length() - 2);
            divisor = 60;
        }
        try {
            double rate = Double.parseDouble(text) / divisor;
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("not a positive rate: '" + value + "' (use e.g. 5/s)");
        }
    }
}
