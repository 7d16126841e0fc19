package org.opensfu.bench;

import java.util.Random;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.loadgen.media.RtpHeaderWriter;
import org.opensfu.loadgen.media.Vp8PayloadWriter;

/**
 * Plaintext VP8 RTP packets of one 1.5 Mbit/s camera layer as a publisher's transport hands them to the router after
 * SRTP decryption: 30 frames/s of 5 packets of {@value #PACKET_BYTES} bytes, one temporal layer, the first frame a key
 * frame. Each packet has the RTP header (RFC 3550 §5.1) with a one-byte-form transport-cc element (RFC 8285 §4.2) and
 * the VP8 payload descriptor with picture ID and TL0PICIDX (RFC 7741 §4.2).
 */
final class Vp8PacketSource {
    static final int PACKET_BYTES = 1200;
    static final int PACKETS_PER_FRAME = 5;
    private static final int TIMESTAMP_STEP = 90_000 / 30;

    private final RtpHeaderWriter header = new RtpHeaderWriter();
    private final byte[] filler = new byte[PACKET_BYTES];
    private final int ssrc;
    private final int transportCcId;
    private int sequenceNumber;
    private int transportSequence;
    private long timestamp;
    private int pictureId;
    private int packetInFrame;

    Vp8PacketSource(int ssrc, int transportCcId) {
        this.ssrc = ssrc;
        this.transportCcId = transportCcId;
        new Random(5).nextBytes(filler);
    }

    /** Writes the next packet into {@code packet} (its whole content), stamped as received at {@code nowNanos}. */
    void next(PacketBuffer packet, long nowNanos) {
        packet.copyFrom(filler, 0, PACKET_BYTES);
        byte[] buf = packet.array();
        int off = packet.offset();
        boolean startOfFrame = packetInFrame == 0;
        boolean endOfFrame = packetInFrame == PACKETS_PER_FRAME - 1;
        int at = off + header.begin(buf, off, RouterFixture.PAYLOAD_TYPE, endOfFrame, sequenceNumber++, timestamp,
                ssrc).extension(transportCcId, transportSequence++ & 0xFFFF, 2).end();
        at += Vp8PayloadWriter.writeDescriptor(buf, at, startOfFrame, false, pictureId & 0x7FFF, pictureId & 0xFF,
                0, false);
        if (startOfFrame) {
            if (pictureId == 0) {
                Vp8PayloadWriter.writeKeyframeHeader(buf, at, 600, 1280, 720);
            } else {
                Vp8PayloadWriter.writeInterframeHeader(buf, at, 600);
            }
        }
        packet.setReceivedNanos(nowNanos);
        if (endOfFrame) {
            packetInFrame = 0;
            pictureId++;
            timestamp += TIMESTAMP_STEP;
        } else {
            packetInFrame++;
        }
    }
}
