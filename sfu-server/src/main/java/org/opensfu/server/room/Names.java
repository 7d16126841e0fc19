package org.opensfu.server.room;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.opensfu.api.ErrorCode;
import org.opensfu.server.api.ApiException;

/** Validation of names clients choose, and generation of the ids the server assigns. */
public final class Names {
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_DISPLAY_NAME = 64;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {
    }

    public static String checkRoom(String room) {
        if (room == null || !ROOM.matcher(room).matches()) {
            throw new ApiException(ErrorCode.BAD_REQUEST,
                    "room must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        return room;
    }

    /** Trims a display name; refuses control characters and overlong names. */
    public static String checkDisplayName(String displayName) {
        if (displayName == null) {
            return "";
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(ErrorCode.BAD_REQUEST,
                    "displayName must be at most 64 characters, without control characters");
        }
        return trimmed;
    }

    /** A random id of 8 lower-case letters and digits (about 41 bits). */
    public static String newId() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }
}
