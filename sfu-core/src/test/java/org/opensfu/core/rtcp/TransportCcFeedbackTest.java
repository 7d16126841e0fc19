package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensfu.core.rtcp.TransportCcFeedback.NOT_RECEIVED;
import static org.opensfu.core.testing.HexFixtures.hex;

import org.junit.jupiter.api.Test;

/** Parser of draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1 feedback. */
class TransportCcFeedbackTest {
    private final TransportCcFeedback tcc = new TransportCcFeedback();

    /**
     * Base 65534 (wraps), 25 packets, reference time -1 (x 64 ms), feedback count 7. Chunks: a
     * 2-bit vector [1,2,0,1,1,0,2]; the draft's §3.1.4 1-bit example 0x9F1C
     * [0,1,1,1,1,1,0,0,0,1,1,1,0,0]; a run of 10 received-small cut to the 4 packets left.
     */
    private static final String HAND = "8fcd000b 00000001 00000002 fffe0019 ffffff07 d852 9f1c 200a"
            + "0a fffc 01 02 0100 0102030405060708 000000ff 000000";

    @Test
    void decodesAllChunkKindsAndDeltas() {
        byte[] b = hex(HAND);
        assertThat(tcc.wrap(b, 0, b.length)).isTrue();
        assertThat(tcc.senderSsrc()).isEqualTo(1);
        assertThat(tcc.mediaSsrc()).isEqualTo(2);
        assertThat(tcc.baseSequenceNumber()).isEqualTo(65534);
        assertThat(tcc.packetStatusCount()).isEqualTo(25);
        assertThat(tcc.referenceTime()).isEqualTo(-1);
        assertThat(tcc.referenceTimeMicros()).isEqualTo(-64_000);
        assertThat(tcc.feedbackPacketCount()).isEqualTo(7);
        assertThat(tcc.receivedCount()).isEqualTo(5 + 8 + 4);
        assertThat(tcc.deltasOffset()).isEqualTo(26);

        long[] arrivals = new long[30];
        assertThat(tcc.decode(arrivals)).isEqualTo(25);
        long n = NOT_RECEIVED;
        long[] ticks = {10, 6, n, 7, 9, n, 265, n, 266, 268, 271, 275, 280, n, n, n, 286, 293, 301, n, n, 301, 301, 301, 556};
        for (int i = 0; i < 25; i++) {
            assertThat(arrivals[i]).as("packet %d", i).isEqualTo(ticks[i] == n ? n : ticks[i] * 250);
        }

        tcc.rewind();
        assertThat(tcc.nextPacket()).isTrue();
        assertThat(tcc.packetSequenceNumber()).isEqualTo(65534);
        assertThat(tcc.packetReceived()).isTrue();
        assertThat(tcc.packetLargeDelta()).isFalse();
        assertThat(tcc.nextPacket()).isTrue();
        assertThat(tcc.packetSequenceNumber()).isEqualTo(65535);
        assertThat(tcc.packetLargeDelta()).isTrue();
        assertThat(tcc.packetArrivalMicros()).isEqualTo(1500);
        assertThat(tcc.nextPacket()).isTrue();
        assertThat(tcc.packetSequenceNumber()).isZero();
        assertThat(tcc.packetReceived()).isFalse();
        int count = 3;
        while (tcc.nextPacket()) {
            count++;
        }
        assertThat(count).isEqualTo(25);
        assertThat(tcc.packetIndex()).isEqualTo(24);
        assertThat(tcc.packetSequenceNumber()).isEqualTo(22); // 65534 + 24 wraps

        long[] small = new long[3];
        assertThat(tcc.decode(small)).isEqualTo(3);
        assertThat(small).containsExactly(2500, 1500, NOT_RECEIVED);
    }

    @Test
    void draftRunLengthExampleOf221LostPackets() {
        // §3.1.3 example 1: |0|00|0000011011101| = run of 221 "not received"; then one received
        byte[] b = hex("8fcd0007 00000001 00000002 000100de 00000100 00dd 2001 05 000000 00000000");
        b[3] = 6; // 28 bytes
        assertThat(tcc.wrap(b, 0, 28)).isTrue();
        assertThat(tcc.receivedCount()).isEqualTo(1);
        long[] arrivals = new long[222];
        assertThat(tcc.decode(arrivals)).isEqualTo(222);
        for (int i = 0; i < 221; i++) {
            assertThat(arrivals[i]).isEqualTo(NOT_RECEIVED);
        }
        assertThat(arrivals[221]).isEqualTo(5 * 250);
    }

    @Test
    void rejectsMalformedFeedback() {
        byte[] b = hex(HAND);
        byte[] zeroCount = b.clone();
        zeroCount[14] = 0;
        zeroCount[15] = 0;
        assertThat(tcc.wrap(zeroCount, 0, zeroCount.length)).isFalse();
        byte[] reserved = b.clone();
        reserved[21] = (byte) 0xFE; // 2-bit vector with a 11 symbol
        assertThat(tcc.wrap(reserved, 0, reserved.length)).isFalse();
        byte[] reservedRun = hex("8fcd0005 00000001 00000002 00000001 00000000 6001 0000");
        assertThat(tcc.wrap(reservedRun, 0, reservedRun.length)).isFalse();
        byte[] notCovered = b.clone();
        notCovered[15] = (byte) 60; // 60 packets, chunks run out
        assertThat(tcc.wrap(notCovered, 0, notCovered.length)).isFalse();
        byte[] deltasCut = hex("8fcd0005 00000001 00000002 00000003 00000000 da00 0a00"); // [1,2,2] needs 5 delta bytes
        assertThat(tcc.wrap(deltasCut, 0, deltasCut.length)).isFalse();
        assertThat(tcc.wrap(hex("8fcd0004 00000001 00000002 00000001 00000000"), 0, 20)).isFalse(); // no chunk
        assertThat(tcc.wrap(b, 0, b.length - 4)).isFalse();
        assertThat(tcc.wrap(hex("81cd0004 00000001 00000002 00000001 00000000"), 0, 20)).isFalse(); // FMT 1
    }

    @Test
    void zeroLengthRunsAreSkipped() {
        // a run-length chunk of length 0, then a run of 2 received
        byte[] b = hex("8fcd0006 00000001 00000002 00050002 00000000 2000 2002 0102 0000");
        assertThat(tcc.wrap(b, 0, b.length)).isTrue();
        long[] arrivals = new long[2];
        assertThat(tcc.decode(arrivals)).isEqualTo(2);
        assertThat(arrivals).containsExactly(250, 750);
    }

    @Test
    void acceptsRtcpPadding() {
        // one packet received, 1 small delta, then 1 padding byte (the count) carried by the P bit
        byte[] b = hex("afcd0005 00000001 00000002 00070001 00000000 2001 05 01");
        assertThat(tcc.wrap(b, 0, b.length)).isTrue();
        assertThat(tcc.receivedCount()).isEqualTo(1);
    }
}
