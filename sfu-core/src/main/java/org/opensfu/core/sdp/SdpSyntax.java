package org.opensfu.core.sdp;

/**
 * Lexical helpers shared by the parser, the value records and the builders: RFC 8866 §9 token characters, text
 * checks and overflow-safe number parsing. Every failure is an {@link IllegalArgumentException} with a message
 * that quotes the input safely ({@link #quote}).
 */
final class SdpSyntax {
    private static final int QUOTE_MAX_CHARS = 40;

    private SdpSyntax() {
    }

    /** RFC 8866 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E. */
    static boolean isTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String requireToken(String s, String what) {
        if (!isToken(s)) {
            throw new IllegalArgumentException(what + " " + quote(s) + " is not a token");
        }
        return s;
    }

    /** A control character other than CR and LF (which end lines), or DEL. */
    static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\r' && c != '\n') || c == 0x7F;
    }

    /** Text that fits on one SDP line: no CR, LF or other control characters; may be empty. */
    static String requireText(String s, String what) {
        if (s == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException(what + " contains control character " + hex(c));
            }
        }
        return s;
    }

    /** Non-empty text without spaces or control characters (addresses, user names, URIs). */
    static String requireWord(String s, String what) {
        requireText(s, what);
        if (s.isEmpty() || s.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(what + " " + quote(s) + " must be non-empty without spaces");
        }
        return s;
    }

    static boolean isDigits(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Decimal digits within [min, max]; leading zeros are accepted. */
    static long parseLong(String s, long min, long max, String what) {
        if (!isDigits(s) || stripZeros(s).length() > 18) {
            throw new IllegalArgumentException(what + " " + quote(s) + " is not a number in " + min + "-" + max);
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + quote(s) + " is not a number in " + min + "-" + max);
        }
        return v;
    }

    static int parseInt(String s, int min, int max, String what) {
        return (int) parseLong(s, min, max, what);
    }

    /**
     * Like {@link #parseLong} but in the one spelling the writer produces (no leading zeros), so that the fields of
     * the structural lines (m=, b=, t=) round-trip exactly.
     */
    static long parseCanonicalLong(String s, long min, long max, String what) {
        long v = parseLong(s, min, max, what);
        if (s.length() > 1 && s.charAt(0) == '0') {
            throw new IllegalArgumentException(what + " " + quote(s) + " has a leading zero");
        }
        return v;
    }

    static int parseCanonicalInt(String s, int min, int max, String what) {
        return (int) parseCanonicalLong(s, min, max, what);
    }

    /** Splits on runs of spaces, ignoring leading and trailing ones; "" gives an empty array. */
    static String[] words(String s) {
        String t = s.strip();
        return t.isEmpty() ? new String[0] : t.split(" +");
    }

    /** The input in single quotes for a message: at most 40 characters, unprintable ones as \\uXXXX. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(QUOTE_MAX_CHARS + 8).append('\'');
        int n = Math.min(s.length(), QUOTE_MAX_CHARS);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                sb.append(hex(c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    static String hex(char c) {
        return String.format("\\u%04X", (int) c);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
