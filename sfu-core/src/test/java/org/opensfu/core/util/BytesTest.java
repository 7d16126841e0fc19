package org.opensfu.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {
    private final byte[] b = {(byte) 0x80, (byte) 0xFF, 0x01, 0x02, (byte) 0xFE, 0x7F, 0x00, 0x10};

    @Test
    void readsBigEndian() {
        assertThat(Bytes.readUint8(b, 1)).isEqualTo(255);
        assertThat(Bytes.readUint16(b, 0)).isEqualTo(0x80FF);
        assertThat(Bytes.readInt16(b, 0)).isEqualTo((short) 0x80FF);
        assertThat(Bytes.readUint24(b, 0)).isEqualTo(0x80FF01);
        assertThat(Bytes.readInt24(b, 0)).isEqualTo(0x80FF01 - (1 << 24));
        assertThat(Bytes.readInt24(b, 5)).isEqualTo(0x7F0010);
        assertThat(Bytes.readInt32(b, 0)).isEqualTo(0x80FF0102);
        assertThat(Bytes.readUint32(b, 0)).isEqualTo(0x80FF0102L);
        assertThat(Bytes.readInt64(b, 0)).isEqualTo(0x80FF0102FE7F0010L);
    }

    @Test
    void writesAndReadsBack() {
        byte[] d = new byte[8];
        Bytes.writeUint16(d, 0, 0xABCD);
        Bytes.writeUint24(d, 2, -2);
        assertThat(Bytes.readUint16(d, 0)).isEqualTo(0xABCD);
        assertThat(Bytes.readInt24(d, 2)).isEqualTo(-2);
        Bytes.writeUint32(d, 4, 0xFFFF_FFFEL);
        assertThat(Bytes.readUint32(d, 4)).isEqualTo(0xFFFF_FFFEL);
        Bytes.writeInt64(d, 0, 0x0123456789ABCDEFL);
        assertThat(Bytes.readInt64(d, 0)).isEqualTo(0x0123456789ABCDEFL);
        Bytes.writeUint8(d, 7, 0x1FF);
        assertThat(Bytes.readUint8(d, 7)).isEqualTo(0xFF);
    }

    @Test
    void inBoundsNeverOverflows() {
        assertThat(Bytes.inBounds(b, 0, 8)).isTrue();
        assertThat(Bytes.inBounds(b, 8, 0)).isTrue();
        assertThat(Bytes.inBounds(b, 1, 8)).isFalse();
        assertThat(Bytes.inBounds(null, 0, 0)).isFalse();
        assertThat(Bytes.inBounds(b, -1, 2)).isFalse();
        assertThat(Bytes.inBounds(b, 2, -1)).isFalse();
        assertThat(Bytes.inBounds(b, Integer.MAX_VALUE, Integer.MAX_VALUE)).isFalse();
    }
}
