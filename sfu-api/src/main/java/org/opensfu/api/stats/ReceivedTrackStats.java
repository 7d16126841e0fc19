package org.opensfu.api.stats;

/**
 * A track as the SFU sends it to one subscriber.
 *
 * @param trackId             the track
 * @param kind                "audio" or "video"
 * @param ssrc                the SSRC we send it with
 * @param packetsSent         RTP packets forwarded (not counting retransmissions and padding)
 * @param retransmissionsSent packets resent after the subscriber's NACKs
 * @param paddingPacketsSent  padding packets sent on its RTX stream to probe bandwidth
 * @param currentSpatialLayer the simulcast layer forwarded now, -1 for none (video)
 * @param currentTemporalLayer the highest temporal layer forwarded now, -1 for none (video)
 * @param targetSpatialLayer  the simulcast layer the allocation chose, -1 for paused (video)
 * @param targetTemporalLayer the temporal layer the allocation chose, -1 for paused (video)
 * @param spatialSwitches     simulcast layer switches so far (video)
 * @param maxHeightPx         the subscriber's height limit for it, -1 for none
 * @param onStage             whether the subscriber shows it large
 */
public record ReceivedTrackStats(String trackId, String kind, long ssrc, long packetsSent, long retransmissionsSent,
                                 long paddingPacketsSent, int currentSpatialLayer, int currentTemporalLayer,
                                 int targetSpatialLayer, int targetTemporalLayer, long spatialSwitches,
                                 int maxHeightPx, boolean onStage) {
}
