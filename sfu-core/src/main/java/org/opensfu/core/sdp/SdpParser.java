package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Text to {@link SessionDescription}. Strict about structure, lenient about content:
 * <ul>
 * <li>size limits first ({@link SdpLimits}); then no control characters but CR and LF, a CR only before LF;
 * lines end with CRLF or LF, the last one may end without; no empty lines;</li>
 * <li>every line is {@code <letter>=<value>} with a type letter of RFC 8866 §5, in the order §5 gives:
 * {@code v=0} first, {@code o=} and {@code s=} next, at least one {@code t=} before any attribute or media;
 * unknown type letters are rejected (RFC 8866 §5 lets parsers reject them), unknown attributes kept;</li>
 * <li>fields of structural lines (o=, c=, b=, t=, m=) are separated by single spaces and numbers are written
 * without leading zeros, so that writing gives the same text back;</li>
 * <li>attributes this package understands must follow their grammar ({@link TypedAttributes}).</li>
 * </ul>
 * Every failure is an {@link SdpParseException} naming the line.
 */
final class SdpParser {
    /** RFC 8866 §5 order of the session-level lines. */
    private static final String SESSION_ORDER = "vosiuepcbtrzka";
    /** RFC 8866 §5 order of the media-level lines. */
    private static final String MEDIA_ORDER = "micbka";
    private static final String ORDER_HELP = " (RFC 8866 §5 order: v o s [i] [u] e* p* [c] b* (t r*)+ [z] [k] a*, "
            + "then per media m [i] c* b* [k] a*)";

    private final SdpLimits limits;
    private final List<String> lines = new ArrayList<>();

    private SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    static SessionDescription parse(String sdp, SdpLimits limits) {
        if (sdp == null) {
            throw new SdpParseException(0, "no SDP text (null)");
        }
        SdpParser p = new SdpParser(limits);
        p.split(sdp);
        return p.parseLines();
    }

    // ---- lines ---------------------------------------------------------------------------------------------------

