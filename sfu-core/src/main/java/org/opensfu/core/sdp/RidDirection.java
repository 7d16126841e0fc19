package org.opensfu.core.sdp;

/** Direction of an {@code a=rid} line (RFC 8851 §4): the RTP stream is sent or received by the describing side. */
public enum RidDirection {
    SEND("send"),
    RECV("recv");

    private final String sdpValue;

    RidDirection(String sdpValue) {
        this.sdpValue = sdpValue;
    }

    public String sdpValue() {
        return sdpValue;
    }

    /** The direction seen from the other side. */
    public RidDirection reversed() {
        return this == SEND ? RECV : SEND;
    }

    static RidDirection parse(String value) {
        return switch (value) {
            case "send" -> SEND;
            case "recv" -> RECV;
            default -> throw new IllegalArgumentException(
                    "rid direction " + SdpSyntax.quote(value) + " is not send or recv");
        };
    }
}
