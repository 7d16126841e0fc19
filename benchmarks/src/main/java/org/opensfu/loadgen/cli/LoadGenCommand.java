package org.opensfu.loadgen.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opensfu.core.srtp.SrtpAesBackend;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.loadgen.measure.ClientMetrics;
import org.opensfu.loadgen.measure.ServerProbe;
import org.opensfu.loadgen.media.LayerSpec;
import org.opensfu.loadgen.report.ConsoleTable;
import org.opensfu.loadgen.report.ReportFiles;
import org.opensfu.loadgen.report.RunReport;
import org.opensfu.loadgen.run.LoadRun;
import org.opensfu.loadgen.run.RunSettings;
import org.opensfu.loadgen.scenario.MediaSettings;
import org.opensfu.loadgen.scenario.Scenario;
import org.opensfu.loadgen.server.OpenSfuProcess;
import org.opensfu.loadgen.target.JanusTarget;
import org.opensfu.loadgen.target.OpenSfuTarget;
import org.opensfu.loadgen.target.PeerRuntime;
import org.opensfu.loadgen.target.SfuTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load generator's command line: ramps a scenario against OpenSFU or Janus, prints a live line and a final table,
 * and writes NAME.json, NAME.html and NAME.md.
 */
@Command(name = "opensfu-loadgen", mixinStandardHelpOptions = true, versionProvider = LoadGenCommand.Version.class,
        subcommands = {CompareCommand.class, CommandLine.HelpCommand.class}, sortOptions = false,
        description = {"Joins rooms of an SFU with many simulated WebRTC participants (ICE, DTLS, SRTP) in one JVM, "
                + "ramps the load in steps and measures, per step: forwarded packets/s and Mbit/s, SFU CPU and CPU "
                + "per forwarded packet, transit time p50/p99/max, loss after repair, join time, SFU memory.",
            "Run it in a loopback-only network namespace, e.g. ip netns exec sfu-dev java -jar opensfu-loadgen.jar "
                + "...; benchmarks/compare-janus.sh runs OpenSFU and Janus one after the other."},
        footer = {"", "Examples:",
            "  java -jar opensfu-loadgen.jar --start-server sfu-server/target/opensfu.jar --scenario meeting "
                    + "--steps 2,4,8 --step-duration 20s --join-rate 5/s",
            "  java -jar opensfu-loadgen.jar --url ws://127.0.0.1:8080/ws --server-pid 1234 --scenario webinar "
                    + "--steps 10,50,100 --rooms 2",
            "  java -jar opensfu-loadgen.jar --target janus --url ws://127.0.0.1:8188 --server-pid 4321 "
                    + "--local-address 10.254.0.1 --scenario webinar --steps 10   (Janus: see janus-loopback.sh)",
            "  java -jar opensfu-loadgen.jar compare results/opensfu-webinar.json results/janus-webinar.json"})
public final class LoadGenCommand implements Callable<Integer> {
    @Option(names = "--target", defaultValue = "opensfu", description = "opensfu or janus (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--url", description = "signaling URL: ws://HOST:PORT/ws for OpenSFU (default with "
            + "--start-server: the started server's), ws://HOST:8188 for Janus")
    URI url;

    @Option(names = "--metrics-url", description = "OpenSFU's Prometheus endpoint (default: /metrics next to --url)")
    URI metricsUrl;

    @Option(names = "--server-pid", description = "process id of the SFU, for CPU and memory from /proc")
    Long serverPid;

    @Option(names = "--start-server", paramLabel = "JAR", description = "start OpenSFU from this jar on loopback "
            + "with free ports, and stop it at the end")
    Path serverJar;

    @Option(names = "--server-jvm-args", paramLabel = "ARGS", description = "JVM options for --start-server, "
            + "space-separated (e.g. \"-Xmx1g -XX:+FlightRecorder\")")
    String serverJvmArgs;

    @Option(names = "--server-config", paramLabel = "HOCON", description = "extra server settings for "
            + "--start-server, e.g. \"sfu.media.threads = 2\"")
    String serverConfig = "";

    @Option(names = "--scenario", defaultValue = "meeting", description = "meeting, webinar or audio-room "
            + "(default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--steps", split = ",", defaultValue = "2,4,8", description = "participants per room at each "
            + "step (webinar: viewers per room), ascending (default: ${DEFAULT-VALUE})")
    List<Integer> steps;

