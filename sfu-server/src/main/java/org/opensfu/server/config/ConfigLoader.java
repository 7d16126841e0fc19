package org.opensfu.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigException.Missing;
import com.typesafe.config.ConfigException.WrongType;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
                config = ConfigFactory.parseFile(file.toFile()).withFallback(reference).resolve();
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
                port(sfu, "http.port"));
        ServerConfig.Rooms rooms = new ServerConfig.Rooms(
                bool(sfu, "rooms.auto-create"),
                intInRange(sfu, "rooms.max-rooms", 1, 1_000_000),
                intInRange(sfu, "rooms.max-participants", 1, 10_000),
                intInRange(sfu, "rooms.max-tracks-per-participant", 1, 64));
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
                intInRange(sfu, "media.queue-capacity", 16, 1 << 22));
        return new ServerConfig(http, rooms, signaling, media);
    }

    private static String key(String path) {
        return ROOT + "." + path;
    }

    private static String string(Config config, String path) {
        try {
            String value = config.getString(path);
            if (value.isBlank()) {
                throw new ConfigException(key(path), "must not be empty");
            }
            return value;
        } catch (Missing | WrongType e) {
            throw new ConfigException(key(path), "expected a string");
        }
    }

    private static boolean bool(Config config, String path) {
        try {
            return config.getBoolean(path);
        } catch (Missing | WrongType e) {
            throw new ConfigException(key(path), "expected true or false");
        }
    }

    private static int intInRange(Config config, String path, int min, int max) {
        int value;
        try {
            value = config.getInt(path);
        } catch (Missing | WrongType e) {
            throw new ConfigException(key(path), "expected a whole number between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw new ConfigException(key(path), value + " is not between " + min + " and " + max);
        }
        return value;
    }

    /** A port; 0 picks a free one. */
    private static int port(Config config, String path) {
        return intInRange(config, path, 0, 65535);
    }

    private static Duration positiveDuration(Config config, String path) {
        Duration value;
        try {
            value = config.getDuration(path);
        } catch (Missing | WrongType | BadValue e) {
            throw new ConfigException(key(path), "expected a duration such as \"30s\"");
        }
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(key(path), "must be positive");
        }
        return value;
    }

    /** A list, or (from an environment variable) a comma-separated string. */
    private static List<String> stringList(Config config, String path) {
        try {
            if (config.getValue(path).valueType() == ConfigValueType.STRING) {
                String raw = config.getString(path).trim();
                return raw.isEmpty() ? List.of()
                        : Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            }
            return config.getStringList(path);
        } catch (Missing | WrongType e) {
            throw new ConfigException(key(path), "expected a list of strings");
        }
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
}
