package org.opensfu.api;

/**
 * Answer of {@code GET /health/live} and {@code GET /health/ready}.
 *
 * @param status {@code "UP"}, or {@code "DOWN"} with an HTTP 503
 * @param detail why it is down, or null
 */
public record HealthStatus(String status, String detail) {
    public static HealthStatus up() {
        return new HealthStatus("UP", null);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus("DOWN", detail);
    }
}
