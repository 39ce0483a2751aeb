package io.trapwatch.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) started as its own JVM process, as
 * deploy/local/run.sh starts it: configured by environment only, on its own port, its output appended to a log.
 * Used by the end-to-end test and the benchmarks that measure a service from outside.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path module;
    private final Path jar;
    private final List<String> jvmOptions;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public ServiceProcess(String name, Path module, List<String> jvmOptions, Map<String, String> environment, Path logDir)
            throws IOException {
        this.name = name;
        this.module = module;
        this.jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " missing: package the module first");
        }
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = freePort();
        this.environment = Map.copyOf(environment);
        this.log = logDir.resolve(name + ".log");
    }

    /**
     * One more instance of the same service (as a Deployment's next replica): the same JVM options and environment
     * with {@code overrides}, its own port and log, not started.
     */
    public ServiceProcess another(String name, Map<String, String> overrides) throws IOException {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(overrides);
        return new ServiceProcess(name, module, jvmOptions, env, log.getParent());
    }

    /** A module's directory from Maven's working directory, which is the repository root or the module itself. */
    public static Path moduleDir(String module) {
        return Files.exists(Path.of(module, "pom.xml")) ? Path.of(module) : Path.of(".");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the process and waits until its readiness check answers 200; fails at once if it exits. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("TRAPWATCH_HTTP_PORT", String.valueOf(port));
        process = builder.start();
        awaitReady(Duration.ofMinutes(3));
    }

    /** SIGKILL: no shutdown hook, no graceful close, whatever was in flight is cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * Stops the process when this JVM exits, however it exits (a failed test, an interrupted benchmark): it is a
     * process of its own and would outlive it.
     */
    public ServiceProcess stopOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return this;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
