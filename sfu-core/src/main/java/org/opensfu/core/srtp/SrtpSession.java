package org.opensfu.core.srtp;

import java.security.GeneralSecurityException;
import java.util.logging.Level;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.LoggerImpl;
import org.opensfu.core.util.Bytes;
import org.opensfu.core.util.IntObjectMap;

/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for one DTLS-SRTP association, with jitsi-srtp doing the cryptography in place.
 *
 * <p>Keeps one crypto context per SSRC and direction (RFC 3711 §3.2.3), capped at {@link #MAX_SSRCS}. A receive
 * context is kept only after a packet authenticated with it, so forged packets with random SSRCs leave no state.
 * Replay protection is on for receiving and off for sending (retransmissions reuse sequence numbers).
 *
 * <p>Thread confinement: one media loop thread per session. jitsi-srtp's contexts are synchronized, so the locks are
 * never contended.
 */
public final class SrtpSession implements AutoCloseable {
    /** Per direction; more SSRCs than this on one transport is abuse. */
    public static final int MAX_SSRCS = 1024;
    /** RTCP header bytes before the sender SSRC (RFC 3550 §6.4.1). */
    private static final int RTCP_SSRC_OFFSET = 4;
    private static final int RTP_SSRC_OFFSET = 8;

    private final SrtpProfile profile;
    private final SrtpContextFactory senderFactory;
    private final SrtpContextFactory receiverFactory;
    private final IntObjectMap<SrtpCryptoContext> rtpSend = new IntObjectMap<>();
    private final IntObjectMap<SrtpCryptoContext> rtpReceive = new IntObjectMap<>();
    private final IntObjectMap<SrtcpCryptoContext> rtcpSend = new IntObjectMap<>();
    private final IntObjectMap<SrtcpCryptoContext> rtcpReceive = new IntObjectMap<>();
    private final LoggerImpl quietLogger = new LoggerImpl(SrtpSession.class.getName(), Level.OFF);
    private boolean closed;

    public SrtpSession(SrtpKeyingMaterial keys) {
        this.profile = keys.profile();
        this.senderFactory = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(),
                profile.newPolicy(false), profile.newPolicy(true), quietLogger);
        this.receiverFactory = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(),
                profile.newPolicy(false), profile.newPolicy(true), quietLogger);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts and authenticates an RTP packet in place; the buffer grows by the tag. */
    public SrtpResult protectRtp(ByteArrayBuffer packet) {
        if (closed || packet.getLength() < 12) {
            return SrtpResult.INVALID;
        }
        int ssrc = readInt(packet, RTP_SSRC_OFFSET);
        SrtpCryptoContext context = rtpSend.get(ssrc);
        try {
            if (context == null) {
                if (rtpSend.size() >= MAX_SSRCS) {
                    return SrtpResult.SSRC_LIMIT;
                }
                context = senderFactory.deriveContext(ssrc, 0);
                rtpSend.put(ssrc, context);
            }
            return map(context.transformPacket(packet));
        } catch (GeneralSecurityException | RuntimeException e) {
            return SrtpResult.CRYPTO_ERROR;
        }
    }

    /** Authenticates, replay-checks and decrypts an SRTP packet in place; the buffer shrinks by the tag. */
    public SrtpResult unprotectRtp(ByteArrayBuffer packet) {
        if (closed || packet.getLength() < 12 + profile.rtpTagLength()) {
            return SrtpResult.INVALID;
        }
        int ssrc = readInt(packet, RTP_SSRC_OFFSET);
        SrtpCryptoContext context = rtpReceive.get(ssrc);
        try {
            if (context != null) {
                return map(context.reverseTransformPacket(packet, false));
            }
            if (rtpReceive.size() >= MAX_SSRCS) {
                return SrtpResult.SSRC_LIMIT;
            }
            context = receiverFactory.deriveContext(ssrc, 0);
            SrtpResult result = map(context.reverseTransformPacket(packet, false));
            if (result == SrtpResult.OK) {
                rtpReceive.put(ssrc, context);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException e) {
            return SrtpResult.CRYPTO_ERROR;
        }
    }

    /** Encrypts and authenticates a (compound) RTCP packet in place (RFC 3711 §3.4). */
    public SrtpResult protectRtcp(ByteArrayBuffer packet) {
        if (closed || packet.getLength() < 8) {
            return SrtpResult.INVALID;
        }
        int ssrc = readInt(packet, RTCP_SSRC_OFFSET);
        SrtcpCryptoContext context = rtcpSend.get(ssrc);
        try {
            if (context == null) {
                if (rtcpSend.size() >= MAX_SSRCS) {
                    return SrtpResult.SSRC_LIMIT;
                }
                context = senderFactory.deriveControlContext(ssrc);
                rtcpSend.put(ssrc, context);
            }
            return map(context.transformPacket(packet));
        } catch (GeneralSecurityException | RuntimeException e) {
            return SrtpResult.CRYPTO_ERROR;
        }
    }

    /** Authenticates, replay-checks and decrypts an SRTCP packet in place. */
    public SrtpResult unprotectRtcp(ByteArrayBuffer packet) {
        if (closed || packet.getLength() < 8 + 4 + profile.rtcpTagLength()) {
            return SrtpResult.INVALID;
        }
        int ssrc = readInt(packet, RTCP_SSRC_OFFSET);
        SrtcpCryptoContext context = rtcpReceive.get(ssrc);
        try {
            if (context != null) {
                return map(context.reverseTransformPacket(packet));
            }
            if (rtcpReceive.size() >= MAX_SSRCS) {
                return SrtpResult.SSRC_LIMIT;
            }
            context = receiverFactory.deriveControlContext(ssrc);
            SrtpResult result = map(context.reverseTransformPacket(packet));
            if (result == SrtpResult.OK) {
                rtcpReceive.put(ssrc, context);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException e) {
            return SrtpResult.CRYPTO_ERROR;
        }
    }

    /** Forgets the contexts of an SSRC that left (both directions). */
    public void removeSsrc(int ssrc) {
        rtpSend.remove(ssrc);
        rtpReceive.remove(ssrc);
        rtcpSend.remove(ssrc);
        rtcpReceive.remove(ssrc);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rtpSend.clear();
        rtpReceive.clear();
        rtcpSend.clear();
        rtcpReceive.clear();
        senderFactory.close();
        receiverFactory.close();
    }

    private static int readInt(ByteArrayBuffer packet, int at) {
        return Bytes.readInt32(packet.getBuffer(), packet.getOffset() + at);
    }

    private static SrtpResult map(SrtpErrorStatus status) {
        return switch (status) {
            case OK -> SrtpResult.OK;
            case AUTH_FAIL -> SrtpResult.AUTH_FAILED;
            case REPLAY_FAIL, REPLAY_OLD -> SrtpResult.REPLAYED;
            case INVALID_PACKET -> SrtpResult.INVALID;
            case FAIL -> SrtpResult.CRYPTO_ERROR;
        };
    }
}
