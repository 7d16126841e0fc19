package org.opensfu.core.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random inputs for property tests of the RTP paths. */
public final class RtpArbitraries {
    private RtpArbitraries() {
    }

    /**
     * Random bytes that start like RTP (RFC 3550 §5.1): version 2, random P/X/CC and rest, and, when X is set, a
     * plausible one- or two-byte extension profile (RFC 8285 §4.2/§4.3) so that the extension paths are used.
     */
    public static Arbitrary<byte[]> rtpLike(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(12).ofMaxSize(maxSize).map(b -> {
            b[0] = (byte) (0x80 | (b[0] & 0x3F));
            if ((b[0] & 0x10) != 0 && b.length > 16 + 4 * (b[0] & 0x0F)) {
                int p = 12 + 4 * (b[0] & 0x0F);
                boolean twoByte = (b[1] & 1) != 0;
                b[p] = (byte) (twoByte ? 0x10 : 0xBE);
                b[p + 1] = (byte) (twoByte ? b[p + 1] & 0x0F : 0xDE);
                b[p + 2] = 0;
                b[p + 3] = (byte) (b[p + 3] & 0x0F);
            }
            return b;
        });
    }
}
