package org.opensfu.core.sdp;

/**
 * A session description that is not well formed, or not acceptable to this parser (RFC 8866 §5 grammar, the
 * grammars of the attributes this package understands, and the size limits of {@link SdpLimits}). The message
 * names the 1-based line number and what is wrong; quoted input is cut short and has unprintable characters
 * escaped, so the message is safe to log.
 *
 * <p>Unchecked, so that callers handing over a browser's text decide where to catch it; {@link
 * SessionDescription#parse(String)} throws nothing else, whatever the input.
 */
public final class SdpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String problem;

    /**
     * @param lineNumber the 1-based line the problem is on, or 0 when it concerns the whole text
     * @param problem    what is wrong, without the line number
     */
    public SdpParseException(int lineNumber, String problem) {
        super(lineNumber > 0 ? "line " + lineNumber + ": " + problem : problem);
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** The 1-based line number of the problem, or 0 when it concerns the whole text (e.g. its size). */
    public int lineNumber() {
        return lineNumber;
    }

    /** What is wrong, without the "line N: " prefix. */
    public String problem() {
        return problem;
    }
}
