package org.opensfu.core.srtp;

import java.util.Optional;
import org.jitsi.srtp.SrtpPolicy;

/**
 * The SRTP protection profiles negotiated by the DTLS {@code use_srtp} extension (RFC 5764 §4.1.2, RFC 7714 §14.2),
 * in our order of preference: AEAD_AES_128_GCM costs about half of AES_CM_128_HMAC_SHA1_80 per packet.
 */
public enum SrtpProfile {
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16),
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10, 10);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int rtpTagLength, int rtcpTagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /** The SRTPProtectionProfile value on the wire. */
    public int id() {
        return id;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** Bytes the SRTP transform appends to an RTP packet. */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** Bytes the SRTCP transform appends to an RTCP packet, besides the 4-byte E+index word. */
    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    /** Keying material the DTLS exporter must produce: two keys and two salts (RFC 5764 §4.2). */
    public int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    public static Optional<SrtpProfile> byId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    /** A jitsi-srtp policy for this profile; {@code rtcp} selects the SRTCP tag length. */
    SrtpPolicy newPolicy(boolean rtcp) {
        SrtpPolicy policy = switch (this) {
            case AEAD_AES_128_GCM -> new SrtpPolicy(
                    SrtpPolicy.AESGCM_ENCRYPTION, keyLength, SrtpPolicy.NULL_AUTHENTICATION, 0,
                    rtcp ? rtcpTagLength : rtpTagLength, saltLength);
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(
                    SrtpPolicy.AESCM_ENCRYPTION, keyLength, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
                    rtcp ? rtcpTagLength : rtpTagLength, saltLength);
        };
        // A forwarder re-sends sequence numbers (retransmissions) on the same SSRC: the sender must not refuse them.
        policy.setSendReplayEnabled(false);
        return policy;
    }
}
