package org.opensfu.loadgen.media;

import java.util.SplittableRandom;
import org.opensfu.core.stats.Counter;

/**
 * A synthetic Opus microphone: one RTP packet per 20 ms frame (960 ticks of the 48 kHz clock, RFC 7587 §4.1), of a
 * fixed size for the target bitrate, with the RFC 6464 audio level of a {@link SpeechActivity}. The payload's first
 * byte is a valid Opus TOC byte (RFC 6716 §3.1: CELT fullband 20 ms, config 31, mono, one frame). Confined to the
 * publisher's media loop.
 */
public final class AudioSource {
    /** Opus frames per second at 20 ms. */
    public static final int PACKETS_PER_SECOND = 50;
    private static final int TICKS_PER_PACKET = 960;
    private static final byte OPUS_TOC_CELT_FB_20MS = (byte) 0xF8;

    private final int ssrc;
    private final int payloadType;
    private final int payloadBytes;
    private final SpeechActivity speech;
    private int sequenceNumber;
    private long timestamp;
    private int sourceIndex;
    private final Counter packets = new Counter();

    public AudioSource(int ssrc, int payloadType, long bitrateBps, SplittableRandom random, long nowNanos) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.payloadBytes = (int) Math.max(PayloadStamp.LENGTH + 1,
                Math.min(1000, bitrateBps / 8 / PACKETS_PER_SECOND));
        this.speech = new SpeechActivity(random, nowNanos);
        this.sequenceNumber = random.nextInt(1 << 16);
        this.timestamp = random.nextLong(1L << 32);
    }

    public int ssrc() {
        return ssrc;
    }

    /** Sends the next 20 ms packet. */
    public void emit(RtpSender sender, OutgoingExtensions extensions, byte[] mid, long nowNanos) {
        speech.advance(nowNanos);
        sender.begin(extensions, mid, null, speech.levelDbov(), speech.talking(), payloadType, false, sequenceNumber,
                timestamp, ssrc);
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        timestamp = (timestamp + TICKS_PER_PACKET) & 0xFFFFFFFFL;
        sender.array()[sender.payloadOffset()] = OPUS_TOC_CELT_FB_20MS;
        sender.send(payloadBytes, sourceIndex++, false, false);
        packets.increment();
    }

    /** The RTP timestamp of the next packet (for sender reports). */
    public long timestamp() {
        return timestamp;
    }

    public long packetsSent() {
        return packets.get();
    }
}