    private void split(String sdp) {
        if (sdp.length() > limits.maxTotalChars()) {
            throw new SdpParseException(0, "SDP is " + sdp.length() + " characters long, over the limit of "
                    + limits.maxTotalChars());
        }
        if (sdp.isEmpty()) {
            throw new SdpParseException(0, "SDP is empty");
        }
        int start = 0;
        int n = sdp.length();
        for (int i = 0; i < n; i++) {
            char c = sdp.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && (i + 1 >= n || sdp.charAt(i + 1) != '\n')) {
                    throw new SdpParseException(lines.size() + 1, "carriage return not followed by line feed");
                }
                addLine(sdp.substring(start, i));
                if (c == '\r') {
                    i++;
                }
                start = i + 1;
            } else if (SdpSyntax.isForbiddenControl(c)) {
                throw new SdpParseException(lines.size() + 1,
                        "control character " + SdpSyntax.hex(c) + " at column " + (i - start + 1));
            } else if (i - start >= limits.maxLineChars()) {
                throw new SdpParseException(lines.size() + 1,
                        "line is longer than the limit of " + limits.maxLineChars() + " characters");
            }
        }
        if (start < n) {
            addLine(sdp.substring(start));
        }
    }

    private void addLine(String line) {
        if (line.isEmpty()) {
            throw new SdpParseException(lines.size() + 1, "empty line (RFC 8866 §5 has none)");
        }
        lines.add(line);
    }

    // ---- structure -----------------------------------------------------------------------------------------------

    private SessionDescription parseLines() {
        Origin origin = null;
        String sessionName = null;
        String information = null;
        String uri = null;
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        Connection connection = null;
        List<Bandwidth> bandwidths = new ArrayList<>();
        List<Timing> timings = new ArrayList<>();
        String timeZones = null;
        String key = null;
        List<Attribute> attributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaSection section = null;
        char last = 0;

        for (int i = 0; i < lines.size(); i++) {
            int no = i + 1;
            String line = lines.get(i);
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpParseException(no, "expected '<type>=<value>', got " + SdpSyntax.quote(line));
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (i < 3) {
                char expected = "vos".charAt(i);
                if (type != expected) {
                    throw new SdpParseException(no, "expected the '" + expected + "=' line, got "
                            + SdpSyntax.quote(line) + (i == 0 ? " (SDP starts with v=0)" : ORDER_HELP));
                }
            }
            try {
                if (type == 'm') {
                    if (timings.isEmpty()) {
                        throw new SdpParseException(no, "'m=' before any 't=' line" + ORDER_HELP);
                    }
                    if (section != null) {
                        media.add(section.build());
                    }
                    if (media.size() >= limits.maxMediaSections()) {
                        throw new SdpParseException(no, "more than " + limits.maxMediaSections() + " media sections");
                    }
                    section = new MediaSection(no, value);
                    last = 'm';
                    continue;
                }
                if (section != null) {
                    section.add(no, type, value);
                    continue;
                }
                checkSessionOrder(no, type, last);
                switch (type) {
                    case 'v' -> {
                        if (!"0".equals(value)) {
                            throw new SdpParseException(no, "unsupported SDP version " + SdpSyntax.quote(value)
                                    + " (only v=0 exists)");
                        }
                    }
                    case 'o' -> origin = Origin.parse(value);
                    case 's' -> sessionName = value;
                    case 'i' -> information = value;
                    case 'u' -> uri = value;
                    case 'e' -> emails.add(value);
                    case 'p' -> phones.add(value);
                    case 'c' -> connection = Connection.parse(value);
                    case 'b' -> bandwidths.add(Bandwidth.parse(value));
                    case 't' -> timings.add(Timing.parse(value));
                    case 'r' -> timings.add(timings.remove(timings.size() - 1).withRepeat(value));
                    case 'z' -> timeZones = value;
                    case 'k' -> key = value;
                    case 'a' -> {
                        if (timings.isEmpty()) {
                            throw new SdpParseException(no, "'a=' before any 't=' line" + ORDER_HELP);
                        }
                        attributes.add(Attribute.parse(value));
                    }
                    default -> throw new IllegalStateException("unreachable: " + type);
                }
                last = type;
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(no, e.getMessage());
            }
        }
        if (lines.size() < 3) {
            throw new SdpParseException(lines.size() + 1, "missing the '" + "vos".charAt(lines.size())
                    + "=' line: the SDP ends after line " + lines.size());
        }
        if (timings.isEmpty()) {
            throw new SdpParseException(lines.size(), "no 't=' line (RFC 8866 §5.9 requires at least one)");
        }
        if (section != null) {
            media.add(section.build());
        }
        return new SessionDescription(0, origin, sessionName, information, uri, emails, phones, connection,
                bandwidths, timings, timeZones, key, attributes, media);
    }

    private static void checkSessionOrder(int no, char type, char last) {
        int rank = SESSION_ORDER.indexOf(type);
        if (rank < 0) {
            throw new SdpParseException(no, unknownType(type));
        }
        if (last == 0) {
            return;
        }
        int lastRank = SESSION_ORDER.indexOf(last);
        if (type == 'r' && last != 't' && last != 'r') {
            throw new SdpParseException(no, "'r=' must follow a 't=' line" + ORDER_HELP);
        }
        if (type == 't' && (last == 't' || last == 'r')) {
            return;
        }
        if (rank < lastRank) {
            throw new SdpParseException(no, "'" + type + "=' may not follow '" + last + "='" + ORDER_HELP);
        }
        if (rank == lastRank && "epbtra".indexOf(type) < 0) {
            throw new SdpParseException(no, "a second '" + type + "=' line at session level" + ORDER_HELP);
        }
    }

    private static String unknownType(char type) {
        String shown = type >= 0x21 && type < 0x7F ? "'" + type + "='" : "type " + SdpSyntax.hex(type);
        return "unknown line " + shown + " (RFC 8866 §5 knows v o s i u e p c b t r z k a m)";
    }

    /** One m= section while its lines are read. */
    private static final class MediaSection {
        private final int lineNumber;
        private final String mediaType;
        private final int port;
        private final Integer portCount;
        private final String protocol;
        private final List<String> formats;
        private String information;
        private final List<Connection> connections = new ArrayList<>();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private String key;
        private final List<Attribute> attributes = new ArrayList<>();
        private char last = 'm';

        MediaSection(int lineNumber, String value) {
            this.lineNumber = lineNumber;
            String[] f = value.split(" ", -1);
            if (f.length < 4) {
                throw new IllegalArgumentException("m= needs '<media> <port> <proto> <fmt> ...' separated by single "
                        + "spaces, got " + SdpSyntax.quote(value));
            }
            for (String field : f) {
                if (field.isEmpty()) {
                    throw new IllegalArgumentException("m= has an empty field (fields are separated by single spaces)");
                }
            }
            mediaType = f[0];
            int slash = f[1].indexOf('/');
            port = SdpSyntax.parseCanonicalInt(slash < 0 ? f[1] : f[1].substring(0, slash), 0, 65535, "m= port");
            portCount = slash < 0 ? null
                    : SdpSyntax.parseCanonicalInt(f[1].substring(slash + 1), 1, 65535, "m= port count");
            protocol = f[2];
            formats = List.of(f).subList(3, f.length);
            MediaDescription.checkMLine(mediaType, port, portCount, protocol, formats);
        }

        void add(int no, char type, String value) {
            int rank = MEDIA_ORDER.indexOf(type);
            if (rank < 0) {
                throw new SdpParseException(no, SESSION_ORDER.indexOf(type) >= 0
                        ? "'" + type + "=' is not allowed in a media section" + ORDER_HELP : unknownType(type));
            }
            int lastRank = MEDIA_ORDER.indexOf(last);
            if (rank < lastRank) {
                throw new SdpParseException(no, "'" + type + "=' may not follow '" + last + "=' in a media section"
                        + ORDER_HELP);
            }
            if (rank == lastRank && "cba".indexOf(type) < 0) {
                throw new SdpParseException(no, "a second '" + type + "=' line in a media section" + ORDER_HELP);
            }
            switch (type) {
                case 'i' -> information = value;
                case 'c' -> connections.add(Connection.parse(value));
                case 'b' -> bandwidths.add(Bandwidth.parse(value));
                case 'k' -> key = value;
                case 'a' -> attributes.add(Attribute.parse(value));
                default -> throw new IllegalStateException("unreachable: " + type);
            }
            last = type;
        }

        MediaDescription build() {
            try {
                return new MediaDescription(mediaType, port, portCount, protocol, formats, information, connections,
                        bandwidths, key, attributes);
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(lineNumber, e.getMessage());
            }
        }
    }
}
