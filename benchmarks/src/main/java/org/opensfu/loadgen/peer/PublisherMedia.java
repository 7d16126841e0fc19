package org.opensfu.loadgen.peer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.rtcp.SenderReport;
import org.opensfu.core.time.Clock;
import org.opensfu.core.util.NtpTime;
import org.opensfu.loadgen.measure.ClientMetrics;
import org.opensfu.loadgen.media.AudioSource;
import org.opensfu.loadgen.media.OutgoingExtensions;
import org.opensfu.loadgen.media.PublishPlan;
import org.opensfu.loadgen.media.RtpSender;
import org.opensfu.loadgen.media.VideoLayerSource;

/**
 * The sending half of a simulated participant: its microphone and camera sources on timers of its media loop (audio
 * every 20 ms; every simulcast layer of a frame at each frame tick, as an encoder emits them, then spread by the
 * pacer every 2 ms), periodic key frames,
 * key frames on PLI/FIR, retransmissions on NACK, and a sender report per SSRC every second (RFC 3550 §6.4.1).
 * Confined to the peer's media loop.
 */
final class PublisherMedia {
    private static final long AUDIO_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long PACING_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int VIDEO_CLOCK_HZ = 90_000;

    private final PublishPlan plan;
    private final RtpSender sender;
    private final Clock clock;
    private final ClientMetrics metrics;
    private final AudioSource audio;
    private final byte[] audioMid;
    private final OutgoingExtensions audioExtensions;
    private final List<VideoLayerSource> layers = new ArrayList<>();
    private final byte[] videoMid;
    private final OutgoingExtensions videoExtensions;
    private final long ticksPerFrame;
    private long videoTimestamp;
    private final List<MediaLoop.ScheduledTask> timers = new ArrayList<>();

    PublisherMedia(PublishPlan plan, OutgoingExtensions audioExtensions, OutgoingExtensions videoExtensions,
                   RtpSender sender, Clock clock, ClientMetrics metrics, SplittableRandom random) {
        this.plan = plan;
        this.sender = sender;
        this.clock = clock;
        this.metrics = metrics;
        this.audioExtensions = audioExtensions;
        this.videoExtensions = videoExtensions;
        PublishPlan.Audio audioPlan = plan.audio();
        this.audio = audioPlan == null ? null : new AudioSource(audioPlan.ssrc(), audioPlan.payloadType(),
                audioPlan.bitrateBps(), random, clock.nowNanos());
        this.audioMid = audioPlan == null ? null : audioPlan.mid().getBytes(StandardCharsets.US_ASCII);
        PublishPlan.Video videoPlan = plan.video();
        if (videoPlan != null) {
            for (int i = 0; i < videoPlan.layers().size(); i++) {
                layers.add(new VideoLayerSource(videoPlan.layers().get(i), videoPlan.ridSimulcast(),
                        videoPlan.ssrcs().get(i), videoPlan.payloadType(), videoPlan.frameRate(), random));
            }
            this.videoMid = videoPlan.mid().getBytes(StandardCharsets.US_ASCII);
            this.ticksPerFrame = Math.round(VIDEO_CLOCK_HZ / videoPlan.frameRate());
        } else {
            this.videoMid = null;
            this.ticksPerFrame = 0;
        }
        this.videoTimestamp = random.nextLong(1L << 32);
    }

    /** Starts the timers (the transport is connected). */
    void start(MediaLoop loop) {
        if (audio != null) {
            timers.add(loop.schedulePeriodic(this::sendAudio, AUDIO_INTERVAL_NANOS, TimeUnit.NANOSECONDS));
        }
        PublishPlan.Video video = plan.video();
        if (video != null) {
            long frameNanos = Math.round(1e9 / video.frameRate());
            timers.add(loop.schedulePeriodic(this::sendFrame, frameNanos, TimeUnit.NANOSECONDS));
            long pacingRateBps = Math.round(video.bitrateBps() * video.pacingFactor());
            sender.setPacingRate(pacingRateBps);
            if (pacingRateBps > 0) {
                timers.add(loop.schedulePeriodic(() -> sender.pace(clock.nowNanos()), PACING_INTERVAL_NANOS,
                        TimeUnit.NANOSECONDS));
            }
            if (video.keyframeInterval().isPositive()) {
                timers.add(loop.schedulePeriodic(this::requestAllKeyframes, video.keyframeInterval().toNanos(),
                        TimeUnit.NANOSECONDS));
            }
        }
    }

    void stop() {
        for (MediaLoop.ScheduledTask timer : timers) {
            timer.cancel();
        }
        timers.clear();
        sender.discardQueued();
    }

    private void sendAudio() {
        audio.emit(sender, audioExtensions, audioMid, clock.nowNanos());
        metrics.mediaPacketsSent.increment();
    }

    private void sendFrame() {
        for (VideoLayerSource layer : layers) {
            long before = layer.packetsSent();
            layer.emitFrame(sender, videoExtensions, videoMid, videoTimestamp);
            metrics.mediaPacketsSent.add(layer.packetsSent() - before);
        }
        videoTimestamp = (videoTimestamp + ticksPerFrame) & 0xFFFFFFFFL;
    }

    private void requestAllKeyframes() {
        for (VideoLayerSource layer : layers) {
            layer.requestKeyframe();
        }
    }

    /** A PLI or FIR for {@code ssrc}: the next frame of that layer is a key frame. */
    boolean onKeyframeRequest(int ssrc) {
        for (VideoLayerSource layer : layers) {
            if (layer.ssrc() == ssrc) {
                layer.requestKeyframe();
                metrics.keyframeRequestsReceived.increment();
                return true;
            }
        }
        return false;
    }

    /** A NACK for {@code sequenceNumbers[0, count)} of {@code ssrc}: resends what is still kept. */
    void onNack(int ssrc, int[] sequenceNumbers, int count) {
        metrics.nacksReceived.add(count);
        for (int i = 0; i < count; i++) {
            if (sender.resend(ssrc, sequenceNumbers[i])) {
                metrics.retransmissionsSent.increment();
            }
        }
    }

    /** Appends one sender report per SSRC (RFC 3550 §6.4.1) to {@code out}. */
    void writeSenderReports(RtcpCompound out) {
        long ntp = NtpTime.fromUnixMillis(clock.wallClockMillis());
        if (audio != null) {
            writeSenderReport(out, audio.ssrc(), ntp, audio.timestamp(), audio.packetsSent());
        }
        for (VideoLayerSource layer : layers) {
            writeSenderReport(out, layer.ssrc(), ntp, videoTimestamp, layer.packetsSent());
        }
    }

    private static void writeSenderReport(RtcpCompound out, int ssrc, long ntp, long rtpTimestamp, long packets) {
        out.ensureRoom(SenderReport.REPORT_BLOCKS_OFFSET);
        out.appended(SenderReport.write(out.array(), out.writeOffset(), ssrc, ntp, rtpTimestamp, packets, 0, 0));
    }
}
