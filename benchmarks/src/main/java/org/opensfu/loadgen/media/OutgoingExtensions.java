package org.opensfu.loadgen.media;

/**
 * The RTP header extension IDs (RFC 8285) a sender stamps on its packets, as negotiated; 0 where the extension is not
 * used.
 *
 * @param midId         RFC 8843 §15.2 MID
 * @param ridId         RFC 8852 rtp-stream-id (rid-identified simulcast only)
 * @param transportCcId transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2)
 * @param audioLevelId  RFC 6464 client-to-mixer audio level (audio only)
 */
public record OutgoingExtensions(int midId, int ridId, int transportCcId, int audioLevelId) {
    /** Nothing stamped. */
    public static final OutgoingExtensions NONE = new OutgoingExtensions(0, 0, 0, 0);

    public OutgoingExtensions {
        for (int id : new int[] {midId, ridId, transportCcId, audioLevelId}) {
            if (id < 0 || id > 14) {
                throw new IllegalArgumentException("one-byte extension IDs are 1..14 (0: unused): " + id);
            }
        }
    }
}
