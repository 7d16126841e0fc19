package org.opensfu.loadgen.signaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.sdp.IceDtlsParameters;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.SdpParseException;
import org.opensfu.core.sdp.SessionDescription;
import org.opensfu.core.sdp.SsrcGroup;
import org.opensfu.core.transport.RemoteTransportParameters;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.loadgen.media.OutgoingExtensions;
import org.opensfu.loadgen.peer.StreamInfo;

/**
 * Reads what a simulated participant needs from the SFU's SDP (an answer from OpenSFU, an offer from Janus): the
 * transport parameters of the BUNDLE transport, and per m-section the SSRCs it will receive (with the RTX SSRC of an
 * {@code a=ssrc-group:FID}, RFC 4588 §8) and the header extension IDs it may send with (RFC 8285 §5).
 */
public final class RemoteSdp {
    private final SessionDescription sdp;

    private RemoteSdp(SessionDescription sdp) {
        this.sdp = sdp;
    }

    /** @throws IllegalArgumentException if the text is not SDP */
    public static RemoteSdp parse(String text) {
        try {
            return new RemoteSdp(SessionDescription.parse(text));
        } catch (SdpParseException e) {
            throw new IllegalArgumentException("the SFU sent invalid SDP: " + e.getMessage(), e);
        }
    }

    public SessionDescription description() {
        return sdp;
    }

    public List<MediaDescription> sections() {
        return sdp.media();
    }

    public Optional<MediaDescription> section(String mid) {
        return sdp.mediaByMid(mid);
    }

    /**
     * ICE credentials and fingerprint of the first accepted section (BUNDLE puts everything on it) and the candidates
     * of every section.
     *
     * @throws IllegalArgumentException if no accepted section carries them
     */
    public RemoteTransportParameters transport() {
        List<IceCandidate> candidates = new ArrayList<>();
        for (MediaDescription section : sdp.media()) {
            for (IceCandidate candidate : section.candidates()) {
                if (!candidates.contains(candidate)) {
                    candidates.add(candidate);
                }
            }
        }
        for (MediaDescription section : sdp.media()) {
            if (section.isRejected()) {
                continue;
            }
            IceDtlsParameters parameters = sdp.iceDtlsParameters(section);
            if (parameters.iceParameters().isPresent() && parameters.fingerprint().isPresent()) {
                return new RemoteTransportParameters(parameters.iceParameters().get(), candidates,
                        parameters.fingerprint().get());
            }
        }
        throw new IllegalArgumentException("the SDP has no ICE credentials or fingerprint");
    }

    /** The ID a section gives an extension, 0 when it has none. */
    public static int extensionId(MediaDescription section, HeaderExtension extension) {
        return section.extmapId(extension.uri()).orElse(0);
    }

    /** What we may stamp on packets we send on a section. */
    public static OutgoingExtensions outgoing(MediaDescription section, boolean video, boolean ridSimulcast) {
        int audioLevel = video ? 0 : extensionId(section, HeaderExtension.AUDIO_LEVEL);
        int rid = video && ridSimulcast ? extensionId(section, HeaderExtension.RTP_STREAM_ID) : 0;
        return new OutgoingExtensions(limit(extensionId(section, HeaderExtension.MID)), limit(rid),
                limit(extensionId(section, HeaderExtension.TRANSPORT_CC)), limit(audioLevel));
    }

    /** IDs above 14 need the two-byte form, which our sender does not write: such an extension is not sent. */
    private static int limit(int id) {
        return id <= 14 ? id : 0;
    }

    /**
     * The stream a section sends us: its media SSRC (the first one not listed as the second of an FID group) and the
     * RTX SSRC paired with it; empty when the section announces no SSRC.
     */
    public static Optional<StreamInfo> stream(MediaDescription section, boolean video, String trackId,
                                              String publisherId) {
        List<Long> repairSsrcs = new ArrayList<>();
        long rtx = 0;
        for (SsrcGroup group : section.ssrcGroups()) {
            if (SsrcGroup.FID.equals(group.semantics()) && group.ssrcs().size() == 2) {
                repairSsrcs.add(group.ssrcs().get(1));
            }
        }
        for (long ssrc : section.ssrcIds()) {
            if (repairSsrcs.contains(ssrc)) {
                continue;
            }
            for (SsrcGroup group : section.ssrcGroups()) {
                if (SsrcGroup.FID.equals(group.semantics()) && group.ssrcs().size() == 2
                        && group.ssrcs().get(0) == ssrc) {
                    rtx = group.ssrcs().get(1);
                }
            }
            return Optional.of(new StreamInfo((int) ssrc, (int) rtx, video, trackId, publisherId));
        }
        return Optional.empty();
    }
}
