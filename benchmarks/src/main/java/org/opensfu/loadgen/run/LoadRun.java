package org.opensfu.loadgen.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.opensfu.loadgen.measure.ClientMetrics;
import org.opensfu.loadgen.measure.MeasurementWindow;
import org.opensfu.loadgen.measure.ServerProbe;
import org.opensfu.loadgen.measure.ServerSample;
import org.opensfu.loadgen.peer.StreamReport;
import org.opensfu.loadgen.report.StepResult;
import org.opensfu.loadgen.scenario.ParticipantSpec;
import org.opensfu.loadgen.target.Participant;
import org.opensfu.loadgen.target.SfuTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a ramp against one SFU: for each step it joins the participants the step adds (paced at the join rate, a
 * bounded number in flight), lets the step settle, then measures a window ({@link MeasurementWindow}) while a live
 * line reports progress. At the end every publisher stops, retransmissions drain, every receiver settles its loss,
 * and everyone leaves.
 */
public final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    /** Joins in flight at once (each takes ICE and a DTLS handshake). */
    private static final int MAX_CONCURRENT_JOINS = 16;

    private final RunSettings settings;
    private final SfuTarget target;
    private final ServerProbe server;
    private final ClientMetrics metrics;
    private final PrintStream out;
    private final ProgressLine progress;
    private final List<Participant> joined = new ArrayList<>();
    private final Set<String> present = new HashSet<>();

    public LoadRun(RunSettings settings, SfuTarget target, ServerProbe server, ClientMetrics metrics, PrintStream out,
                   boolean terminal) {
        this.settings = settings;
        this.target = target;
        this.server = server;
        this.metrics = metrics;
        this.out = out;
        this.progress = new ProgressLine(out, terminal, server, metrics);
    }

    /** What a run produced. */
    public record Outcome(List<StepResult> steps, RunTotals totals, List<StreamReport> streams) {
    }

    public Outcome run() throws Exception {
        ServerSample first = server.sample();
        List<StepResult> results = new ArrayList<>();
        try {
            for (int s = 0; s < settings.steps().size(); s++) {
                results.add(runStep(s));
                if (!server.alive()) {
                    out.println("the SFU process is gone: stopping the ramp");
                    break;
                }
            }
            return finish(results, first);
        } finally {
            for (Participant participant : joined) {
                participant.leave();
            }
        }
    }

    private StepResult runStep(int index) throws Exception {
        int perRoom = settings.steps().get(index);
        String label = "step " + (index + 1) + "/" + settings.steps().size() + " (" + perRoom + " per room)";
        List<ParticipantSpec> wanted = settings.scenario().participants(perRoom, settings.rooms(),
                settings.speakers(), settings.maxHeightPx(), settings.roomPrefix());
        List<ParticipantSpec> adding = wanted.stream().filter(p -> !present.contains(p.name())).toList();
        metrics.takeJoinInterval();
        long failuresBefore = metrics.joinFailures.sum();
        joinAll(adding, label);
        Histogram joins = metrics.takeJoinInterval();
        long failures = metrics.joinFailures.sum() - failuresBefore;
        wait(label + " settling", settings.settle());
        MeasurementWindow window = new MeasurementWindow(server, metrics, this::bytesReceived);
        window.open();
        wait(label + " measuring", settings.stepDuration());
        StepResult result = window.close(index + 1, perRoom, joined.size(), joins, failures);
        progress.finishLine();
        return result;
    }

    private void joinAll(List<ParticipantSpec> specs, String label) throws InterruptedException {
        JoinPacer pacer = new JoinPacer(settings.joinsPerSecond());
        Semaphore inFlight = new Semaphore(MAX_CONCURRENT_JOINS);
        CountDownLatch done = new CountDownLatch(specs.size());
        ConcurrentLinkedQueue<Participant> newcomers = new ConcurrentLinkedQueue<>();
        AtomicLong started = new AtomicLong();
        long lastUpdateNanos = System.nanoTime();
        for (ParticipantSpec spec : specs) {
            pacer.awaitTurn();
            inFlight.acquire();
            started.incrementAndGet();
            Thread.ofVirtual().name("join-" + spec.name()).start(() -> {
                try {
                    newcomers.add(target.join(spec));
                } catch (Exception e) {
                    metrics.joinFailures.increment();
                    LOG.warn("{} could not join {}: {}", spec.name(), spec.room(), e.toString());
                } finally {
                    inFlight.release();
                    done.countDown();
                }
            });
            present.add(spec.name());
            if (System.nanoTime() - lastUpdateNanos > 1_000_000_000L) {
                lastUpdateNanos = System.nanoTime();
                progress.update(label + " joining " + started.get() + "/" + specs.size(),
                        joined.size() + newcomers.size());
            }
        }
        long timeoutMillis = settings.joinTimeout().toMillis() + 5_000;
        while (!done.await(1, TimeUnit.SECONDS)) {
            progress.update(label + " joining " + (specs.size() - done.getCount()) + "/" + specs.size(),
                    joined.size() + newcomers.size());
            if ((timeoutMillis -= 1_000) < 0) {
                LOG.warn("{} joins still pending; going on without them", done.getCount());
                break;
            }
        }
        joined.addAll(newcomers);
    }

    /** Waits {@code duration}, updating the live line every second. */
    private void wait(String phase, Duration duration) throws InterruptedException {
        long endNanos = System.nanoTime() + duration.toNanos();
        long totalSeconds = duration.toSeconds();
        long remaining;
        while ((remaining = endNanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(1_000, Math.max(1, remaining / 1_000_000)));
            long elapsed = totalSeconds - Math.max(0, (endNanos - System.nanoTime()) / 1_000_000_000L);
            progress.update(phase + " " + elapsed + "/" + totalSeconds + " s", joined.size());
        }
    }

    private long bytesReceived() {
        long total = 0;
        for (Participant participant : joined) {
            total += participant.bytesReceived();
        }
        return total;
    }

    private Outcome finish(List<StepResult> results, ServerSample first) throws Exception {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (Participant participant : joined) {
            stopping.add(participant.stopPublishing());
        }
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        Thread.sleep(settings.drain().toMillis());
        List<StreamReport> streams = new ArrayList<>();
        for (Participant participant : joined) {
            streams.addAll(participant.finish().get(10, TimeUnit.SECONDS));
        }
        ServerSample last = server.sample();
        RunTotals totals = RunTotals.of(metrics.mediaPacketsSent.sum(),
                last.metrics() ? last.packetsForwarded() - first.packetsForwarded() : -1, streams);
        return new Outcome(results, totals, streams);
    }
}
