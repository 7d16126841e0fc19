package org.opensfu.api.rest;

/**
 * Body of {@code POST} and {@code GET /api/v1/admin/drain}.
 *
 * @param state        {@code SERVING}, {@code DRAINING} or {@code DRAINED} (stopping)
 * @param startedAt    when draining started (ISO-8601), or null
 * @param deadline     when the remaining rooms will be closed (ISO-8601), or null
 * @param rooms        rooms still on this server
 * @param participants participants still in them
 */
public record DrainStatus(String state, String startedAt, String deadline, int rooms, int participants) {
}
