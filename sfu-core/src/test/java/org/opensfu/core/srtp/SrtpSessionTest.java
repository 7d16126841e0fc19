package org.opensfu.core.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.testing.TestPackets;

class SrtpSessionTest {
    private final PacketBufferPool pool = new PacketBufferPool(16);

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectsAndUnprotectsRtpAndRtcpInPlace(SrtpProfile profile) {
        try (SrtpSession client = new SrtpSession(keys(profile, true));
             SrtpSession server = new SrtpSession(keys(profile, false))) {
            byte[] rtp = TestPackets.rtp(96, 65534, 12345, 0x11223344, payload(1188));
            PacketBuffer packet = buffer(rtp);
            assertThat(client.protectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(packet.length()).isEqualTo(rtp.length + profile.rtpTagLength());
            assertThat(Arrays.copyOfRange(packet.array(), packet.offset() + 12, packet.offset() + 40))
                    .isNotEqualTo(Arrays.copyOfRange(rtp, 12, 40));
            assertThat(server.unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(bytes(packet)).isEqualTo(rtp);

            byte[] pli = TestPackets.pli(0x11223344, 0x55667788);
            PacketBuffer rtcp = buffer(pli);
            assertThat(server.protectRtcp(rtcp)).isEqualTo(SrtpResult.OK);
            assertThat(rtcp.length()).isEqualTo(pli.length + 4 + profile.rtcpTagLength());
            assertThat(client.unprotectRtcp(rtcp)).isEqualTo(SrtpResult.OK);
            assertThat(bytes(rtcp)).isEqualTo(pli);
            packet.release();
            rtcp.release();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void followsTheRolloverCounterAcrossASequenceWrap(SrtpProfile profile) {
        try (SrtpSession client = new SrtpSession(keys(profile, true));
             SrtpSession server = new SrtpSession(keys(profile, false))) {
            for (int i = 0; i < 10; i++) {
                int seq = (65530 + i) & 0xFFFF;
                byte[] rtp = TestPackets.rtp(111, seq, 960L * i, 42, payload(100));
                PacketBuffer packet = buffer(rtp);
                assertThat(client.protectRtp(packet)).isEqualTo(SrtpResult.OK);
                assertThat(server.unprotectRtp(packet)).as("seq %d", seq).isEqualTo(SrtpResult.OK);
                assertThat(bytes(packet)).isEqualTo(rtp);
                packet.release();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void refusesReplaysTamperingAndForeignKeysButLetsTheSenderRetransmit(SrtpProfile profile) {
        try (SrtpSession client = new SrtpSession(keys(profile, true));
             SrtpSession server = new SrtpSession(keys(profile, false));
             SrtpSession stranger = new SrtpSession(keys(profile, true, 99))) {
            byte[] rtp = TestPackets.rtp(96, 100, 0, 7, payload(300));
            PacketBuffer first = buffer(rtp);
            assertThat(client.protectRtp(first)).isEqualTo(SrtpResult.OK);
            byte[] wire = bytes(first);
            assertThat(server.unprotectRtp(first)).isEqualTo(SrtpResult.OK);

            PacketBuffer replay = buffer(wire);
            assertThat(server.unprotectRtp(replay)).isEqualTo(SrtpResult.REPLAYED);

            byte[] tampered = TestPackets.rtp(96, 101, 0, 7, payload(300));
            PacketBuffer tamperedPacket = buffer(tampered);
            assertThat(client.protectRtp(tamperedPacket)).isEqualTo(SrtpResult.OK);
            tamperedPacket.array()[tamperedPacket.offset() + 50] ^= 1;
            assertThat(server.unprotectRtp(tamperedPacket)).isEqualTo(SrtpResult.AUTH_FAILED);

            PacketBuffer foreign = buffer(TestPackets.rtp(96, 102, 0, 7, payload(300)));
            assertThat(stranger.protectRtp(foreign)).isEqualTo(SrtpResult.OK);
            assertThat(server.unprotectRtp(foreign)).isEqualTo(SrtpResult.AUTH_FAILED);

            // a forwarder retransmits: the same sequence number again must encrypt
            PacketBuffer again = buffer(rtp);
            assertThat(client.protectRtp(again)).isEqualTo(SrtpResult.OK);

            PacketBuffer tooShort = buffer(new byte[] {(byte) 0x80, 96, 0, 1});
            assertThat(server.unprotectRtp(tooShort)).isEqualTo(SrtpResult.INVALID);
        }
    }

    private PacketBuffer buffer(byte[] bytes) {
        PacketBuffer packet = pool.acquire();
        packet.copyFrom(bytes, 0, bytes.length);
        return packet;
    }

    @Test
    void forgottenSsrcsFreeRoomUnderTheContextCap() {
        try (SrtpSession session = new SrtpSession(keys(SrtpProfile.AEAD_AES_128_GCM, true))) {
            for (int ssrc = 1; ssrc <= SrtpSession.MAX_SSRCS; ssrc++) {
                assertThat(protect(session, ssrc)).isEqualTo(SrtpResult.OK);
            }
            assertThat(protect(session, 5000)).as("one SSRC over the cap").isEqualTo(SrtpResult.SSRC_LIMIT);
            session.removeSsrc(7);
            assertThat(protect(session, 5000)).as("after an SSRC left").isEqualTo(SrtpResult.OK);
        }
    }

    private SrtpResult protect(SrtpSession session, int ssrc) {
        PacketBuffer packet = buffer(TestPackets.rtp(96, 1, 90, ssrc, payload(20)));
        try {
            return session.protectRtp(packet);
        } finally {
            packet.release();
        }
    }

    private static byte[] bytes(PacketBuffer packet) {
        return Arrays.copyOfRange(packet.array(), packet.offset(), packet.offset() + packet.length());
    }

    private static byte[] payload(int length) {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        return payload;
    }

    static SrtpKeyingMaterial keys(SrtpProfile profile, boolean client) {
        return keys(profile, client, 1);
    }

    static SrtpKeyingMaterial keys(SrtpProfile profile, boolean client, int seed) {
        byte[] exported = new byte[profile.keyingMaterialLength()];
        new Random(seed).nextBytes(exported);
        return SrtpKeyingMaterial.fromExporter(profile, exported, client);
    }
}
