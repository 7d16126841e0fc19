package org.opensfu.api.rest;

/**
 * Body of {@code GET /api/v1/load}: this server's load signal, for load balancers and placement.
 *
 * @param node             the server's {@code sfu.node.id}
 * @param state            {@code SERVING}, {@code DRAINING} or {@code DRAINED}
 * @param ready            whether it takes new rooms (as {@code /health/ready})
 * @param overloaded       whether a load threshold is exceeded
 * @param stress           the larger of cpu / max-cpu and packetsPerSecond / max-packet-rate; 1 or more is overload
 * @param cpu              CPU used by the process, as a fraction of all cores (0 to 1)
 * @param packetsPerSecond RTP and RTCP packets received plus sent per second
 * @param rooms            rooms on this server
 * @param participants     participants in them
 */
public record LoadReport(String node, String state, boolean ready, boolean overloaded, double stress, double cpu,
                         double packetsPerSecond, int rooms, int participants) {
}
