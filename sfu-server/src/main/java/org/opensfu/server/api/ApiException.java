package org.opensfu.server.api;

import org.opensfu.api.ApiError;
import org.opensfu.api.ErrorCode;

/** A request that cannot be served, with the stable code the client sees. */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public ApiError toApiError() {
        return new ApiError(code, getMessage());
    }

    /** The HTTP status for a code. */
    public static int httpStatus(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case LIMIT_EXCEEDED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
        };
    }
}
