package org.opensfu.core.rtp;

import java.util.Optional;

/**
 * RTP header extensions the SFU knows by URI (negotiated with {@code a=extmap}, RFC 8285), and whether each one may be
 * forwarded end to end. Hop-by-hop extensions (congestion control, stream identification) describe one link only and
 * are stripped when forwarding; the SFU stamps its own where needed.
 */
public enum HeaderExtension {
    /** RFC 6464: audio level of the packet; meaningful to every receiver. */
    AUDIO_LEVEL("urn:ietf:params:rtp-hdrext:ssrc-audio-level", true),
    /** 3GPP TS 26.114 §7.4.5: camera rotation. */
    VIDEO_ORIENTATION("urn:3gpp:video-orientation", true),
    /** RFC 5450: transmission time offset. */
    TOFFSET("urn:ietf:params:rtp-hdrext:toffset", false),
    ABS_SEND_TIME("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", false),
    /** draft-holmer-rmcat-transport-wide-cc-extensions-01 §2: per-link sequence number for congestion feedback. */
    TRANSPORT_CC("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", false),
    /** RFC 8843 §15.2: the m-section this packet belongs to (differs per receiver). */
    MID("urn:ietf:params:rtp-hdrext:sdes:mid", false),
    /** RFC 8852: the simulcast encoding (rid) of the packet. */
    RTP_STREAM_ID("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", false),
    REPAIRED_RTP_STREAM_ID("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id", false),
    PLAYOUT_DELAY("http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", true),
    VIDEO_CONTENT_TYPE("http://www.webrtc.org/experiments/rtp-hdrext/video-content-type", true),
    VIDEO_TIMING("http://www.webrtc.org/experiments/rtp-hdrext/video-timing", false),
    COLOR_SPACE("http://www.webrtc.org/experiments/rtp-hdrext/color-space", true);

    private final String uri;
    private final boolean forwardable;

    HeaderExtension(String uri, boolean forwardable) {
        this.uri = uri;
        this.forwardable = forwardable;
    }

    public String uri() {
        return uri;
    }

    /** Whether the value is meaningful to a receiver other than the one the sender addressed. */
    public boolean forwardable() {
        return forwardable;
    }

    public static Optional<HeaderExtension> byUri(String uri) {
        for (HeaderExtension extension : values()) {
            if (extension.uri.equals(uri)) {
                return Optional.of(extension);
            }
        }
        return Optional.empty();
    }
}
