package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensfu.core.testing.HexFixtures.hex;

import org.junit.jupiter.api.Test;

class RtcpIteratorTest {
    private final RtcpIterator it = new RtcpIterator();

    // RR (8 bytes, no blocks) + PLI (12) + BYE with padding (P set, 4 bytes of padding, 12 bytes)
    private static final String COMPOUND = "80c90001 00000001" + "81ce0002 00000001 00000002" + "a1cb0002 00000003 00000004";

    @Test
    void walksACompoundPacket() {
        byte[] b = hex("ffff" + COMPOUND + "ffff");
        assertThat(it.wrap(b, 2, b.length - 4)).isTrue();
        assertThat(it.next()).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpPacketType.RR);
        assertThat(it.countOrFormat()).isZero();
        assertThat(it.packetOffset()).isEqualTo(2);
        assertThat(it.packetLength()).isEqualTo(8);
        assertThat(it.next()).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpPacketType.PSFB);
        assertThat(it.countOrFormat()).isEqualTo(RtcpPacketType.FMT_PSFB_PLI);
        assertThat(it.packetOffset()).isEqualTo(10);
        assertThat(it.packetLength()).isEqualTo(12);
        assertThat(it.next()).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpPacketType.BYE);
        assertThat(it.packetLength()).isEqualTo(12);
        assertThat(it.next()).isFalse();
        assertThat(it.isMalformed()).isFalse();
        assertThat(it.next()).isFalse();
    }

    @Test
    void emptyRangeHasNoPackets() {
        assertThat(it.wrap(new byte[4], 4, 0)).isTrue();
        assertThat(it.next()).isFalse();
        assertThat(it.isMalformed()).isFalse();
    }

    @Test
    void stopsAtALengthRunningPastTheEnd() {
        byte[] b = hex("80c90001 00000001 81ce0003 00000001 00000002");
        assertThat(it.wrap(b, 0, b.length)).isTrue();
        assertThat(it.next()).isTrue();
        assertThat(it.next()).isFalse();
        assertThat(it.isMalformed()).isTrue();
        assertThat(it.packetOffset()).isEqualTo(-1);
    }

    @Test
    void stopsAtTrailingBytesThatAreNotAPacket() {
        byte[] b = hex("80c90001 00000001 80c9");
        assertThat(it.wrap(b, 0, b.length)).isTrue();
        assertThat(it.next()).isTrue();
        assertThat(it.next()).isFalse();
        assertThat(it.isMalformed()).isTrue();
    }

    @Test
    void stopsAtAWrongVersion() {
        byte[] b = hex("80c90001 00000001 40c90001 00000001");
        assertThat(it.wrap(b, 0, b.length)).isTrue();
        assertThat(it.next()).isTrue();
        assertThat(it.next()).isFalse();
        assertThat(it.isMalformed()).isTrue();
    }

    @Test
    void stopsAtBadPadding() {
        byte[] zero = hex("a0c90001 00000000");
        assertThat(it.wrap(zero, 0, zero.length)).isTrue();
        assertThat(it.next()).isFalse();
        assertThat(it.isMalformed()).isTrue();
        byte[] tooLong = hex("a0c90001 00000009");
        assertThat(it.wrap(tooLong, 0, tooLong.length)).isTrue();
        assertThat(it.next()).isFalse();
        assertThat(it.isMalformed()).isTrue();
    }

    @Test
    void badArgumentsReturnFalseAndMalformed() {
        assertThat(it.wrap(null, 0, 0)).isFalse();
        assertThat(it.next()).isFalse();
        assertThat(it.isMalformed()).isTrue();
        assertThat(it.wrap(new byte[8], 4, 8)).isFalse();
        assertThat(it.wrap(new byte[8], -1, 4)).isFalse();
        assertThat(it.wrap(new byte[8], 0, -4)).isFalse();
        byte[] b = hex(COMPOUND);
        assertThat(it.wrap(b, 0, b.length)).isTrue(); // reusable after a failure
        assertThat(it.next()).isTrue();
    }
}
