package org.opensfu.core.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensfu.core.testing.HexFixtures.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** GenericNack (RFC 4585 §6.2.1), Pli (§6.3.1), Fir (RFC 5104 §4.3.1), Remb (draft-alvestrand-rmcat-remb-03). */
class FeedbackTest {
    private final GenericNack nack = new GenericNack();
    private final Pli pli = new Pli();
    private final Fir fir = new Fir();
    private final Remb remb = new Remb();

    @Test
    void nackExpandsPidAndBlp() {
        // PID 100, BLP 0x8005: 101, 103, 116 lost too; PID 65535, BLP 0x0001: 0 lost too (wrap)
        byte[] b = hex("81cd0004 00000001 00000002 00648005 ffff0001");
        assertThat(nack.wrap(b, 0, b.length)).isTrue();
        assertThat(nack.senderSsrc()).isEqualTo(1);
        assertThat(nack.mediaSsrc()).isEqualTo(2);
        assertThat(nack.entryCount()).isEqualTo(2);
        assertThat(nack.pid(0)).isEqualTo(100);
        assertThat(nack.blp(0)).isEqualTo(0x8005);
        int[] out = new int[10];
        assertThat(nack.lostSequenceNumbers(out)).isEqualTo(6);
        assertThat(Arrays.copyOf(out, 6)).containsExactly(100, 101, 103, 116, 65535, 0);
        int[] small = new int[3];
        assertThat(nack.lostSequenceNumbers(small)).isEqualTo(3);
        assertThat(small).containsExactly(100, 101, 103);
        assertThat(nack.wrap(hex("81cd0002 00000001 00000002"), 0, 12)).isFalse(); // no FCI entry
        assertThat(nack.wrap(hex("8fcd0003 00000001 00000002 00640000"), 0, 16)).isFalse(); // FMT 15
        assertThat(pli.wrap(b, 0, b.length)).isFalse();
    }

    @Test
    void nackWriterPacksAscendingRunsAcrossTheWrap() {
        int[] lost = {65530, 65531, 65535, 0, 10, 11, 30, 47, 48};
        byte[] b = new byte[64];
        int len = GenericNack.write(b, 0, 7, 8, lost, lost.length);
        // 65530 takes 65531, 65535, 0 and 10 (1..16 after it); 11 is 17 after: new entry; 30; 47 takes 48
        assertThat(nack.wrap(b, 0, len)).isTrue();
        assertThat(len).isEqualTo(GenericNack.length(lost, lost.length)).isEqualTo(12 + 16);
        assertThat(nack.senderSsrc()).isEqualTo(7);
        assertThat(nack.mediaSsrc()).isEqualTo(8);
        assertThat(nack.entryCount()).isEqualTo(4);
        assertThat(nack.pid(0)).isEqualTo(65530);
        assertThat(nack.blp(0)).isEqualTo((1 << 0) | (1 << 4) | (1 << 5) | (1 << 15));
        assertThat(nack.pid(1)).isEqualTo(11);
        assertThat(nack.blp(1)).isZero();
        assertThat(nack.pid(2)).isEqualTo(30);
        assertThat(nack.blp(2)).isZero();
        assertThat(nack.pid(3)).isEqualTo(47);
        assertThat(nack.blp(3)).isEqualTo(1);
        int[] out = new int[32];
        assertThat(Arrays.copyOf(out, nack.lostSequenceNumbers(out))).containsExactly(lost);
    }

