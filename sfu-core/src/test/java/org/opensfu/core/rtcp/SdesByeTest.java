package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensfu.core.testing.HexFixtures.hex;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sdes (RFC 3550 §6.5) and Bye (§6.6). */
class SdesByeTest {
    private final Sdes sdes = new Sdes();
    private final Bye bye = new Bye();

    /** Two chunks: (0x11, CNAME "ab", NAME "x") and (0x22, no items); see RFC 3550 §6.5. */
    private static final String TWO_CHUNKS = "82ca0005 00000011 0102 6162 020178 00 00000022 00000000";

    @Test
    void walksChunksAndItems() {
        byte[] b = hex(TWO_CHUNKS);
        assertThat(sdes.wrap(b, 0, b.length)).isTrue();
        assertThat(sdes.chunkCount()).isEqualTo(2);
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(0x11);
        assertThat(sdes.nextItem()).isTrue();
        assertThat(sdes.itemType()).isEqualTo(Sdes.CNAME);
        assertThat(sdes.itemLength()).isEqualTo(2);
        assertThat(sdes.itemValueOffset()).isEqualTo(10);
        assertThat(sdes.itemValueAsString()).isEqualTo("ab");
        assertThat(sdes.nextItem()).isTrue();
        assertThat(sdes.itemType()).isEqualTo(2);
        assertThat(sdes.itemValueAsString()).isEqualTo("x");
        assertThat(sdes.nextItem()).isFalse();
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(0x22);
        assertThat(sdes.nextItem()).isFalse();
        assertThat(sdes.nextChunk()).isFalse();
        // skipping items of a chunk still finds the next chunk
        sdes.rewind();
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(0x22);
        assertThat(sdes.findCname(0x11)).isTrue();
        assertThat(sdes.itemValueAsString()).isEqualTo("ab");
        assertThat(sdes.findCname(0x22)).isFalse();
        assertThat(sdes.findItem(0x11, 2)).isTrue();
        assertThat(sdes.itemValueAsString()).isEqualTo("x");
    }

    @Test
    void rejectsMalformedSdes() {
        assertThat(sdes.wrap(hex("81ca0001 00000011"), 0, 8)).isFalse(); // no terminating null octet
        assertThat(sdes.wrap(hex("81ca0002 00000011 0105 6162"), 0, 12)).isFalse(); // item past the end
        assertThat(sdes.wrap(hex("82ca0002 00000011 00000000"), 0, 12)).isFalse(); // SC=2, one chunk
        assertThat(sdes.wrap(hex("81ca0002 00000011 01"), 0, 9)).isFalse();
        assertThat(sdes.wrap(hex("80ca0000"), 0, 4)).isTrue(); // SC=0 is valid
        assertThat(sdes.nextChunk()).isFalse();
    }

    @Test
    void writesCnameChunks() {
        byte[] cname = "VBULfHpEUy425Qlf".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[64];
        int len = Sdes.write(b, 0, 0xd0615412, cname);
        // Chrome's own SDES for this CNAME (see chromium-rtcp.hex) has exactly these bytes
        assertThat(java.util.Arrays.copyOf(b, len))
                .isEqualTo(hex("81ca0006 d0615412 0110 5642554c664870455579343235516c66 0000"));
        byte[][] names = {"a".getBytes(StandardCharsets.US_ASCII), "bcd".getBytes(StandardCharsets.US_ASCII), new byte[255]};
        byte[] big = new byte[400];
        int n = Sdes.write(big, 3, new int[] {1, 2, 3}, names, 3);
        assertThat(n).isEqualTo(Sdes.length(names, 3)).isEqualTo(4 + 8 + 12 + 264);
        assertThat(sdes.wrap(big, 3, n)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(sdes.findCname(i + 1)).isTrue();
            assertThat(sdes.itemLength()).isEqualTo(names[i].length);
        }
        assertThatThrownBy(() -> Sdes.write(big, 0, 1, new byte[256])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sdes.write(new byte[20], 0, 1, cname)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void parsesByeWithAndWithoutReason() {
        byte[] b = hex("82cb0004 00000001 00000002 06 636c6f736564 00");
        assertThat(bye.wrap(b, 0, b.length)).isTrue();
        assertThat(bye.ssrcCount()).isEqualTo(2);
        assertThat(bye.ssrc(0)).isEqualTo(1);
        assertThat(bye.ssrc(1)).isEqualTo(2);
        assertThat(bye.hasReason()).isTrue();
        assertThat(bye.reasonOffset()).isEqualTo(13);
        assertThat(bye.reasonLength()).isEqualTo(6);
        assertThat(bye.reason()).isEqualTo("closed");
        byte[] plain = hex("81cb0001 00000009");
        assertThat(bye.wrap(plain, 0, plain.length)).isTrue();
        assertThat(bye.hasReason()).isFalse();
        assertThat(bye.reasonLength()).isZero();
        assertThat(bye.reason()).isNull();
        assertThat(bye.wrap(hex("82cb0001 00000001"), 0, 8)).isFalse(); // SC=2, one SSRC
        assertThat(bye.wrap(hex("81cb0002 00000001 09000000"), 0, 12)).isFalse(); // reason past the end
    }

    @Test
    void byeWriterRoundTrips() {
        byte[] b = new byte[64];
        int len = Bye.write(b, 0, new int[] {5, 6, 7}, 3, "bye".getBytes(StandardCharsets.UTF_8));
        assertThat(len).isEqualTo(20);
        assertThat(bye.wrap(b, 0, len)).isTrue();
        assertThat(bye.ssrcCount()).isEqualTo(3);
        assertThat(bye.ssrc(2)).isEqualTo(7);
        assertThat(bye.reason()).isEqualTo("bye");
        int n = Bye.write(b, 0, new int[] {5}, 1, null);
        assertThat(n).isEqualTo(8);
        assertThat(bye.wrap(b, 0, n)).isTrue();
        assertThat(bye.hasReason()).isFalse();
    }
}
