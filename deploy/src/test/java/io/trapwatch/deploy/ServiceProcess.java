package io.trapwatch.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One packaged service started as its own JVM process, exactly as deploy/local/run.sh starts it. */
final class ServiceProcess {

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Path repoRoot, int port, Map<String, String> environment, Path logDir) {
        this.name = name;
        this.jar = repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.port = port;
        this.environment = environment;
        this.log = logDir.resolve(name + ".log");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("TRAPWATCH_HTTP_PORT", String.valueOf(port));
        process = builder.start();
        awaitReady(Duration.ofMinutes(3));
    }

    /** SIGKILL: no shutdown hook, no graceful close, whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (Http.status("GET", baseUrl() + "/q/health/ready") == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }
}