    @Test
    void nackWriterAcceptsAnyOrderAndDuplicates() {
        int[] lost = {500, 3, 500, 4, 2};
        byte[] b = new byte[64];
        int len = GenericNack.write(b, 0, 1, 2, lost, lost.length);
        assertThat(nack.wrap(b, 0, len)).isTrue();
        int[] out = new int[32];
        int n = nack.lostSequenceNumbers(out);
        assertThat(Arrays.stream(out, 0, n).distinct().sorted().toArray()).containsExactly(2, 3, 4, 500);
        assertThatThrownBy(() -> GenericNack.write(b, 0, 1, 2, lost, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenericNack.write(new byte[15], 0, 1, 2, lost, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void pliRoundTrip() {
        byte[] b = new byte[12];
        assertThat(Pli.write(b, 0, 0x11, 0x22)).isEqualTo(12);
        assertThat(b).isEqualTo(hex("81ce0002 00000011 00000022"));
        assertThat(pli.wrap(b, 0, 12)).isTrue();
        assertThat(pli.senderSsrc()).isEqualTo(0x11);
        assertThat(pli.mediaSsrc()).isEqualTo(0x22);
        assertThat(pli.wrap(b, 0, 8)).isFalse();
        assertThat(fir.wrap(b, 0, 12)).isFalse();
    }

    @Test
    void firParsesAndWritesEntries() {
        // RFC 5104 §4.3.1: media source SSRC 0, FCI = SSRC + seq nr + 24 reserved bits
        byte[] b = hex("84ce0006 00000001 00000000 0000000a 05000000 0000000b ff000000");
        assertThat(fir.wrap(b, 0, b.length)).isTrue();
        assertThat(fir.mediaSsrc()).isZero();
        assertThat(fir.entryCount()).isEqualTo(2);
        assertThat(fir.entrySsrc(0)).isEqualTo(10);
        assertThat(fir.entrySequenceNumber(0)).isEqualTo(5);
        assertThat(fir.entrySsrc(1)).isEqualTo(11);
        assertThat(fir.entrySequenceNumber(1)).isEqualTo(255);
        byte[] w = new byte[b.length];
        assertThat(Fir.write(w, 0, 1, new int[] {10, 11}, new int[] {5, 0x1FF}, 2)).isEqualTo(b.length);
        assertThat(w).isEqualTo(b);
        assertThat(fir.wrap(hex("84ce0002 00000001 00000000"), 0, 12)).isFalse(); // no entry
        assertThatThrownBy(() -> Fir.write(w, 0, 1, new int[0], new int[0], 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rembParsesChromesBitrateEncoding() {
        // from chromium-rtcp.hex: exp 2, mantissa 199108 -> 796432 bps, one SSRC
        byte[] b = hex("8fce0005 00000001 00000000 52454d42 010b09c4 84eaa2b5");
        assertThat(remb.wrap(b, 0, b.length)).isTrue();
        assertThat(remb.ssrcCount()).isEqualTo(1);
        assertThat(remb.bitrateExponent()).isEqualTo(2);
        assertThat(remb.bitrateMantissa()).isEqualTo(199108);
        assertThat(remb.bitrateBps()).isEqualTo(796432);
        assertThat(remb.ssrc(0)).isEqualTo(0x84eaa2b5);
        byte[] notRemb = b.clone();
        notRemb[12] = 'X';
        assertThat(remb.wrap(notRemb, 0, notRemb.length)).isFalse();
        byte[] tooManySsrcs = b.clone();
        tooManySsrcs[16] = 2;
        assertThat(remb.wrap(tooManySsrcs, 0, tooManySsrcs.length)).isFalse();
    }

    @Test
    void rembWriterEncodesExponentAndMantissa() {
        byte[] b = new byte[64];
        long[] rates = {0, 1, 262143, 262144, 796432, 1_000_000, 2_500_000_000L, Long.MAX_VALUE};
        for (long bps : rates) {
            int len = Remb.write(b, 0, 9, bps, new int[] {1, 2}, 2);
            assertThat(len).isEqualTo(28);
            assertThat(remb.wrap(b, 0, len)).isTrue();
            assertThat(remb.mediaSsrc()).isZero();
            assertThat(remb.bitrateMantissa()).isLessThanOrEqualTo(Remb.MAX_MANTISSA);
            long decoded = remb.bitrateBps();
            assertThat(decoded).isLessThanOrEqualTo(bps);
            assertThat(decoded).isGreaterThanOrEqualTo(bps - (bps >>> 17)); // 18 significant bits, rounded down
            assertThat(remb.ssrc(1)).isEqualTo(2);
        }
        Remb.write(b, 0, 9, 1_000_000, null, 0);
        assertThat(remb.wrap(b, 0, 20)).isTrue();
        assertThat(remb.bitrateBps()).isEqualTo(1_000_000); // 1e6 < 2^20 so exponent 2, exact: 250000 << 2
        // saturation: exponent 63 with a large mantissa does not fit a long
        byte[] huge = hex("8fce0004 00000001 00000000 52454d42 00ffffff");
        assertThat(remb.wrap(huge, 0, huge.length)).isTrue();
        assertThat(remb.bitrateBps()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Remb.write(b, 0, 9, -1, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
