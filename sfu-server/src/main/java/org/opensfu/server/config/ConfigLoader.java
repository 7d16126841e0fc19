package org.opensfu.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigException.Missing;
import com.typesafe.config.ConfigException.WrongType;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import org.opensfu.core.srtp.SrtpAesBackend;
import org.opensfu.core.srtp.SrtpProfile;

/**
 * Reads the configuration: the defaults in {@code reference.conf} (which also maps the {@code SFU_*} environment
 * variables), overlaid by an optional file, then checks every value, naming the key of the first bad one.
 */
public final class ConfigLoader {
    private static final String ROOT = "sfu";

    private ConfigLoader() {
    }

    /** Loads the defaults and environment, overlaid by {@code file} if not null. */
    public static ServerConfig load(Path file) {
        Config config;
        try {
            Config reference = ConfigFactory.defaultReference();
            if (file != null) {
                if (!Files.isReadable(file)) {
                    throw new ConfigException("--config", "cannot read " + file);
                }
                Config fileConfig = ConfigFactory.parseFile(file.toFile());
                checkKnownKeys(fileConfig, reference);
                config = fileConfig.withFallback(reference).resolve();
            } else {
                config = reference.resolve();
            }
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(file == null ? "reference.conf" : file.toString(), e.getMessage());
        }
        return fromConfig(config);
    }

    /** Validates an already loaded config tree (also used by tests). */
    public static ServerConfig fromConfig(Config root) {
        Config sfu = root.getConfig(ROOT);
        ServerConfig.Http http = new ServerConfig.Http(
                string(sfu, "http.host"),
                port(sfu, "http.port"),
                tls(sfu));
        ServerConfig.Rooms rooms = new ServerConfig.Rooms(
                bool(sfu, "rooms.auto-create"),
                intInRange(sfu, "rooms.max-rooms", 1, 1_000_000),
                intInRange(sfu, "rooms.max-participants", 1, 10_000),
                intInRange(sfu, "rooms.max-tracks-per-participant", 1, 64),
                intInRange(sfu, "rooms.last-n", -1, 10_000),
                bool(sfu, "rooms.skip-silence"),
                bool(sfu, "rooms.retransmissions"));
        ServerConfig.Signaling signaling = new ServerConfig.Signaling(
                intInRange(sfu, "signaling.max-message-bytes", 4096, 16 << 20),
                intInRange(sfu, "signaling.max-messages-per-second", 1, 100_000),
                intInRange(sfu, "signaling.message-burst", 1, 1_000_000));
        ServerConfig.Media media = new ServerConfig.Media(
                port(sfu, "media.port"),
                addresses(sfu, "media.bind-addresses"),
                advertised(sfu, "media.advertised-addresses"),
                intInRange(sfu, "media.threads", 0, 1024),
                positiveDuration(sfu, "media.inactivity-timeout"),
                positiveDuration(sfu, "media.dtls-handshake-timeout"),
                profiles(sfu, "media.srtp-profiles"),
                aesBackend(sfu, "media.srtp-aes-backend"),
                intInRange(sfu, "media.queue-capacity", 16, 1 << 22));
        ServerConfig.Operations ops = new ServerConfig.Operations(
                nodeId(sfu),
                new ServerConfig.Auth(apiKeys(sfu, "auth.keys"), nonNegativeDuration(sfu, "auth.clock-skew")),
                bool(sfu, "metrics.enabled"),
                new ServerConfig.Load(doubleInRange(sfu, "load.max-cpu", 0.01, 1.0),
                        longInRange(sfu, "load.max-packet-rate", 0, 1_000_000_000L)),
                positiveDuration(sfu, "drain.deadline"),
                new ServerConfig.Logging(bool(sfu, "logging.json"), logLevel(sfu, "logging.level")));
        return new ServerConfig(http, rooms, signaling, media, ops);
    }

    /** Every setting under {@code sfu} in a user's file must exist in the defaults: catches typos. */
    private static void checkKnownKeys(Config fileConfig, Config reference) {
        for (var entry : fileConfig.entrySet()) {
            String path = entry.getKey();
            if (path.startsWith(ROOT + ".") && !reference.hasPathOrNull(path)) {
                throw new ConfigException(path, "unknown setting (see reference.conf for the known ones)");
            }
        }
    }

