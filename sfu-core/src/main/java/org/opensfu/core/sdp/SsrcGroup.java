package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc>...} (RFC 5576 §4.2): e.g. {@code FID <media> <rtx>} pairs a stream with
 * its RTX retransmission stream (RFC 4588 §8.1, RFC 5576 §7.1); {@code SIM} lists SSRC simulcast layers.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public static final String FID = "FID";
    public static final String SIM = "SIM";

    public SsrcGroup {
        SdpSyntax.requireToken(semantics, "ssrc-group semantics");
        ssrcs = List.copyOf(ssrcs);
        for (long s : ssrcs) {
            SsrcAttribute.checkSsrc(s);
        }
    }

    public static SsrcGroup of(String semantics, long... ssrcs) {
        List<Long> list = new ArrayList<>(ssrcs.length);
        for (long s : ssrcs) {
            list.add(s);
        }
        return new SsrcGroup(semantics, list);
    }

    public static SsrcGroup parse(String value) {
        String[] w = SdpSyntax.words(value);
        if (w.length < 1) {
            throw new IllegalArgumentException("needs '<semantics> <ssrc>...'");
        }
        List<Long> ssrcs = new ArrayList<>(w.length - 1);
        for (int i = 1; i < w.length; i++) {
            ssrcs.add(SsrcAttribute.parseSsrc(w[i]));
        }
        return new SsrcGroup(w[0], ssrcs);
    }

    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(semantics);
        for (long s : ssrcs) {
            sb.append(' ').append(s);
        }
        return sb.toString();
    }
}
