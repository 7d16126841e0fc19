package org.opensfu.loadgen.report;

/**
 * The figures of one step of a ramp, measured over its window (after the joins and a settling time).
 *
 * <p>Forwarded packets are the SFU's own count ({@code sfu_packets_forwarded_total}) when it has one, else what the
 * receivers counted: every media packet the SFU numbered for them, received or lost after repair. CPU is the SFU
 * process's user + system time from {@code /proc}, all threads.
 *
 * @param step                        1-based step number
 * @param perRoom                     the step's value: participants (meeting, audio room) or viewers (webinar) per room
 * @param participants                participants connected during the window, all rooms
 * @param windowSeconds               length of the measurement window
 * @param publishedPacketsPerSecond   media packets the simulated publishers sent (retransmissions excluded)
 * @param forwardedPacketsPerSecond   media packets the SFU forwarded to subscribers
 * @param clientForwardedPacketsPerSecond what the receivers counted (received + lost), for every target
 * @param fanOut                      forwarded per received RTP packet
 * @param forwardedMbps               bits the SFU sent (SRTP and SRTCP), server count or receivers' count
 * @param sfuCpuPercent               SFU CPU in percent of one core
 * @param cpuMicrosPerForwardedPacket SFU CPU per forwarded packet (server count), in µs
 * @param cpuMicrosPerClientPacket    SFU CPU per packet the receivers counted, in µs (the cross-SFU figure)
 * @param transitP50Millis            sender-to-receiver time of original media packets, 50th percentile
 * @param transitP99Millis            99th percentile
 * @param transitMaxMillis            largest
 * @param transitSamples              packets timed
 * @param sfuTransitP50Millis         inside the SFU (arrival to forwarding, its own histogram), 50th percentile;
 *                                    NaN when the SFU has no such metric
 * @param sfuTransitP99Millis         inside the SFU, 99th percentile
 * @param packetsExpected             sequence numbers settled in the window (received or lost)
 * @param packetsLost                 never received within the 1 s repair window
 * @param lossPercent                 lost per expected
 * @param joins                       participants that joined during this step
 * @param joinFailures                participants that could not
 * @param joinP50Millis               signaling connect to media connected, 50th percentile
 * @param joinP99Millis               99th percentile
 * @param residentMegabytes           SFU VmRSS at the end of the window
 * @param loadGeneratorCpuPercent     the load generator's own CPU, percent of one core
 * @param nacksSent                   sequence numbers the receivers NACKed
 * @param plisSent                    PLIs the receivers sent
 * @param retransmissionsReceived     RTX packets the receivers got
 * @param keyframeRequestsReceived    PLI/FIR the publishers got
 * @param machineLoadAverage          the machine's 1-minute load average at the end of the window (other tenants'
 *                                    work shows here: figures taken above the core count are contended)
 */
public record StepResult(int step, int perRoom, int participants, double windowSeconds,
                         double publishedPacketsPerSecond, double forwardedPacketsPerSecond,
                         double clientForwardedPacketsPerSecond, double fanOut, double forwardedMbps,
                         double sfuCpuPercent, double cpuMicrosPerForwardedPacket, double cpuMicrosPerClientPacket,
                         double transitP50Millis, double transitP99Millis, double transitMaxMillis,
                         long transitSamples, double sfuTransitP50Millis, double sfuTransitP99Millis,
                         long packetsExpected, long packetsLost, double lossPercent, long joins,
                         long joinFailures, double joinP50Millis, double joinP99Millis, double residentMegabytes,
                         double loadGeneratorCpuPercent, long nacksSent, long plisSent, long retransmissionsReceived,
                         long keyframeRequestsReceived, double machineLoadAverage) {
}
