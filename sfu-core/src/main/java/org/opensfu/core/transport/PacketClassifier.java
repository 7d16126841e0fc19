package org.opensfu.core.transport;

import org.opensfu.core.util.Bytes;

/**
 * Demultiplexes the protocols that share one UDP 5-tuple, by the first byte (RFC 7983 §7) and, for RTP versus RTCP,
 * by the payload type in the second byte (RFC 5761 §4).
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--> STUN
 *                  |      [20..63] -+--> DTLS
 *   packet -->     |                |
 *                  |    [128..191] -+--> RTP / RTCP: second byte &amp; 0x7F in [64..95] is RTCP (PT 192..223)
 *                  |          else -+--> UNKNOWN (ZRTP [16..19], TURN channels [64..79], garbage)
 *                  +----------------+
 * </pre>
 */
public final class PacketClassifier {
    /** Shortest RTP packet: the 12-byte fixed header (RFC 3550 §5.1). */
    static final int MIN_RTP_LENGTH = 12;
    /** Shortest RTCP packet: the 4-byte common header plus the sender SSRC (RFC 3550 §6.4). */
    static final int MIN_RTCP_LENGTH = 8;
    /** Shortest DTLS record: the 13-byte record header (RFC 6347 §4.1). */
    static final int MIN_DTLS_LENGTH = 13;
    /** Shortest STUN message: the 20-byte header (RFC 8489 §5). */
    static final int MIN_STUN_LENGTH = 20;

    private PacketClassifier() {
    }

    public static PacketKind classify(byte[] buf, int off, int len) {
        if (len < 1 || !Bytes.inBounds(buf, off, len)) {
            return PacketKind.UNKNOWN;
        }
        int first = buf[off] & 0xFF;
        if (first <= 3) {
            return len >= MIN_STUN_LENGTH ? PacketKind.STUN : PacketKind.UNKNOWN;
        }
        if (first >= 20 && first <= 63) {
            return len >= MIN_DTLS_LENGTH ? PacketKind.DTLS : PacketKind.UNKNOWN;
        }
        if (first >= 128 && first <= 191) {
            if (len < MIN_RTCP_LENGTH) {
                return PacketKind.UNKNOWN;
            }
            int payloadType = buf[off + 1] & 0x7F;
            if (payloadType >= 64 && payloadType <= 95) {
                return PacketKind.RTCP;
            }
            return len >= MIN_RTP_LENGTH ? PacketKind.RTP : PacketKind.UNKNOWN;
        }
        return PacketKind.UNKNOWN;
    }
}
