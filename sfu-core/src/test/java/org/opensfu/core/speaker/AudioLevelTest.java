package org.opensfu.core.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.testing.TestPackets;

class AudioLevelTest {
    @Test
    void splitsTheVoiceActivityBitFromTheLevel() {
        assertThat(AudioLevel.levelDbov(0x80 | 42)).isEqualTo(42);
        assertThat(AudioLevel.voiceActivity(0x80 | 42)).isTrue();
        assertThat(AudioLevel.levelDbov(127)).isEqualTo(AudioLevel.SILENCE_DBOV);
        assertThat(AudioLevel.voiceActivity(127)).isFalse();
        assertThat(AudioLevel.levelDbov(0x80)).isZero();
        assertThat(AudioLevel.voiceActivity(0x80)).isTrue();
    }

    @Test
    void encodesAndClampsTheLevel() {
        assertThat(AudioLevel.encode(30, true)).isEqualTo(0x80 | 30);
        assertThat(AudioLevel.encode(30, false)).isEqualTo(30);
        assertThat(AudioLevel.encode(200, false)).isEqualTo(127);
        assertThat(AudioLevel.encode(-5, true)).isEqualTo(0x80);
        for (int b = 0; b < 256; b++) {
            assertThat(AudioLevel.encode(AudioLevel.levelDbov(b), AudioLevel.voiceActivity(b))).isEqualTo(b);
        }
    }

    @Test
    void readsTheExtensionByteFromAPacket() {
        // RFC 8285 one-byte form: ID 1 = audio level (len=0, one byte), ID 3 = a 3-byte element before it
        byte[] bytes = TestPackets.rtpWithExtensions(111, 1, 960, 0x1234, new int[] {3, 1},
                new byte[][] {{1, 2, 3}, {(byte) (0x80 | 37)}}, new byte[] {9, 9, 9});
        RtpPacket packet = new RtpPacket();
        assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();
        int value = AudioLevel.read(packet, 1);
        assertThat(value).isEqualTo(0x80 | 37);
        assertThat(AudioLevel.levelDbov(value)).isEqualTo(37);
        assertThat(AudioLevel.voiceActivity(value)).isTrue();
        assertThat(AudioLevel.read(packet, 5)).isEqualTo(-1);
    }

    @Test
    void aPacketWithoutExtensionsHasNoLevel() {
        byte[] bytes = TestPackets.rtp(111, 1, 960, 0x1234, new byte[] {1, 2});
        RtpPacket packet = new RtpPacket();
        assertThat(packet.wrap(bytes, 0, bytes.length)).isTrue();
        assertThat(AudioLevel.read(packet, 1)).isEqualTo(-1);
    }
}
