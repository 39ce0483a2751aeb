package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s/grafana-dashboard.json against Grafana's published dashboard schema: the {@code @grafana/schema} npm
 * package (the TypeScript types Grafana generates from its CUE schema), fetched by npm into target/ on first run.
 * The dashboard is compiled as an object literal of type {@code Dashboard}, so a wrong type or an unknown field
 * anywhere the schema is closed fails the compile. Whether each query's metric exists is checked against live
 * services by {@code LocalSystemIT}.
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of(System.getProperty("basedir", ".")).resolve("k8s/grafana-dashboard.json");
    private static final Path CHECK_DIR = Path.of(System.getProperty("basedir", ".")).resolve("target/grafana-schema-check");
    private static final List<String> PACKAGES = List.of("@grafana/schema@13.2.3", "typescript@5.9.3");

    @Test
    void dashboardCompilesAgainstGrafanasDashboardSchema() throws Exception {
        Result result = typeCheck(Files.readString(DASHBOARD));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void aDashboardThatBreaksTheSchemaIsRejected() throws Exception {
        String broken = Files.readString(DASHBOARD).replace("\"graphTooltip\": 1", "\"graphTooltip\": \"shared\"")
                .replaceFirst("\"gridPos\"", "\"gridPosition\"");
        Result result = typeCheck(broken);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("'DashboardCursorSync | undefined'").contains("'\"gridPosition\"' does not exist");
    }

    @Test
    void everyPanelHasAQueryNamingAMetric() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(t -> assertThat(PromQlMetrics.in(t.path("expr").asText()))
                    .as(t.path("expr").asText()).isNotEmpty());
        }
    }

    record Result(int exitCode, String output) {
    }

    private static Result typeCheck(String dashboardJson) throws IOException, InterruptedException {
        installSchema();
        Path source = CHECK_DIR.resolve("dashboard-check.ts");
        Files.writeString(source, "import type { Dashboard } from '@grafana/schema';\n"
                + "const dashboard: Dashboard = " + dashboardJson + ";\nexport default dashboard;\n");
        return run(List.of("node", "node_modules/typescript/bin/tsc", "--noEmit", "--strict", "--skipLibCheck",
                "--moduleResolution", "bundler", "--module", "esnext", "--target", "es2022", source.getFileName().toString()));
    }

    private static synchronized void installSchema() throws IOException, InterruptedException {
        if (Files.exists(CHECK_DIR.resolve("node_modules/@grafana/schema/package.json"))
                && Files.exists(CHECK_DIR.resolve("node_modules/typescript/bin/tsc"))) {
            return;
        }
        Files.createDirectories(CHECK_DIR);
        Files.writeString(CHECK_DIR.resolve("package.json"), "{\"private\": true}\n");
        List<String> install = new java.util.ArrayList<>(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund"));
        install.addAll(PACKAGES);
        Result result = run(install);
        assertThat(result.exitCode()).as("npm install " + PACKAGES + ": " + result.output()).isZero();
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(CHECK_DIR.toFile()).redirectErrorStream(true).start();
        // Read to the end first (a full pipe would stall the process), then collect its exit code.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, String.join(" ", command) + " did not exit: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
