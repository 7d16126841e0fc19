package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensfu.core.rtcp.TransportCcFeedback.NOT_RECEIVED;

import org.junit.jupiter.api.Test;
import org.opensfu.core.util.Bytes;

class TransportCcFeedbackBuilderTest {
    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
    private final TransportCcFeedback tcc = new TransportCcFeedback();
    private final byte[] out = new byte[1500];

    private int writeAndWrap() {
        int len = builder.write(out, 0);
        assertThat(len).isEqualTo(builder.length());
        assertThat(len % 4).isZero();
        assertThat(tcc.wrap(out, 0, len)).isTrue();
        return len;
    }

    private int chunk(int i) {
        return Bytes.readUint16(out, TransportCcFeedback.CHUNKS_OFFSET + 2 * i);
    }

    @Test
    void onePacket() {
        builder.reset(1, 2, 300);
        assertThat(builder.isEmpty()).isTrue();
        assertThat(builder.addReceived(100, 1_000_000)).isTrue();
        assertThat(writeAndWrap()).isEqualTo(24);
        assertThat(tcc.senderSsrc()).isEqualTo(1);
        assertThat(tcc.mediaSsrc()).isEqualTo(2);
        assertThat(tcc.feedbackPacketCount()).isEqualTo(300 & 0xFF);
        assertThat(tcc.baseSequenceNumber()).isEqualTo(100);
        assertThat(tcc.packetStatusCount()).isEqualTo(1);
        assertThat(tcc.referenceTime()).isEqualTo(15); // 1 000 000 us / 64 ms, rounded down
        long[] a = new long[1];
        tcc.decode(a);
        assertThat(tcc.referenceTimeMicros() + a[0]).isEqualTo(1_000_000);
        assertThat(chunk(0)).isEqualTo(0x2001);
    }

    @Test
    void longRunOfReceivedPacketsIsOneRunLengthChunk() {
        builder.reset(1, 2, 0);
        for (int i = 0; i < 100; i++) {
            assertThat(builder.addReceived(i, 5_000_000 + i * 1000L)).isTrue();
        }
        assertThat(writeAndWrap()).isEqualTo(20 + 2 + 100 + 2);
        assertThat(chunk(0)).isEqualTo(0x2000 | 100);
        assertThat(tcc.deltasOffset()).isEqualTo(22);
        long[] a = new long[100];
        tcc.decode(a);
        for (int i = 0; i < 100; i++) {
            assertThat(tcc.referenceTimeMicros() + a[i]).isEqualTo(5_000_000 + i * 1000L);
        }
    }

    @Test
    void scatteredLossesUseOneBitVectorsAndLargeDeltasTwoBitVectors() {
        builder.reset(1, 2, 0);
        // 0..13 with every third lost: 14 statuses, small deltas only
        long t = 0;
        for (int i = 0; i < 14; i++) {
            if (i % 3 != 1) {
                assertThat(builder.addReceived(i, t += 2000)).isTrue();
            }
        }
        // then 7 packets with a 100 ms gap (large delta) in the middle
        for (int i = 14; i < 21; i++) {
            assertThat(builder.addReceived(i, t += (i == 17 ? 100_000 : 1000))).isTrue();
        }
        writeAndWrap();
        assertThat(chunk(0) & 0xC000).isEqualTo(0x8000); // 1-bit vector
        assertThat(chunk(0)).isEqualTo(0x8000 | 0b10110110110110);
        assertThat(chunk(1) & 0xC000).isEqualTo(0xC000); // 2-bit vector
        assertThat(chunk(1)).isEqualTo(0xC000 | 0b01010110010101);
        assertThat(tcc.packetStatusCount()).isEqualTo(21);
        tcc.rewind();
        int large = 0;
        while (tcc.nextPacket()) {
            large += tcc.packetLargeDelta() ? 1 : 0;
        }
        assertThat(large).isEqualTo(1);
    }