    private static ServerConfig.Tls tls(Config sfu) {
        String cert = optionalString(sfu, "http.tls.cert-file");
        String key = optionalString(sfu, "http.tls.key-file");
        boolean selfSigned = bool(sfu, "http.tls.self-signed");
        if (cert == null && key == null) {
            return selfSigned ? new ServerConfig.Tls(null, null, true) : ServerConfig.Tls.OFF;
        }
        if (cert == null) {
            throw new ConfigException(key("http.tls.cert-file"), "is needed with http.tls.key-file");
        }
        if (key == null) {
            throw new ConfigException(key("http.tls.key-file"), "is needed with http.tls.cert-file");
        }
        if (selfSigned) {
            throw new ConfigException(key("http.tls.self-signed"), "cannot be true together with a cert-file");
        }
        return new ServerConfig.Tls(pemFile("http.tls.cert-file", cert, "CERTIFICATE-----"),
                pemFile("http.tls.key-file", key, "PRIVATE KEY-----"), false);
    }

    /** A readable PEM file holding a block whose header ends with {@code marker}. */
    private static Path pemFile(String path, String value, String marker) {
        Path file = Path.of(value);
        if (!Files.isReadable(file)) {
            throw new ConfigException(key(path), "cannot read " + file);
        }
        try {
            if (!Files.readString(file, StandardCharsets.US_ASCII).contains(marker)) {
                throw new ConfigException(key(path), file + " is not a PEM file with a " + marker.replace("-", ""));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException(key(path), "cannot read " + file + ": " + e.getMessage());
        }
        return file;
    }

    private static String nodeId(Config sfu) {
        String id = optionalString(sfu, "node.id");
        if (id != null) {
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new ConfigException(key("node.id"), "1-64 characters of A-Z a-z 0-9 . _ -");
            }
            return id;
        }
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host.isBlank() ? "opensfu" : host;
        } catch (UnknownHostException e) {
            return "opensfu";
        }
    }

    /** API keys: a list of {key, secret} objects, or (from the environment) "key:secret,key2:secret2". */
    private static List<ServerConfig.ApiKey> apiKeys(Config config, String path) {
        List<ServerConfig.ApiKey> keys = new ArrayList<>();
        try {
            if (config.getValue(path).valueType() == ConfigValueType.STRING) {
                for (String pair : stringList(config, path)) {
                    int colon = pair.indexOf(':');
                    if (colon <= 0) {
                        throw new ConfigException(key(path), "expected key:secret pairs separated by commas");
                    }
                    keys.add(new ServerConfig.ApiKey(pair.substring(0, colon), pair.substring(colon + 1)));
                }
            } else {
                for (Config entry : config.getConfigList(path)) {
                    keys.add(new ServerConfig.ApiKey(entry.getString("key"), entry.getString("secret")));
                }
            }
        } catch (Missing | WrongType e) {
            throw new ConfigException(key(path), "expected a list of {key = \"...\", secret = \"...\"}");
        }
        Set<String> names = new HashSet<>();
        for (ServerConfig.ApiKey apiKey : keys) {
            if (!apiKey.key().matches("[A-Za-z0-9._-]{1,64}")) {
                throw new ConfigException(key(path), "key name '" + apiKey.key()
                        + "': 1-64 characters of A-Z a-z 0-9 . _ -");
            }
            if (!names.add(apiKey.key())) {
                throw new ConfigException(key(path), "key '" + apiKey.key() + "' appears twice");
            }
            int bytes = apiKey.secret().getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 32) {
                throw new ConfigException(key(path), "the secret of key '" + apiKey.key() + "' has " + bytes
                        + " bytes; HS256 needs at least 32");
            }
        }
        return List.copyOf(keys);
    }

    private static String logLevel(Config config, String path) {
        String level = string(config, path).toUpperCase(Locale.ROOT);
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
            throw new ConfigException(key(path), "expected TRACE, DEBUG, INFO, WARN or ERROR, not '" + level + "'");
        }
        return level;
    }

    private static String key(String path) {
        return ROOT + "." + path;
    }

    /** Reads one setting with {@code getter}; a missing, mistyped or unparsable value names the key. */
    private static <T> T read(Config config, String path, BiFunction<Config, String, T> getter, String expected) {
        try {
            return getter.apply(config, path);
        } catch (Missing | WrongType | BadValue e) {
            throw new ConfigException(key(path), "expected " + expected);
        }
    }

    private static String string(Config config, String path) {
        String value = read(config, path, Config::getString, "a string");
        if (value.isBlank()) {
            throw new ConfigException(key(path), "must not be empty");
        }
        return value;
    }

    /** A string setting; empty means absent (null). */
    private static String optionalString(Config config, String path) {
        String value = read(config, path, Config::getString, "a string").trim();
        return value.isEmpty() ? null : value;
    }

    private static boolean bool(Config config, String path) {
        return read(config, path, Config::getBoolean, "true or false");
    }

    private static int intInRange(Config config, String path, int min, int max) {
        return (int) longInRange(config, path, min, max);
    }

    private static long longInRange(Config config, String path, long min, long max) {
        long value = read(config, path, Config::getLong, "a whole number between " + min + " and " + max);
        return inRange(path, value, min, max);
    }

    private static double doubleInRange(Config config, String path, double min, double max) {
        double value = read(config, path, Config::getDouble, "a number between " + min + " and " + max);
        return inRange(path, value, min, max);
    }

    private static <N extends Number & Comparable<N>> N inRange(String path, N value, N min, N max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) { // Double.compareTo puts NaN above max
            throw new ConfigException(key(path), value + " is not between " + min + " and " + max);
        }
        return value;
    }

    /** A port; 0 picks a free one. */
    private static int port(Config config, String path) {
        return intInRange(config, path, 0, 65535);
    }

    private static Duration positiveDuration(Config config, String path) {
        Duration value = nonNegativeDuration(config, path);
        if (value.isZero()) {
            throw new ConfigException(key(path), "must be positive");
        }
        return value;
    }

    private static Duration nonNegativeDuration(Config config, String path) {
        Duration value = read(config, path, Config::getDuration, "a duration such as \"30s\"");
        if (value.isNegative()) {
            throw new ConfigException(key(path), "must not be negative");
        }
        return value;
    }

    /** A list, or (from an environment variable) a comma-separated string. */
    private static List<String> stringList(Config config, String path) {
        return read(config, path, (c, p) -> {
            if (c.getValue(p).valueType() == ConfigValueType.STRING) {
                String raw = c.getString(p).trim();
                return raw.isEmpty() ? List.of()
                        : Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            }
            return c.getStringList(p);
        }, "a list of strings");
    }

    private static List<InetAddress> addresses(Config config, String path) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String value : stringList(config, path)) {
            addresses.add(resolve(path, value));
        }
        return addresses;
    }

    private static List<InetSocketAddress> advertised(Config config, String path) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String value : stringList(config, path)) {
            String host = value;
            int port = 0;
            int colon = value.lastIndexOf(':');
            if (colon > 0 && value.indexOf(':') == colon) { // host:port (IPv6 literals are given without a port)
                host = value.substring(0, colon);
                try {
                    port = Integer.parseInt(value.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new ConfigException(key(path), "bad port in '" + value + "'");
                }
                if (port < 1 || port > 65535) {
                    throw new ConfigException(key(path), "port out of range in '" + value + "'");
                }
            }
            addresses.add(new InetSocketAddress(resolve(path, host), port));
        }
        return addresses;
    }

    private static InetAddress resolve(String path, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException(key(path), "cannot resolve '" + host + "'");
        }
    }

    private static List<SrtpProfile> profiles(Config config, String path) {
        List<SrtpProfile> profiles = new ArrayList<>();
        for (String name : stringList(config, path)) {
            try {
                profiles.add(SrtpProfile.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key(path), "unknown SRTP profile '" + name + "' (known: "
                        + Arrays.toString(SrtpProfile.values()) + ")");
            }
        }
        if (profiles.isEmpty()) {
            throw new ConfigException(key(path), "at least one profile");
        }
        return profiles;
    }

    private static SrtpAesBackend aesBackend(Config config, String path) {
        String name = string(config, path);
        try {
            return SrtpAesBackend.parse(name.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key(path), e.getMessage());
        }
    }
}
