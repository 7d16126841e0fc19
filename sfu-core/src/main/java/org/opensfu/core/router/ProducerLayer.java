package org.opensfu.core.router;

import java.nio.charset.StandardCharsets;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.stream.RtpReceiveStats;

/**
 * One encoding of a producer as received: its SSRC (learned from the rid extension for rid simulcast), its receive
 * statistics and what the last keyframe said about its resolution. Confined to the router's loop.
 */
public final class ProducerLayer {
    private final int index;
    private final byte[] rid;
    private int ssrc;
    private int rtxSsrc;
    private final RtpReceiveStats receiveStats;
    private final Counter packetsReceived = new Counter();
    private volatile int frameWidthPx;
    private volatile int frameHeightPx;

    ProducerLayer(int index, ProducerLayerSpec spec, int clockRateHz) {
        this.index = index;
        this.rid = spec.rid() == null ? null : spec.rid().getBytes(StandardCharsets.US_ASCII);
        this.ssrc = spec.ssrc();
        this.rtxSsrc = spec.rtxSsrc();
        this.receiveStats = new RtpReceiveStats(clockRateHz);
    }

    /** 0 for the lowest layer. */
    public int index() {
        return index;
    }

    public int ssrc() {
        return ssrc;
    }

    public int rtxSsrc() {
        return rtxSsrc;
    }

    public long packetsReceived() {
        return packetsReceived.get();
    }

    /** Width of the last keyframe seen on this layer, 0 if none yet. */
    public int frameWidthPx() {
        return frameWidthPx;
    }

    public int frameHeightPx() {
        return frameHeightPx;
    }

    boolean ssrcKnown() {
        return ssrc != 0;
    }

    void bindSsrc(int newSsrc) {
        ssrc = newSsrc;
    }

    void bindRtxSsrc(int newRtxSsrc) {
        rtxSsrc = newRtxSsrc;
    }

    /** Whether {@code rid} (bytes {@code [off, off + len)}) names this layer; compares without allocating. */
    boolean hasRid(byte[] buf, int off, int len) {
        if (rid == null || rid.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (rid[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    RtpReceiveStats receiveStats() {
        return receiveStats;
    }

    void countPacket() {
        packetsReceived.increment();
    }

    void onKeyframeSize(int widthPx, int heightPx) {
        frameWidthPx = widthPx;
        frameHeightPx = heightPx;
    }
}
