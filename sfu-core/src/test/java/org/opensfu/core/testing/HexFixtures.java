package org.opensfu.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Reads test fixtures: one hex-encoded packet per line, {@code #} comments and blank lines ignored. */
public final class HexFixtures {
    private HexFixtures() {
    }

    public static List<byte[]> load(String resource) {
        try (InputStream in = HexFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> HexFormat.of().parseHex(line.replaceAll("\\s+", "")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
