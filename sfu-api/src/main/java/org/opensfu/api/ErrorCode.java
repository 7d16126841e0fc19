package org.opensfu.api;

/** Stable error codes. Clients may switch on these; they are never renamed, only added. */
public enum ErrorCode {
    /** The request body or message is not valid JSON, or not of the expected shape. */
    BAD_REQUEST,
    /** No such resource (room, participant). */
    NOT_FOUND,
    /** The resource exists already. */
    CONFLICT,
    /** A limit was reached (rooms, participants, message size). */
    LIMIT_EXCEEDED,
    /** The server is starting or draining and takes no new work. */
    UNAVAILABLE,
    /** A bug: the server could not handle a valid request. */
    INTERNAL,
    /** No valid token: missing, malformed, expired, not yet valid, unknown key or bad signature (HTTP 401). */
    UNAUTHORIZED,
    /** A valid token that does not allow this: another room, no publish or subscribe right, not admin (HTTP 403). */
    FORBIDDEN
}
