package org.opensfu.server.ops;

/**
 * One reading of this server's load.
 *
 * @param cpu              CPU used by this process over the last interval, as a fraction of all cores (0 to 1)
 * @param packetsPerSecond RTP and RTCP packets received plus sent per second over the last interval
 * @param stress           the larger of cpu / max-cpu and packetsPerSecond / max-packet-rate: 1 or more is overload
 */
public record LoadSample(double cpu, double packetsPerSecond, double stress) {
    public static final LoadSample IDLE = new LoadSample(0, 0, 0);

    public boolean overloaded() {
        return stress >= 1;
    }
}
