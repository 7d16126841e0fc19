package org.opensfu.api.signaling;

import org.opensfu.api.ErrorCode;

/**
 * A request failed, or a message could not be understood. The connection stays open unless the error says the
 * participant must leave (then {@link Left} follows).
 *
 * @param requestId the failed request's id, when it had one
 * @param code      stable code
 * @param message   human-readable explanation
 */
public record ErrorMessage(String requestId, ErrorCode code, String message) implements ServerMessage {
}
