package org.opensfu.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the hex packet fixtures of {@code src/test/resources/fixtures}: one packet per line in
 * hex, {@code #} comment lines before it; a comment starting with {@code # expect} holds
 * space-separated {@code key=value} pairs decoded by an independent tool (tshark).
 */
public final class HexFixtures {
    private HexFixtures() {
    }

    /** One packet with the comments above it. */
    public record Fixture(String description, Map<String, String> expect, byte[] bytes) {
        /** The expected value of {@code key}; fails if absent. */
        public String get(String key) {
            String v = expect.get(key);
            if (v == null) {
                throw new AssertionError("fixture has no expect key " + key + ": " + description);
            }
            return v;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Parses a hex string (whitespace allowed). */
    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    /** Parses a decimal or 0x-prefixed hexadecimal number. */
    public static long number(String s) {
        return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }

    /** Loads {@code /fixtures/<name>} from the test class path. */
    public static List<Fixture> load(String name) {
        List<Fixture> out = new ArrayList<>();
        try (InputStream in = HexFixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String description = "";
            Map<String, String> expect = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("# expect ")) {
                    for (String kv : line.substring("# expect ".length()).trim().split("\\s+")) {
                        int eq = kv.indexOf('=');
                        expect.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                } else if (line.startsWith("#")) {
                    description = line.substring(1).strip();
                } else {
                    out.add(new Fixture(description, expect, hex(line)));
                    expect = new LinkedHashMap<>();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
