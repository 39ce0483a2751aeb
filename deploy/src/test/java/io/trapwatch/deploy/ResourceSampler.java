package io.trapwatch.deploy;

import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.infra.http.PrometheusText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every second, each service's heap in use and the old generation's part of it (its {@code /q/metrics}: what
 * survived young collections) and its resident set ({@code /proc/<pid>/status}); keeps the peaks. A restarted
 * service is followed (its pid is read each time).
 */
final class ResourceSampler implements AutoCloseable {

    /** Peaks of one service, in bytes. */
    record Peaks(long heapUsed, long oldGeneration, long rss) {
        Peaks max(long used, long old, long resident) {
            return new Peaks(Math.max(heapUsed, used), Math.max(oldGeneration, old), Math.max(rss, resident));
        }
    }

    private final List<ServiceProcess> services;
    private final Map<String, Peaks> peaks = new LinkedHashMap<>();
    private final Thread thread;

    ResourceSampler(List<ServiceProcess> services) {
        this.services = services;
        services.forEach(s -> peaks.put(s.name(), new Peaks(0, 0, 0)));
        thread = new Thread(this::run, "resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized Map<String, Peaks> peaks() {
        return new LinkedHashMap<>(peaks);
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            for (ServiceProcess service : services) {
                try {
                    PrometheusText metrics = PrometheusText.parse(Http.text(service.baseUrl() + "/q/metrics"));
                    long used = (long) metrics.sum("jvm_memory_used_bytes", "area", "heap");
                    long old = (long) metrics.sum("jvm_memory_used_bytes", "id", "G1 Old Gen");
                    long rss = rssBytes(service.pid());
                    synchronized (this) {
                        peaks.merge(service.name(), new Peaks(used, old, rss), (a, b) -> a.max(b.heapUsed(), b.oldGeneration(), b.rss()));
                    }
                } catch (Exception notNow) {
                    // restarting, or busy past the timeout: the next second samples it again
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long rssBytes(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        return 0;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