    @Option(names = "--rooms", defaultValue = "1", description = "identical rooms (default: ${DEFAULT-VALUE})")
    int rooms;

    @Option(names = "--speakers", defaultValue = "3", description = "audio-room: participants who publish a "
            + "microphone (default: ${DEFAULT-VALUE})")
    int speakers;

    @Option(names = "--step-duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "measurement window of each step (default: ${DEFAULT-VALUE})")
    Duration stepDuration;

    @Option(names = "--settle", defaultValue = "8s", converter = DurationConverter.class,
            description = "wait after a step's joins before measuring, for bandwidth estimates to climb "
                    + "(default: ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--join-rate", defaultValue = "5/s", converter = RateConverter.class,
            description = "joins per second, e.g. 5/s or 120/m (default: ${DEFAULT-VALUE})")
    double joinRate;

    @Option(names = "--join-timeout", defaultValue = "20s", converter = DurationConverter.class,
            description = "a participant not connected by then fails (default: ${DEFAULT-VALUE})")
    Duration joinTimeout;

    @Option(names = "--max-height", description = "subscribers ask for at most this video height "
            + "(setTrackConstraints); default: no constraint")
    Integer maxHeight;

    @Option(names = "--simulcast", defaultValue = "rid", description = "rid (a=rid + MID/RID extensions), ssrc "
            + "(a=ssrc-group:SIM) or none (the top layer only) (default: ${DEFAULT-VALUE})")
    String simulcast;

    @Option(names = "--frame-rate", defaultValue = "30", description = "video frames/s (default: ${DEFAULT-VALUE})")
    double frameRate;

    @Option(names = "--keyframe-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "periodic key frames, 0s for none (default: ${DEFAULT-VALUE})")
    Duration keyframeInterval;

    @Option(names = "--audio-bitrate", defaultValue = "32000", description = "Opus payload bit/s "
            + "(default: ${DEFAULT-VALUE})")
    long audioBitrate;

    @Option(names = "--pacing", defaultValue = "2.5", description = "video leaves at this multiple of its bitrate, "
            + "as libwebrtc paces; 0 sends each frame as one burst (default: ${DEFAULT-VALUE})")
    double pacing;

    @Option(names = "--srtp", split = ",", defaultValue = "gcm,cm", description = "SRTP profiles offered, preferred "
            + "first: gcm (AEAD_AES_128_GCM), cm (AES_CM_128_HMAC_SHA1_80) (default: ${DEFAULT-VALUE})")
    List<String> srtp;

    @Option(names = "--srtp-aes", defaultValue = "SunJCE", description = "jitsi-srtp AES backend of the simulated "
            + "peers: SunJCE, OpenSSL or auto (jitsi-srtp benchmarks every backend, Bouncy Castle included, on each "
            + "of its first 10 contexts, on the calling thread) (default: ${DEFAULT-VALUE})")
    String srtpAes;

    @Option(names = "--local-address", defaultValue = "127.0.0.1", description = "address the simulated peers "
            + "bind and announce (Janus gathers no candidates on a loopback interface: see janus-loopback.sh) "
            + "(default: ${DEFAULT-VALUE})")
    InetAddress localAddress;

    @Option(names = "--threads", defaultValue = "0", description = "media threads of the load generator "
            + "(default: one per core)")
    int threads;

    @Option(names = "--out", defaultValue = "loadgen-results", description = "directory for the report files "
            + "(default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", description = "report file name, without extension (default: TARGET-SCENARIO)")
    String name;

    @Option(names = "--seed", defaultValue = "1", description = "seed of SSRCs and sequence numbers")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = System.out;
        Scenario chosen = Scenario.fromCliName(scenario);
        RunSettings settings = new RunSettings(chosen, steps, rooms, speakers, maxHeight, joinRate, joinTimeout,
                settle, stepDuration, Duration.ofSeconds(2), chosen.cliName());
        MediaSettings media = mediaSettings();
        SrtpAesBackend.parse(srtpAes).select();
        OpenSfuProcess started = null;
        ClientMetrics metrics = new ClientMetrics();
        try (PeerRuntime runtime = new PeerRuntime(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                srtpProfiles(), localAddress, metrics, seed)) {
            URI signaling = url;
            long pid;
            if (serverJar != null) {
                if (!"opensfu".equals(target)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--start-server starts OpenSFU only; start Janus yourself (see compare-janus.sh)");
                }
                started = OpenSfuProcess.start(serverJar, jvmArgs(), serverConfig, Duration.ofSeconds(60));
                signaling = started.signalingUri();
                pid = started.pid();
                stdout.println("started OpenSFU (pid " + pid + ", log " + started.log() + ")");
            } else {
                if (signaling == null || serverPid == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "give --url and --server-pid, or --start-server JAR");
                }
                pid = serverPid;
            }
            ServerProbe probe = new ServerProbe(pid, "opensfu".equals(target) ? metricsUri(signaling) : null,
                    runtime.http());
            try (SfuTarget sfu = target(runtime, media, signaling)) {
                LoadRun run = new LoadRun(settings, sfu, probe, metrics, stdout, System.console() != null);
                LoadRun.Outcome outcome = run.run();
                RunReport report = new RunReport(sfu.name(), chosen.cliName(), commandLine(),
                        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        System.getProperty("java.vm.vendor") + " " + Runtime.version(), ReportFiles.machine(),
                        settingsMap(media), outcome.steps(), outcome.totals());
                stdout.println();
                stdout.print(ConsoleTable.render(outcome.steps()));
                stdout.println("whole run: " + outcome.totals());
                Path json = ReportFiles.write(out, name != null ? name : sfu.name() + "-" + chosen.cliName(), report);
                stdout.println("wrote " + json + " (and .html, .md)");
            }
            return metrics.joins.sum() == 0 ? 1 : 0;
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    private SfuTarget target(PeerRuntime runtime, MediaSettings media, URI signaling) {
        return switch (target) {
            case "opensfu" -> new OpenSfuTarget(runtime, media, signaling, joinTimeout);
            case "janus" -> new JanusTarget(runtime, media, signaling, joinTimeout);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--target is opensfu or janus, not " + target);
        };
    }

    private MediaSettings mediaSettings() {
        List<LayerSpec> layers = switch (simulcast.toLowerCase(Locale.ROOT)) {
            case "rid", "ssrc" -> LayerSpec.DEFAULT_LADDER;
            case "none" -> List.of(LayerSpec.DEFAULT_LADDER.get(LayerSpec.DEFAULT_LADDER.size() - 1));
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--simulcast is rid, ssrc or none, not " + simulcast);
        };
        return new MediaSettings(layers, "rid".equalsIgnoreCase(simulcast), frameRate, keyframeInterval,
                audioBitrate, pacing);
    }

    private List<SrtpProfile> srtpProfiles() {
        List<SrtpProfile> profiles = new ArrayList<>();
        for (String name : srtp) {
            profiles.add(switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "gcm" -> SrtpProfile.AEAD_AES_128_GCM;
                case "cm" -> SrtpProfile.AES_CM_128_HMAC_SHA1_80;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--srtp takes gcm and/or cm, not " + name);
            });
        }
        return profiles;
    }

    private List<String> jvmArgs() {
        return serverJvmArgs == null || serverJvmArgs.isBlank() ? List.of()
                : Arrays.asList(serverJvmArgs.trim().split("\\s+"));
    }

    private URI metricsUri(URI signaling) {
        if (metricsUrl != null) {
            return metricsUrl;
        }
        String scheme = "wss".equals(signaling.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + signaling.getRawAuthority() + "/metrics");
    }

    private Map<String, Object> settingsMap(MediaSettings media) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("steps", steps);
        map.put("rooms", rooms);
        map.put("speakers", speakers);
        map.put("stepDuration", stepDuration.toString());
        map.put("settle", settle.toString());
        map.put("joinRatePerSecond", joinRate);
        map.put("maxHeight", maxHeight);
        map.put("simulcast", simulcast);
        map.put("layers", media.layers().toString());
        map.put("frameRate", frameRate);
        map.put("keyframeInterval", keyframeInterval.toString());
        map.put("audioBitrate", audioBitrate);
        map.put("pacing", pacing);
        map.put("srtp", srtp);
        map.put("srtpAes", srtpAes);
        map.put("localAddress", localAddress.getHostAddress());
        map.put("loadgenThreads", threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        map.put("serverJvmArgs", serverJvmArgs);
        map.put("serverConfig", serverConfig);
        return map;
    }

    private String commandLine() {
        return "java -jar opensfu-loadgen.jar " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** The build's version, from the jar manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LoadGenCommand.class.getPackage().getImplementationVersion();
            return new String[] {"opensfu-loadgen " + (version == null ? "(development build)" : version)};
        }
    }
}