    @Test
    void negativeAndTooLargeDeltas() {
        builder.reset(1, 2, 0);
        assertThat(builder.addReceived(1, 1_000_000)).isTrue();
        assertThat(builder.addReceived(2, 990_000)).isTrue(); // arrived 10 ms "earlier": negative delta
        assertThat(builder.addReceived(3, 990_000 + 8_200_000)).isFalse(); // > 32767 x 250 us
        assertThat(builder.addReceived(3, 990_000 + 8_000_000)).isTrue();
        writeAndWrap();
        long[] a = new long[3];
        assertThat(tcc.decode(a)).isEqualTo(3);
        assertThat(a[1] - a[0]).isEqualTo(-10_000);
        assertThat(a[2] - a[1]).isEqualTo(8_000_000);
    }

    @Test
    void wrapsSequenceNumbersAndReportsGapsAsLost() {
        builder.reset(1, 2, 0);
        assertThat(builder.addReceived(65534, 0)).isTrue();
        assertThat(builder.addReceived(65535, 250)).isTrue();
        assertThat(builder.addReceived(2, 500)).isTrue(); // 0 and 1 lost
        assertThat(builder.packetStatusCount()).isEqualTo(5);
        writeAndWrap();
        assertThat(tcc.baseSequenceNumber()).isEqualTo(65534);
        long[] a = new long[5];
        tcc.decode(a);
        assertThat(a).containsExactly(0, 250, NOT_RECEIVED, NOT_RECEIVED, 500);
    }

    @Test
    void refusesOldDuplicateAndFarPackets() {
        builder.reset(1, 2, 0);
        assertThat(builder.addReceived(10, 0)).isTrue();
        assertThat(builder.addReceived(10, 0)).isFalse();
        assertThat(builder.addReceived(9, 0)).isFalse();
        assertThat(builder.addReceived(10 + 0x8000, 0)).isFalse();
        assertThat(builder.addReceived(11, 0)).isTrue();
        assertThat(builder.packetStatusCount()).isEqualTo(2);
    }

    @Test
    void baseSequenceNumberBeforeTheFirstReceivedPacket() {
        builder.reset(1, 2, 0);
        assertThat(builder.setBaseSequenceNumber(65535)).isTrue();
        assertThat(builder.addReceived(2, 64_000)).isTrue();
        assertThat(builder.setBaseSequenceNumber(0)).isFalse();
        writeAndWrap();
        assertThat(tcc.baseSequenceNumber()).isEqualTo(65535);
        long[] a = new long[4];
        assertThat(tcc.decode(a)).isEqualTo(4);
        assertThat(a).containsExactly(NOT_RECEIVED, NOT_RECEIVED, NOT_RECEIVED, 0);
        assertThat(tcc.referenceTime()).isEqualTo(1);
        builder.reset(1, 2, 0);
        builder.setBaseSequenceNumber(10);
        assertThat(builder.addReceived(9, 0)).isFalse(); // before the base
    }

    @Test
    void longLossBurstsUseRunLengthChunks() {
        builder.reset(1, 2, 0);
        assertThat(builder.addReceived(0, 0)).isTrue();
        assertThat(builder.addReceived(30000, 1_000_000)).isTrue();
        int len = writeAndWrap();
        assertThat(tcc.packetStatusCount()).isEqualTo(30001);
        assertThat(len).isLessThan(40);
        assertThat(tcc.receivedCount()).isEqualTo(2);
    }

    @Test
    void staysWithinTheMaximumSize() {
        TransportCcFeedbackBuilder small = new TransportCcFeedbackBuilder(40);
        small.reset(1, 2, 0);
        int added = 0;
        long t = 0;
        while (small.addReceived(added * 2, t += 100_000)) { // every other packet lost, large deltas
            added++;
        }
        assertThat(small.length()).isLessThanOrEqualTo(40);
        int len = small.write(out, 0);
        assertThat(tcc.wrap(out, 0, len)).isTrue();
        assertThat(tcc.receivedCount()).isEqualTo(added);
        // the refused packet starts the next feedback
        small.reset(1, 2, 1);
        assertThat(small.addReceived(added * 2, t)).isTrue();
        assertThatThrownBy(() -> new TransportCcFeedbackBuilder(23)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeNeedsAPacketAndRoom() {
        builder.reset(1, 2, 0);
        assertThatThrownBy(() -> builder.write(out, 0)).isInstanceOf(IllegalStateException.class);
        builder.addReceived(1, 0);
        assertThatThrownBy(() -> builder.write(new byte[23], 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
