package org.opensfu.loadgen.measure;

/**
 * The SFU process at one instant: its CPU time and memory from /proc, and (OpenSFU only) its own counters from
 * {@code /metrics}.
 *
 * @param atNanos            when ({@code System.nanoTime()})
 * @param cpuNanos           user + system CPU of all its threads so far
 * @param residentBytes      VmRSS
 * @param metrics            whether the counters below were read (false for Janus)
 * @param packetsForwarded   {@code sfu_packets_forwarded_total}: media packets sent to subscribers
 * @param rtpPacketsSent     {@code sfu_packets_sent_total{type="rtp"}}: forwarded, retransmitted and padding
 * @param rtpPacketsReceived {@code sfu_packets_received_total{type="rtp"}}
 * @param bytesSent          {@code sfu_sent_bytes_total}: SRTP and SRTCP bytes on the wire
 * @param packetsDropped     {@code sfu_packets_dropped_total}, all reasons
 * @param transit            {@code sfu_transit_time_seconds}: arrival to forwarding inside the SFU, or null
 */
public record ServerSample(long atNanos, long cpuNanos, long residentBytes, boolean metrics, long packetsForwarded,
                           long rtpPacketsSent, long rtpPacketsReceived, long bytesSent, long packetsDropped,
                           HistogramBuckets transit) {
}
