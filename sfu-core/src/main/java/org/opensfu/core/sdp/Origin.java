package org.opensfu.core.sdp;

/**
 * The {@code o=} line (RFC 8866 §5.2): {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype>
 * <unicast-address>}. Session id and version are kept as the decimal strings written (RFC 8866 allows any number
 * of digits); JSEP (RFC 8829 §5.2.1, §5.3.1) keeps the id for the session and increments the version when the
 * description changes.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addressType,
                     String unicastAddress) {

    public Origin {
        SdpSyntax.requireWord(username, "o= username");
        if (!SdpSyntax.isDigits(sessionId)) {
            throw new IllegalArgumentException("o= session id " + SdpSyntax.quote(sessionId) + " is not decimal digits");
        }
        if (!SdpSyntax.isDigits(sessionVersion)) {
            throw new IllegalArgumentException(
                    "o= session version " + SdpSyntax.quote(sessionVersion) + " is not decimal digits");
        }
        SdpSyntax.requireToken(netType, "o= network type");
        SdpSyntax.requireToken(addressType, "o= address type");
        SdpSyntax.requireWord(unicastAddress, "o= address");
    }

    /**
     * The origin JSEP recommends (RFC 8829 §5.2.1): user name "-" and the non-meaningful address IN IP4 0.0.0.0.
     *
     * @param sessionId      below 2^63, random for a new session
     * @param sessionVersion incremented with each new description of the session
     */
    public static Origin of(long sessionId, long sessionVersion) {
        if (sessionId < 0 || sessionVersion < 0) {
            throw new IllegalArgumentException("o= session id and version must not be negative");
        }
        return new Origin("-", Long.toString(sessionId), Long.toString(sessionVersion), "IN", "IP4", "0.0.0.0");
    }

    /** This origin with another session version. */
    public Origin withSessionVersion(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("o= session version must not be negative");
        }
        return new Origin(username, sessionId, Long.toString(version), netType, addressType, unicastAddress);
    }

    static Origin parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("o= needs 6 fields separated by single spaces "
                    + "(<username> <sess-id> <sess-version> <nettype> <addrtype> <address>), got " + f.length);
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    public String toSdpValue() {
        return String.join(" ", username, sessionId, sessionVersion, netType, addressType, unicastAddress);
    }
}
