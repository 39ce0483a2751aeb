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
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
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
