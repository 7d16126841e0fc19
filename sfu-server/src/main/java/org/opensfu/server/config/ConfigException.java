package org.opensfu.server.config;

/** A setting is missing or invalid; the message names the key. */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super("invalid configuration '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
