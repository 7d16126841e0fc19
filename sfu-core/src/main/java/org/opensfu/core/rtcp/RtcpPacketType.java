package org.opensfu.core.rtcp;

/**
 * RTCP packet type (PT) values and the feedback message types (FMT) carried in the count field
 * of transport-layer (RTPFB) and payload-specific (PSFB) feedback.
 *
 * <p>Sources: RFC 3550 §12.1 (SR, RR, SDES, BYE, APP), RFC 3611 §5 (XR), RFC 4585 §6.1 and §6.2.1,
 * §6.3 (RTPFB, PSFB, NACK, PLI), RFC 5104 §4.3.1 (FIR), draft-alvestrand-rmcat-remb-03 §2.2
 * (REMB as an application-layer PSFB), draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1
 * (transport-wide congestion control feedback).
 */
public final class RtcpPacketType {
    private RtcpPacketType() {
    }

    /** Sender report, RFC 3550 §6.4.1. */
    public static final int SR = 200;
    /** Receiver report, RFC 3550 §6.4.2. */
    public static final int RR = 201;
    /** Source description, RFC 3550 §6.5. */
    public static final int SDES = 202;
    /** Goodbye, RFC 3550 §6.6. */
    public static final int BYE = 203;
    /** Application-defined, RFC 3550 §6.7. */
    public static final int APP = 204;
    /** Transport-layer feedback, RFC 4585 §6.1. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback, RFC 4585 §6.1. */
    public static final int PSFB = 206;
    /** Extended report, RFC 3611. */
    public static final int XR = 207;

    /** RTPFB FMT: generic NACK, RFC 4585 §6.2.1. */
    public static final int FMT_RTPFB_NACK = 1;
    /** RTPFB FMT: transport-wide congestion control feedback (draft-holmer-...-01 §3.1). */
    public static final int FMT_RTPFB_TRANSPORT_CC = 15;

    /** PSFB FMT: picture loss indication, RFC 4585 §6.3.1. */
    public static final int FMT_PSFB_PLI = 1;
    /** PSFB FMT: full intra request, RFC 5104 §4.3.1. */
    public static final int FMT_PSFB_FIR = 4;
    /** PSFB FMT: application layer feedback, RFC 4585 §6.4; used by REMB. */
    public static final int FMT_PSFB_AFB = 15;

    /** True for the packet types of RFC 3550 §12.1 and the feedback/XR types above (200..207). */
    public static boolean isKnown(int packetType) {
        return packetType >= SR && packetType <= XR;
    }
}
