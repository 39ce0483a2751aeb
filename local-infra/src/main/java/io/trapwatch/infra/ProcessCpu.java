package io.trapwatch.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this machine's processes, from /proc (Linux): what each process of a benchmark used over a span is the
 * difference of two readings. Clock ticks are 100 per second on Linux.
 */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** utime + stime of the process, in seconds. */
    public static double seconds(long pid) throws IOException {
        return statSeconds(Path.of("/proc/" + pid + "/stat"));
    }

    /**
     * The same for a JVM's JIT compiler threads only (C1 and C2, by their thread names): a JVM still compiling its
     * hot code is not yet at its steady state, and that CPU is not the work being measured.
     */
    public static double jitSeconds(long pid) throws IOException {
        double total = 0;
        try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        total += statSeconds(thread.resolve("stat"));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return total;
    }

    private static double statSeconds(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** The same summed over every PostgreSQL process (the server and its backends, autovacuum included). */
    public static double postgresSeconds() throws IOException {
        return postgresSeconds(null);
    }

    /**
     * The same for the PostgreSQL server of one data directory only (every postgres process works in its data
     * directory), so another server on the machine does not count; {@code null}: every server.
     */
    public static double postgresSeconds(Path dataDirectory) throws IOException {
        double total = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(proc.resolve("comm")).trim().equals("postgres")
                            && (dataDirectory == null || Files.readSymbolicLink(proc.resolve("cwd")).startsWith(dataDirectory.toAbsolutePath()))) {
                        total += seconds(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return total;
    }
}
