package org.opensfu.loadgen.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a Linux process, from its kernel accounting: {@code /proc/<pid>/stat} fields 14 and
 * 15 (utime and stime, all threads, in clock ticks) and {@code VmRSS} of {@code /proc/<pid>/status} (proc(5)).
 */
public final class ProcessStats {
    /** USER_HZ: the unit of utime/stime. 100 on every Linux architecture the JDK runs on (proc(5), times(2)). */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long pid;

    public ProcessStats(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid " + pid);
        }
        this.pid = pid;
    }

    /** This JVM. */
    public static ProcessStats self() {
        return new ProcessStats(ProcessHandle.current().pid());
    }

    public long pid() {
        return pid;
    }

    public boolean alive() {
        return Files.exists(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** User plus system CPU time of every thread, in nanoseconds (10 ms resolution). */
    public long cpuNanos() throws IOException {
        return parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
                * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** Resident set size in bytes. */
    public long residentBytes() throws IOException {
        return parseResidentBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    /** The machine's 1-minute load average ({@code /proc/loadavg}), NaN if unreadable. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" +")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * utime + stime from a {@code stat} line. The second field (the command) is in parentheses and may contain
     * spaces and parentheses, so fields are counted from the last ')'.
     */
    static long parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line");
        }
        String[] fields = stat.substring(close + 2).trim().split(" +");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        if (fields.length < 13) {
            throw new IllegalArgumentException("short /proc/<pid>/stat line");
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static long parseResidentBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split(" +");
                return Long.parseLong(parts[0]) * 1024; // always kB
            }
        }
        return 0; // a zombie has none
    }
}
