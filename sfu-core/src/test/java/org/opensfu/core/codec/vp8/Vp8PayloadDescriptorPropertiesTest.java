package org.opensfu.core.codec.vp8;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Fuzz-style properties: wrap never throws, what it accepts is self-consistent, fields round-trip. */
class Vp8PayloadDescriptorPropertiesTest {
    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();

    @Property(tries = 3000)
    void randomBytesNeverThrow(@ForAll @Size(max = 24) byte[] b, @ForAll @IntRange(min = -2, max = 26) int off,
            @ForAll @IntRange(min = -2, max = 26) int len) {
        if (vp8.wrap(b, off, len)) {
            assertConsistent(b, off, len);
        } else {
            assertThat(vp8.isValid()).isFalse();
        }
    }

    @Property(tries = 3000)
    void extendedDescriptorsNeverThrow(@ForAll @Size(min = 1, max = 16) byte[] b) {
        b[0] |= (byte) 0x80; // force X so the optional fields are exercised
        if (b.length > 1) {
            b[1] |= (byte) (b[0] & 0x70); // and often I, L, T/K
        }
        for (int len = 0; len <= b.length; len++) {
            if (vp8.wrap(b, 0, len)) {
                assertConsistent(b, 0, len);
            }
        }
    }

    @Property(tries = 2000)
    void fieldsRoundTrip(@ForAll boolean i, @ForAll boolean longPictureId, @ForAll boolean l, @ForAll boolean t,
            @ForAll boolean k, @ForAll @IntRange(max = 0x7FFF) int pictureId, @ForAll @IntRange(max = 255) int tl0,
            @ForAll @IntRange(max = 3) int tid, @ForAll boolean y, @ForAll @IntRange(max = 31) int keyIdx,
            @ForAll boolean n, @ForAll boolean s, @ForAll @IntRange(max = 7) int pid,
            @ForAll @Size(min = 1, max = 20) byte[] data) {
        boolean x = i || l || t || k;
        int expectedPictureId = longPictureId ? pictureId : pictureId & 0x7F;
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write((x ? 0x80 : 0) | (n ? 0x20 : 0) | (s ? 0x10 : 0) | pid);
        if (x) {
            d.write((i ? 0x80 : 0) | (l ? 0x40 : 0) | (t ? 0x20 : 0) | (k ? 0x10 : 0));
            if (i) {
                if (longPictureId) {
                    d.write(0x80 | (pictureId >> 8));
                    d.write(pictureId & 0xFF);
                } else {
                    d.write(expectedPictureId);
                }
            }
            if (l) {
                d.write(tl0);
            }
            if (t || k) {
                d.write((tid << 6) | (y ? 0x20 : 0) | keyIdx);
            }
        }
        int descriptorLength = d.size();
        d.writeBytes(data);
        byte[] b = d.toByteArray();
        assertThat(vp8.wrap(b, 0, b.length)).isTrue();
        assertThat(vp8.descriptorLength()).isEqualTo(descriptorLength);
        assertThat(vp8.extended()).isEqualTo(x);
        assertThat(vp8.nonReference()).isEqualTo(n);
        assertThat(vp8.startOfPartition()).isEqualTo(s);
        assertThat(vp8.partitionIndex()).isEqualTo(pid);
        assertThat(vp8.pictureId()).isEqualTo(i ? expectedPictureId : -1);
        assertThat(vp8.pictureIdLength()).isEqualTo(i ? (longPictureId ? 15 : 7) : 0);
        assertThat(vp8.tl0PicIdx()).isEqualTo(l ? tl0 : -1);
        assertThat(vp8.temporalLayer()).isEqualTo(t ? tid : -1);
        assertThat(vp8.layerSync()).isEqualTo(t && y);
        assertThat(vp8.keyIdx()).isEqualTo(k ? keyIdx : -1);
        assertThat(vp8.isKeyframe()).isEqualTo(s && pid == 0 && (data[0] & 1) == 0);
    }

    private void assertConsistent(byte[] b, int off, int len) {
        assertThat(vp8.isValid()).isTrue();
        int dl = vp8.descriptorLength();
        assertThat(dl).isBetween(1, 6).isLessThan(len);
        assertThat(vp8.partitionIndex()).isBetween(0, 7);
        if (vp8.hasPictureId()) {
            assertThat(vp8.pictureIdLength()).isIn(7, 15);
            assertThat(vp8.pictureId()).isBetween(0, (1 << vp8.pictureIdLength()) - 1);
        } else {
            assertThat(vp8.pictureId()).isEqualTo(-1);
        }
        assertThat(vp8.tl0PicIdx()).isBetween(-1, 255);
        assertThat(vp8.temporalLayer()).isBetween(-1, 3);
        assertThat(vp8.keyIdx()).isBetween(-1, 31);
        int w = vp8.frameWidth();
        int h = vp8.frameHeight();
        assertThat(w).isBetween(-1, 0x3FFF);
        assertThat(h).isBetween(-1, 0x3FFF);
        if (w >= 0) {
            assertThat(vp8.isKeyframe()).isTrue();
        }
        // rewriting keeps the layout: wrapping again yields the same length and the values written
        boolean hadPictureId = vp8.hasPictureId();
        int pictureIdLength = vp8.pictureIdLength();
        boolean hadTl0 = vp8.hasTl0PicIdx();
        int tid = vp8.temporalLayer();
        byte[] before = b.clone();
        assertThat(vp8.setPictureId(0x2AAA)).isEqualTo(hadPictureId);
        assertThat(vp8.setTl0PicIdx(0x55)).isEqualTo(hadTl0);
        assertThat(vp8.wrap(b, off, len)).isTrue();
        assertThat(vp8.descriptorLength()).isEqualTo(dl);
        assertThat(vp8.pictureIdLength()).isEqualTo(pictureIdLength);
        assertThat(vp8.temporalLayer()).isEqualTo(tid);
        if (hadPictureId) {
            assertThat(vp8.pictureId()).isEqualTo(0x2AAA & ((1 << pictureIdLength) - 1));
        }
        if (hadTl0) {
            assertThat(vp8.tl0PicIdx()).isEqualTo(0x55);
        }
        for (int j = 0; j < b.length; j++) {
            if (j < off || j >= off + dl) {
                assertThat(b[j]).as("byte %s outside the descriptor", j).isEqualTo(before[j]);
            }
        }
    }
}
