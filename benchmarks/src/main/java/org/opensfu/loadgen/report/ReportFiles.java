package org.opensfu.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes and reads a run's files: {@code NAME.json} (the {@link RunReport}), {@code NAME.html}, {@code NAME.md}. */
public final class ReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    /** Writes the three files into {@code directory}; returns the JSON file. */
    public static Path write(Path directory, String name, RunReport report) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(name + ".json");
        JSON.writeValue(json.toFile(), report);
        Files.writeString(directory.resolve(name + ".html"),
                HtmlReport.render(report.target() + " " + report.scenario(), List.of(report)));
        Files.writeString(directory.resolve(name + ".md"), ConsoleTable.render(report.steps()));
        return json;
    }

    public static RunReport read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), RunReport.class);
    }

    /** CPU model, core count, kernel: what a figure depends on. */
    public static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: unknown
        }
        return "unknown";
    }
}
