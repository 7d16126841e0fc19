package org.opensfu.loadgen.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.opensfu.loadgen.measure.ClientMetrics;
import org.opensfu.loadgen.measure.ClientSnapshot;
import org.opensfu.loadgen.measure.ProcessStats;
import org.opensfu.loadgen.measure.ServerProbe;
import org.opensfu.loadgen.measure.ServerSample;

/**
 * The live line: once a second, what the receivers got and the SFU's CPU over the last second (cheap reads only:
 * counters and {@code /proc}, never {@code /metrics}). On a terminal it rewrites itself; otherwise one line every
 * {@value #PLAIN_EVERY} updates.
 */
final class ProgressLine {
    private static final int PLAIN_EVERY = 5;

    private final PrintStream out;
    private final boolean terminal;
    private final ServerProbe server;
    private final ClientMetrics metrics;
    private final ProcessStats self = ProcessStats.self();
    private ClientSnapshot lastClient;
    private ServerSample lastServer;
    private long lastSelfCpuNanos;
    private int updates;

    ProgressLine(PrintStream out, boolean terminal, ServerProbe server, ClientMetrics metrics) {
        this.out = out;
        this.terminal = terminal;
        this.server = server;
        this.metrics = metrics;
    }

    /** Prints the line for the last second, prefixed with {@code phase} (e.g. "step 2/3 measuring 12/20 s"). */
    void update(String phase, int participants) {
        try {
            ClientSnapshot client = metrics.snapshot(System.nanoTime());
            ServerSample sample = server.sampleProcess();
            long selfCpu = self.cpuNanos();
            if (lastClient != null) {
                ClientSnapshot delta = client.minus(lastClient);
                double seconds = Math.max(1e-3, delta.seconds());
                double sfuCpu = (sample.cpuNanos() - lastServer.cpuNanos()) / 1e7 / seconds;
                double selfPercent = (selfCpu - lastSelfCpuNanos) / 1e7 / seconds;
                double received = delta.mediaPacketsReceived() / seconds;
                String line = String.format(Locale.ROOT,
                        "%s | %d joined | recv %.0f pkt/s | sent %.0f pkt/s | SFU CPU %.0f%% | loadgen CPU %.0f%% "
                                + "| lost %d | RSS %.0f MB", phase, participants, received,
                        delta.mediaPacketsSent() / seconds, sfuCpu, selfPercent, delta.packetsLost(),
                        sample.residentBytes() / 1048576.0);
                if (terminal) {
                    out.print("\r" + line + "\u001b[K");
                    out.flush();
                } else if (updates++ % PLAIN_EVERY == 0) {
                    out.println(line);
                }
            }
            lastClient = client;
            lastServer = sample;
            lastSelfCpuNanos = selfCpu;
        } catch (IOException e) {
            out.println("(cannot read the SFU process: " + e.getMessage() + ")");
        }
    }

    /** Ends the rewritten line. */
    void finishLine() {
        if (terminal) {
            out.println();
        }
    }
}
