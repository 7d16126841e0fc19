package org.opensfu.loadgen.signaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.sdp.Codec;
import org.opensfu.core.sdp.Direction;
import org.opensfu.core.sdp.ExtMap;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.MediaDescriptionBuilder;
import org.opensfu.core.sdp.Origin;
import org.opensfu.core.sdp.RtcpFeedback;
import org.opensfu.core.sdp.SessionDescription;
import org.opensfu.core.sdp.SessionDescriptionBuilder;
import org.opensfu.core.sdp.SetupRole;

/**
 * Answers an SFU's offer for a receive-only peer connection (JSEP, RFC 8829 §5.3), as a browser would for Janus'
 * subscriber offers: each offered audio or video section is accepted {@code recvonly} (or {@code inactive} if offered
 * so) with Opus or VP8 (and its RTX, RFC 4588) and the offered RTCP feedback and header extensions we understand,
 * under the offer's IDs (RFC 8285 §6); anything else (data channels, other codecs) is rejected with port 0. Everything
 * accepted is bundled; we take {@code a=setup:active}, so we are the DTLS client.
 */
public final class AnswerSdp {
    private static final List<HeaderExtension> UNDERSTOOD = List.of(HeaderExtension.AUDIO_LEVEL,
            HeaderExtension.TRANSPORT_CC, HeaderExtension.MID);

    private AnswerSdp() {
    }

    public static String write(LocalTransport local, SessionDescription offer, long sessionId, long version) {
        SessionDescriptionBuilder answer = SessionDescription.builder().origin(Origin.of(sessionId, version));
        List<String> bundle = new ArrayList<>();
        boolean first = true;
        for (MediaDescription offered : offer.media()) {
            Optional<Codec> codec = codecFor(offered);
            if (offered.isRejected() || offered.mid().isEmpty() || codec.isEmpty()) {
                answer.media(rejected(offered));
                continue;
            }
            answer.media(accepted(offered, offer.effectiveDirection(offered), codec.get(), local, first));
            bundle.add(offered.mid().get());
            first = false;
        }
        if (bundle.isEmpty()) {
            throw new IllegalArgumentException("nothing in the offer can be received");
        }
        answer.bundle(bundle);
        return answer.build().write();
    }

    private static Optional<Codec> codecFor(MediaDescription offered) {
        String name = switch (offered.mediaType()) {
            case MediaDescription.AUDIO -> "opus";
            case MediaDescription.VIDEO -> "VP8";
            default -> null;
        };
        if (name == null || !MediaDescription.UDP_TLS_RTP_SAVPF.equals(offered.protocol())) {
            return Optional.empty();
        }
        return offered.codecs().stream().filter(c -> c.encodingName().equalsIgnoreCase(name)).findFirst();
    }

    private static MediaDescription accepted(MediaDescription offered, Direction offeredDirection, Codec codec,
                                             LocalTransport local, boolean first) {
        MediaDescriptionBuilder section = local.section(offered.mediaType(), offered.protocol(),
                offered.mid().orElseThrow(), SetupRole.ACTIVE, first);
        for (ExtMap extmap : offered.extmaps()) {
            if (UNDERSTOOD.stream().anyMatch(e -> e.uri().equals(extmap.uri())) && extmap.id() <= 14) {
                section.extmap(extmap.id(), extmap.uri());
            }
        }
        section.direction(offeredDirection.sends() ? Direction.RECVONLY : Direction.INACTIVE);
        section.rtcpMux();
        if (offered.rtcpRsize()) {
            section.rtcpRsize();
        }
        section.codec(new Codec(codec.rtpMap(), codec.parameters(), understoodFeedback(codec)));
        offered.codecs().stream()
                .filter(c -> c.isRtx() && c.associatedPayloadType().orElse(-1) == codec.payloadType())
                .findFirst()
                .ifPresent(rtx -> section.codec(new Codec(rtx.rtpMap(), rtx.parameters(), List.of())));
        return section.build();
    }

    private static List<RtcpFeedback> understoodFeedback(Codec codec) {
        List<RtcpFeedback> feedback = new ArrayList<>();
        for (RtcpFeedback offered : codec.feedback()) {
            boolean understood = switch (offered.type()) {
                case RtcpFeedback.TRANSPORT_CC -> true;
                case RtcpFeedback.NACK -> offered.parameter() == null || RtcpFeedback.PLI.equals(offered.parameter());
                case RtcpFeedback.CCM -> RtcpFeedback.FIR.equals(offered.parameter());
                default -> false;
            };
            if (understood) {
                feedback.add(new RtcpFeedback(codec.payloadType(), offered.type(), offered.parameter()));
            }
        }
        return feedback;
    }

    private static MediaDescription rejected(MediaDescription offered) {
        List<String> formats = offered.formats().isEmpty() ? List.of("0") : offered.formats();
        MediaDescriptionBuilder section = MediaDescription.builder(offered.mediaType(), 0, offered.protocol(),
                formats);
        offered.mid().ifPresent(section::mid);
        return section.build();
    }
}
