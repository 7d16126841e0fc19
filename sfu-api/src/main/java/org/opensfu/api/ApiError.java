package org.opensfu.api;

import java.util.Objects;

/**
 * The body of every error the HTTP API returns, and of error messages on the signaling WebSocket.
 *
 * @param code    a stable, machine-readable code from {@link ErrorCode}
 * @param message a human-readable explanation; its wording may change between versions
 */
public record ApiError(ErrorCode code, String message) {
    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
