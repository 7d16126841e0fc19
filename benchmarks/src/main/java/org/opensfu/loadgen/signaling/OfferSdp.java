package org.opensfu.loadgen.signaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opensfu.core.sdp.Codec;
import org.opensfu.core.sdp.Direction;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.MediaDescriptionBuilder;
import org.opensfu.core.sdp.MsidSemantic;
import org.opensfu.core.sdp.Origin;
import org.opensfu.core.sdp.RidDirection;
import org.opensfu.core.sdp.RtcpFeedback;
import org.opensfu.core.sdp.RtpMap;
import org.opensfu.core.sdp.SessionDescription;
import org.opensfu.core.sdp.SessionDescriptionBuilder;
import org.opensfu.core.sdp.SetupRole;
import org.opensfu.core.sdp.Simulcast;
import org.opensfu.core.sdp.SsrcGroup;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.loadgen.media.LayerSpec;
import org.opensfu.loadgen.media.PublishPlan;

/**
 * Writes the SDP offer (JSEP, RFC 8829 §5.2) of a simulated participant's one peer connection the way Chrome does:
 * one BUNDLE group (RFC 8843), rtcp-mux and rtcp-rsize, ICE credentials, fingerprint and {@code a=setup:actpass} on
 * every section, our host candidates on the first. Published media first (Opus; VP8 with simulcast by rid, RFC
 * 8851/8853, or by {@code a=ssrc-group:SIM}), then one {@code recvonly} (or, for a track gone, {@code inactive})
 * section per subscription, offering VP8 with RTX (RFC 4588) for video. Header extension IDs are Chrome's.
 */
public final class OfferSdp {
    public static final int AUDIO_LEVEL_ID = 1;
    public static final int TRANSPORT_CC_ID = 3;
    public static final int MID_ID = 4;
    public static final int RID_ID = 10;
    public static final int REPAIRED_RID_ID = 11;
    public static final int OPUS_PAYLOAD_TYPE = 111;
    public static final int VP8_PAYLOAD_TYPE = 96;
    public static final int RTX_PAYLOAD_TYPE = 97;

    private OfferSdp() {
    }

    /** A receiving m-section: {@code recvonly} while {@code active}, else {@code inactive} (a track that went away). */
    public record ReceiveSection(String mid, boolean video, boolean active) {
    }

