package org.opensfu.loadgen.measure;

import java.io.IOException;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.opensfu.loadgen.report.StepResult;

/**
 * One step's measurement: samples the SFU, the receivers' counters and the load generator's own CPU when it opens
 * and when it closes, and turns the differences into a {@link StepResult}. Transit times are those recorded while it
 * was open (the histogram interval is reset when it opens).
 */
public final class MeasurementWindow {
    private final ServerProbe server;
    private final ClientMetrics metrics;
    private final LongSupplier clientBytesReceived;
    private final ProcessStats loadGenerator = ProcessStats.self();
    private long clientBytesStart;
    private ServerSample serverStart;
    private ClientSnapshot clientStart;
    private long loadGeneratorCpuStart;

    /** @param clientBytesReceived SRTP and SRTCP bytes all participants received so far */
    public MeasurementWindow(ServerProbe server, ClientMetrics metrics, LongSupplier clientBytesReceived) {
        this.server = server;
        this.metrics = metrics;
        this.clientBytesReceived = clientBytesReceived;
    }

    public void open() throws IOException, InterruptedException {
        metrics.takeTransitInterval(); // drop what came before
        serverStart = server.sample();
        clientStart = metrics.snapshot(System.nanoTime());
        loadGeneratorCpuStart = loadGenerator.cpuNanos();
        clientBytesStart = clientBytesReceived.getAsLong();
    }

    /**
     * @param joins  the join times of this step's participants
     */
    public StepResult close(int step, int perRoom, int participants, Histogram joins, long joinFailures)
            throws IOException, InterruptedException {
        ServerSample serverEnd = server.sample();
        ClientSnapshot client = metrics.snapshot(System.nanoTime()).minus(clientStart);
        long loadGeneratorCpu = loadGenerator.cpuNanos() - loadGeneratorCpuStart;
        Histogram transit = metrics.takeTransitInterval();
        double seconds = (serverEnd.atNanos() - serverStart.atNanos()) / 1e9;
        double cpuNanos = serverEnd.cpuNanos() - serverStart.cpuNanos();
        double clientForwarded = client.packetsExpected();
        double forwarded = serverEnd.metrics() ? serverEnd.packetsForwarded() - serverStart.packetsForwarded()
                : clientForwarded;
        double received = serverEnd.metrics() ? serverEnd.rtpPacketsReceived() - serverStart.rtpPacketsReceived()
                : client.mediaPacketsSent();
        double bytes = serverEnd.metrics() ? serverEnd.bytesSent() - serverStart.bytesSent()
                : clientBytesReceived.getAsLong() - clientBytesStart;
        return new StepResult(step, perRoom, participants, seconds, client.mediaPacketsSent() / seconds,
                forwarded / seconds, clientForwarded / seconds, received > 0 ? forwarded / received : 0,
                bytes * 8 / seconds / 1e6, cpuNanos / seconds / 1e7, perPacketMicros(cpuNanos, forwarded),
                perPacketMicros(cpuNanos, clientForwarded), millis(transit, 50), millis(transit, 99),
                transit.getTotalCount() == 0 ? 0 : transit.getMaxValue() / 1000.0, transit.getTotalCount(),
                sfuTransitMillis(serverEnd, 0.50), sfuTransitMillis(serverEnd, 0.99), client.packetsExpected(), client.packetsLost(),
                client.packetsExpected() == 0 ? 0 : 100.0 * client.packetsLost() / client.packetsExpected(),
                joins.getTotalCount(), joinFailures, millis(joins, 50), millis(joins, 99),
                serverEnd.residentBytes() / 1048576.0, loadGeneratorCpu / seconds / 1e7, client.nacksSent(),
                client.plisSent(), client.retransmissionsReceived(), client.keyframeRequestsReceived(),
                ProcessStats.loadAverage());
    }

    private double sfuTransitMillis(ServerSample end, double quantile) {
        if (end.transit() == null) {
            return Double.NaN;
        }
        return end.transit().minus(serverStart.transit()).quantile(quantile) * 1000;
    }

    private static double perPacketMicros(double cpuNanos, double packets) {
        return packets > 0 ? cpuNanos / packets / 1000.0 : 0;
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
