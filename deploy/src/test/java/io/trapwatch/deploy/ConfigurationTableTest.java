package io.trapwatch.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root README's configuration table against the services' configuration, so that neither can drift from the
 * other. Read from the sources (no service is started), in this scope:
 * <ul>
 *   <li><b>Every variable the table names is read by a service</b>: it is the environment form of a key of some
 *   {@code @ConfigMapping} interface ({@code prefix} + the kebab-case method path, upper case with {@code _}), or it
 *   is referenced as {@code ${VAR…}} in a service's {@code application.properties} or service-support's
 *   {@code microprofile-config.properties}.</li>
 *   <li><b>Every user-facing variable is in the table</b>. User-facing means: a service reads it under a name of its
 *   own ({@code ${TRAPWATCH_…}} in those files), which is exactly what a deployment sets (run.sh, the Kubernetes
 *   manifests). The other mapping keys are tuning, documented where they are declared and in the module README;
 *   {@code TRAPWATCH_TEST_*} variables and {@code %test} lines belong to the tests.</li>
 *   <li><b>Every key is documented and its default written once</b>, for the mappings of every service and
 *   service-support: each method of a mapping interface has a javadoc comment, and a key with {@code @WithDefault}
 *   is given no value again in a configuration file of those modules.</li>
 * </ul>
 */
class ConfigurationTableTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("market-data-service", "detection-service", "monitor-api-service");
    private static final List<String> CHECKED_MAPPINGS = List.of("market-data-service", "detection-service", "monitor-api-service",
            "service-support");
    private static final Pattern VARIABLE = Pattern.compile("TRAPWATCH_[A-Z0-9_]+");
    private static final Pattern ALIAS = Pattern.compile("\\$\\{(TRAPWATCH_[A-Z0-9_]+)");
    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface (\\w+)[^{]*\\{");
    private static final Pattern METHOD = Pattern.compile("^\\s+([\\w.<>, ?]+?)\\s+(\\w+)\\(\\);", Pattern.MULTILINE);

    /** One key of a mapping: its full name, whether it has {@code @WithDefault}, whether it has javadoc. */
    record Key(String module, String name, boolean hasDefault, boolean documented) {
        String variable() {
            return name.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        }
    }

    @Test
    void everyVariableOfTheTableIsReadByAServiceAndEveryVariableAServiceReadsIsInTheTable() {
        Set<String> table = tableVariables();
        Set<String> mappingVariables = new TreeSet<>();
        mappings().forEach(k -> mappingVariables.add(k.variable()));
        Set<String> aliases = new TreeSet<>();
        configFiles(SERVICES).forEach(f -> assignments(f).values().forEach(v -> {
            Matcher m = ALIAS.matcher(v);
            while (m.find()) {
                aliases.add(m.group(1));
            }
        }));
        assertThat(table).as("the table lists variables").hasSizeGreaterThan(20);
        assertThat(table).as("variables in the README table that no service reads")
                .allSatisfy(v -> assertThat(mappingVariables.contains(v) || aliases.contains(v)).as(v).isTrue());
        assertThat(aliases).as("variables the services read that the README table does not list")
                .allSatisfy(v -> assertThat(table).as(v).contains(v));
    }

    @Test
    void everyMappingKeyIsDocumentedAndItsDefaultWrittenOnce() {
        List<Key> keys = mappings().stream().filter(k -> CHECKED_MAPPINGS.contains(k.module())).toList();
        assertThat(keys).as("keys found in the mappings").hasSizeGreaterThan(60);
        assertThat(keys).as("mapping methods without a javadoc comment").allSatisfy(k ->
                assertThat(k.documented()).as(k.name()).isTrue());
        Map<String, String> assigned = new LinkedHashMap<>();
        configFiles(CHECKED_MAPPINGS).forEach(f -> assigned.putAll(assignments(f)));
        assertThat(keys).as("keys with @WithDefault that a configuration file sets again").allSatisfy(k ->
                assertThat(k.hasDefault() && assigned.containsKey(k.name())).as(k.name() + " = " + assigned.get(k.name()))
                        .isFalse());
    }

    @Test
    void keysAreReadFromTheMappingsAsSmallRyeNamesThem() {
        Set<String> names = new TreeSet<>();
        mappings().forEach(k -> names.add(k.name()));
        assertThat(names).contains("trapwatch.detection.rvol-threshold", "trapwatch.detection.outcome.observation-bars",
                "trapwatch.market-data.binance.spot-weight-per-minute", "trapwatch.market-data.stream.intervals",
                "trapwatch.auth.tokens.*.value", "trapwatch.rate-limit.requests-per-second",
                "trapwatch.monitor-api.alerts.telegram.messages-per-window", "trapwatch.monitor-api.projection.attempts");
    }

    /** The variables named in the second column of the table under "## Configuration". */
    private static Set<String> tableVariables() {
        String readme = read(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("\n## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> variables = new TreeSet<>();
        for (String line : section.split("\n")) {
            String[] cells = line.split("\\|");
            if (line.startsWith("|") && cells.length > 2) {
                Matcher m = VARIABLE.matcher(cells[2]);
                while (m.find()) {
                    variables.add(m.group());
                }
            }
        }
        return variables;
    }

    /** Every key of every {@code @ConfigMapping} interface in the modules' main sources. */
    private static List<Key> mappings() {
        List<Key> keys = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        String source = read(file);
                        Matcher prefix = PREFIX.matcher(source);
                        if (prefix.find()) {
                            Matcher top = INTERFACE.matcher(source);
                            if (top.find(prefix.end())) {
                                collect(module.getFileName().toString(), source, top.group(1), top.end(),
                                        prefix.group(1), keys);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** The methods declared directly in the interface whose body starts at {@code bodyStart}; groups recursively. */
    private static void collect(String module, String source, String name, int bodyStart, String prefix, List<Key> keys) {
        int bodyEnd = closingBrace(source, bodyStart);
        Map<String, Integer> nested = new LinkedHashMap<>();
        Matcher inner = INTERFACE.matcher(source).region(bodyStart, bodyEnd);
        while (inner.find()) {
            nested.put(inner.group(1), inner.end());
        }
        Matcher method = METHOD.matcher(source).region(bodyStart, bodyEnd);
        while (method.find()) {
            if (depth(source, bodyStart, method.start()) != 0) {
                continue;
            }
            String type = method.group(1).trim();
            String key = prefix + "." + kebab(method.group(2));
            String valueType = type.startsWith("Map<") ? type.substring(type.indexOf(',') + 1, type.length() - 1).trim() : type;
            if (nested.containsKey(valueType)) {
                String groupPrefix = type.startsWith("Map<") ? key + ".*" : key;
                collect(module, source, valueType, nested.get(valueType), groupPrefix, keys);
            } else {
                String before = source.substring(0, method.start());
                keys.add(new Key(module, key, annotations(before).contains("@WithDefault"), documented(before)));
            }
        }
    }

    /** Brace depth of {@code at} relative to the body that starts at {@code bodyStart}. */
    private static int depth(String source, int bodyStart, int at) {
        int depth = 0;
        for (int i = bodyStart; i < at; i++) {
            char c = source.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        return depth;
    }

    private static int closingBrace(String source, int bodyStart) {
        int depth = 1;
        for (int i = bodyStart; i < source.length(); i++) {
            char c = source.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    /** The annotation lines right above a declaration. */
    private static String annotations(String before) {
        String[] lines = before.split("\n");
        StringBuilder found = new StringBuilder();
        for (int i = lines.length - 1; i >= 0 && lines[i].trim().startsWith("@"); i--) {
            found.append(lines[i]);
        }
        return found.toString();
    }

    /** Whether the first line above the declaration's annotations closes a javadoc comment. */
    private static boolean documented(String before) {
        String[] lines = before.split("\n");
        int i = lines.length - 1;
        while (i >= 0 && lines[i].trim().startsWith("@")) {
            i--;
        }
        if (i < 0 || !lines[i].trim().endsWith("*/")) {
            return false;
        }
        while (i >= 0 && !lines[i].contains("/*")) {
            i--;
        }
        return i >= 0 && lines[i].contains("/**");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Path> configFiles(List<String> modules) {
        List<Path> files = new ArrayList<>();
        for (String module : modules) {
            Path main = ROOT.resolve(module).resolve("src/main/resources");
            for (Path candidate : List.of(main.resolve("application.properties"),
                    main.resolve("META-INF/microprofile-config.properties"))) {
                if (Files.exists(candidate)) {
                    files.add(candidate);
                }
            }
        }
        if (!modules.contains("service-support")) {
            files.add(ROOT.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties"));
        }
        return files;
    }

    /** The key = value lines of a properties file, without comments and profile ({@code %test.}) lines. */
    private static Map<String, String> assignments(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            String trimmed = line.trim();
            int eq = trimmed.indexOf('=');
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("%") && eq > 0) {
                values.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
            }
        }
        return values;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
