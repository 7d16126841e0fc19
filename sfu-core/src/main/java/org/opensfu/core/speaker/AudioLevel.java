package org.opensfu.core.speaker;

import org.opensfu.core.rtp.RtpPacket;

/**
 * The client-to-mixer audio level of RFC 6464 §3: one byte per packet, a voice-activity flag and the level of the
 * audio in the packet, as a positive number of decibels below the overload point.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |V|    level    |
 * +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@code level} is 0..127 in -dBov: 0 is the loudest possible signal, digital silence (a muted source, for
 * example) is sent as 127 whatever the codec's dynamic range (RFC 6464 §3). {@code V} says whether the sender's voice activity
 * detector found speech; it is meaningful only when the {@code vad} extension attribute is on (RFC 6464 §4), so the
 * speaker detector treats it as an optional hint.
 *
 * <p>Static methods only; nothing is allocated. The packet form is a raw extension byte 0..255, or -1 when the
 * packet carries no audio level.
 */
public final class AudioLevel {
    /** The level of digital silence, in -dBov (RFC 6464 §3). */
    public static final int SILENCE_DBOV = 127;
    /** The loudest level, 0 -dBov. */
    public static final int LOUDEST_DBOV = 0;
    private static final int VOICE_ACTIVITY_BIT = 0x80;
    private static final int LEVEL_MASK = 0x7F;

    private AudioLevel() {
    }

    /**
     * The audio-level extension byte of {@code packet} (0..255), or -1 if the packet has no element with local ID
     * {@code extensionId} or the element is empty. {@code packet} must have been wrapped successfully. RFC 6464 §3
     * defines a one-byte value (one-byte header form with len=0, or two-byte form with length 1); a longer element
     * is read by its first byte.
     */
    public static int read(RtpPacket packet, int extensionId) {
        int i = packet.findExtension(extensionId);
        if (i < 0 || packet.extensionDataLength(i) < 1) {
            return -1;
        }
        return packet.buffer()[packet.extensionDataOffset(i)] & 0xFF;
    }

    /** The level 0..127 (-dBov) of an extension byte; 127 is silence. */
    public static int levelDbov(int extensionByte) {
        return extensionByte & LEVEL_MASK;
    }

    /** The V bit of an extension byte: the sender's voice activity detector found speech. */
    public static boolean voiceActivity(int extensionByte) {
        return (extensionByte & VOICE_ACTIVITY_BIT) != 0;
    }

    /** The extension byte for a level (clamped to 0..127 -dBov) and a V bit. */
    public static int encode(int levelDbov, boolean voiceActivity) {
        int level = Math.clamp(levelDbov, LOUDEST_DBOV, SILENCE_DBOV);
        return voiceActivity ? level | VOICE_ACTIVITY_BIT : level;
    }
}
