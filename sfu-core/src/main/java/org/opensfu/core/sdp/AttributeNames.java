package org.opensfu.core.sdp;

/** Names of the SDP attributes that this package reads or writes with typed helpers, with the defining RFC. */
public final class AttributeNames {
    /** RFC 5888 §5, RFC 8843 §7: {@code a=group:BUNDLE 0 1}. */
    public static final String GROUP = "group";
    /** RFC 5888 §4, RFC 8843 §7: media identification. */
    public static final String MID = "mid";
    /** RFC 8866 §6.6. */
    public static final String RTPMAP = "rtpmap";
    /** RFC 8866 §6.15. */
    public static final String FMTP = "fmtp";
    /** RFC 4585 §4.2. */
    public static final String RTCP_FB = "rtcp-fb";
    /** RFC 8285 §5. */
    public static final String EXTMAP = "extmap";
    /** RFC 8285 §6: one-byte and two-byte header extensions may be mixed. */
    public static final String EXTMAP_ALLOW_MIXED = "extmap-allow-mixed";
    /** RFC 5576 §4.1. */
    public static final String SSRC = "ssrc";
    /** RFC 5576 §4.2. */
    public static final String SSRC_GROUP = "ssrc-group";
    /** RFC 8851 §4. */
    public static final String RID = "rid";
    /** RFC 8853 §5.1. */
    public static final String SIMULCAST = "simulcast";
    /** RFC 8830 §2. */
    public static final String MSID = "msid";
    /** Session-level list of stream ids; from drafts of RFC 8830, still sent by Chromium. */
    public static final String MSID_SEMANTIC = "msid-semantic";
    /** RFC 8839 §5.1. */
    public static final String CANDIDATE = "candidate";
    /** RFC 8840 §8.2. */
    public static final String END_OF_CANDIDATES = "end-of-candidates";
    /** RFC 8839 §5.4. */
    public static final String ICE_UFRAG = "ice-ufrag";
    /** RFC 8839 §5.4. */
    public static final String ICE_PWD = "ice-pwd";
    /** RFC 8839 §5.6. */
    public static final String ICE_OPTIONS = "ice-options";
    /** RFC 8839 §5.3. */
    public static final String ICE_LITE = "ice-lite";
    /** RFC 8122 §5. */
    public static final String FINGERPRINT = "fingerprint";
    /** RFC 4145 §4, RFC 8842 §5. */
    public static final String SETUP = "setup";
    /** RFC 5761 §5.1.1. */
    public static final String RTCP_MUX = "rtcp-mux";
    /** RFC 8858 §3. */
    public static final String RTCP_MUX_ONLY = "rtcp-mux-only";
    /** RFC 5506 §5. */
    public static final String RTCP_RSIZE = "rtcp-rsize";
    /** RFC 8843 §6. */
    public static final String BUNDLE_ONLY = "bundle-only";
    /** RFC 8841 §5. */
    public static final String SCTP_PORT = "sctp-port";
    /** RFC 8841 §6. */
    public static final String MAX_MESSAGE_SIZE = "max-message-size";

    private AttributeNames() {
    }
}