    /**
     * @param streamId  the {@code a=msid} stream id of published tracks
     * @param cname     the RTCP CNAME of our SSRCs
     * @param version   the {@code o=} session version, increased with every offer
     */
    public static String write(LocalTransport local, PublishPlan plan, List<ReceiveSection> receive, String streamId,
                               String cname, long sessionId, long version) {
        SessionDescriptionBuilder sdp = SessionDescription.builder()
                .origin(Origin.of(sessionId, version))
                .msidSemantic(new MsidSemantic(MsidSemantic.WMS, List.of(streamId)));
        List<MediaDescription> sections = new ArrayList<>();
        if (plan.audio() != null) {
            sections.add(publishAudio(local, plan.audio(), streamId, cname, sections.isEmpty()));
        }
        if (plan.video() != null) {
            sections.add(publishVideo(local, plan.video(), streamId, cname, sections.isEmpty()));
        }
        for (ReceiveSection section : receive) {
            sections.add(receive(local, section, sections.isEmpty()));
        }
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one media section");
        }
        List<String> mids = new ArrayList<>();
        for (MediaDescription section : sections) {
            mids.add(section.mid().orElseThrow());
        }
        sdp.bundle(mids);
        sdp.media(sections);
        return sdp.build().write();
    }

    private static MediaDescription publishAudio(LocalTransport local, PublishPlan.Audio audio, String streamId,
                                                 String cname, boolean first) {
        MediaDescriptionBuilder section = start(MediaDescription.AUDIO, local, audio.mid(), first);
        section.extmap(AUDIO_LEVEL_ID, HeaderExtension.AUDIO_LEVEL.uri());
        section.extmap(TRANSPORT_CC_ID, HeaderExtension.TRANSPORT_CC.uri());
        section.extmap(MID_ID, HeaderExtension.MID.uri());
        section.direction(Direction.SENDONLY);
        section.msid(streamId, streamId + "-audio");
        finish(section);
        section.codec(opus(audio.payloadType()));
        section.ssrc(Integer.toUnsignedLong(audio.ssrc()), "cname", cname);
        return section.build();
    }

    private static MediaDescription publishVideo(LocalTransport local, PublishPlan.Video video, String streamId,
                                                 String cname, boolean first) {
        MediaDescriptionBuilder section = start(MediaDescription.VIDEO, local, video.mid(), first);
        section.extmap(TRANSPORT_CC_ID, HeaderExtension.TRANSPORT_CC.uri());
        section.extmap(MID_ID, HeaderExtension.MID.uri());
        if (video.simulcast() && video.ridSimulcast()) {
            section.extmap(RID_ID, HeaderExtension.RTP_STREAM_ID.uri());
            section.extmap(REPAIRED_RID_ID, HeaderExtension.REPAIRED_RTP_STREAM_ID.uri());
        }
        section.direction(Direction.SENDONLY);
        section.msid(streamId, streamId + "-video");
        finish(section);
        section.codec(vp8(video.payloadType()));
        if (video.simulcast() && video.ridSimulcast()) {
            List<String> rids = new ArrayList<>();
            for (LayerSpec layer : video.layers()) {
                section.rid(layer.rid(), RidDirection.SEND);
                rids.add(layer.rid());
            }
            section.simulcast(Simulcast.send(rids.toArray(String[]::new)));
        } else {
            if (video.simulcast()) {
                long[] ssrcs = video.ssrcs().stream().mapToLong(Integer::toUnsignedLong).toArray();
                section.ssrcGroup(SsrcGroup.SIM, ssrcs);
            }
            for (int ssrc : video.ssrcs()) {
                section.ssrc(Integer.toUnsignedLong(ssrc), "cname", cname);
                section.ssrc(Integer.toUnsignedLong(ssrc), "msid", streamId + " " + streamId + "-video");
            }
        }
        return section.build();
    }

    private static MediaDescription receive(LocalTransport local, ReceiveSection receive, boolean first) {
        MediaDescriptionBuilder section = start(receive.video() ? MediaDescription.VIDEO : MediaDescription.AUDIO,
                local, receive.mid(), first);
        if (!receive.video()) {
            section.extmap(AUDIO_LEVEL_ID, HeaderExtension.AUDIO_LEVEL.uri());
        }
        section.extmap(TRANSPORT_CC_ID, HeaderExtension.TRANSPORT_CC.uri());
        section.extmap(MID_ID, HeaderExtension.MID.uri());
        section.direction(receive.active() ? Direction.RECVONLY : Direction.INACTIVE);
        finish(section);
        if (receive.video()) {
            section.codec(vp8(VP8_PAYLOAD_TYPE));
            section.codec(new Codec(new RtpMap(RTX_PAYLOAD_TYPE, Codec.RTX, 90_000),
                    Map.of(Codec.APT, String.valueOf(VP8_PAYLOAD_TYPE)), List.of()));
        } else {
            section.codec(opus(OPUS_PAYLOAD_TYPE));
        }
        return section.build();
    }

    private static Codec opus(int payloadType) {
        return new Codec(new RtpMap(payloadType, "opus", 48_000, 2), Map.of("minptime", "10", "useinbandfec", "1"),
                List.of(new RtcpFeedback(payloadType, RtcpFeedback.TRANSPORT_CC)));
    }

    private static Codec vp8(int payloadType) {
        return new Codec(new RtpMap(payloadType, "VP8", 90_000), Map.of(), List.of(
                new RtcpFeedback(payloadType, RtcpFeedback.TRANSPORT_CC),
                new RtcpFeedback(payloadType, RtcpFeedback.CCM, RtcpFeedback.FIR),
                new RtcpFeedback(payloadType, RtcpFeedback.NACK),
                new RtcpFeedback(payloadType, RtcpFeedback.NACK, RtcpFeedback.PLI)));
    }

    private static MediaDescriptionBuilder start(String mediaType, LocalTransport local, String mid, boolean first) {
        return local.section(mediaType, MediaDescription.UDP_TLS_RTP_SAVPF, mid, SetupRole.ACTPASS, first);
    }

    private static void finish(MediaDescriptionBuilder section) {
        section.rtcpMux();
        section.rtcpRsize();
    }
}
