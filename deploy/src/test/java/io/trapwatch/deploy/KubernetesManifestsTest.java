package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of deploy/k8s, no cluster needed: every document parses and is named, and every reference between
 * resources (Services, ConfigMaps, Secrets, ports, operator-generated objects, CronJob URLs) lands on something
 * declared. Each check returns problems instead of asserting, so the negative cases below prove it rejects breakage.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("basedir", ".")).resolve("k8s");
    private static final Path DETECTION_PROPERTIES =
            K8S.resolve("../../detection-service/src/main/resources/application.properties").normalize();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The port each service listens on when TRAPWATCH_HTTP_PORT is not set (its application.properties). */
    private static final Map<String, Integer> DEFAULT_HTTP_PORTS =
            Map.of("market-data-service", 8081, "detection-service", 8082, "monitor-api-service", 8080);

    /** The services with Kafka consumers: each of their pods joins the groups as static members named after the pod. */
    private static final Set<String> KAFKA_CONSUMERS = Set.of("detection-service", "monitor-api-service");

    private static final String INGEST_OWNER = "market-data-service";
    private static final String SYNC_PATH = "/api/market-data/instruments/sync";
    private static final String UPDATE_PATH = "/api/market-data/klines/update";

    /** The contract with market-data-service: the ingest endpoints a CronJob may call, with every allowed query value. */
    private static final Map<String, Map<String, List<String>>> INGEST_ENDPOINTS = Map.of(
            SYNC_PATH, Map.of("market_type", MarketType.wireNames(), "exchange", List.of("binance")),
            UPDATE_PATH, Map.of("market_type", MarketType.wireNames(), "interval", Interval.wireNames()));
    private static final String INGEST_METHOD = "POST";

    /** Keys of the Secret {@code <cluster>-app} that CloudNativePG creates for the application owner. */
    private static final Set<String> CNPG_APP_SECRET_KEYS =
            Set.of("username", "password", "dbname", "host", "port", "uri", "jdbc-uri", "pgpass");

    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready");

    /** Created by the operator before applying (README): the bearer token of the write endpoints, and its successor. */
    private static final String TOKEN_SECRET = "trapwatch-api-token";
    private static final Set<String> TOKEN_SECRET_KEYS = Set.of("token", "next");
    /** Created by the operator when alerts are used (referenced as optional): the AES key and a Telegram bot token. */
    private static final String ALERTS_SECRET = "trapwatch-alerts";
    private static final Set<String> ALERTS_SECRET_KEYS = Set.of("secret-key", "telegram-bot-token");
    private static final Set<String> SERVICES = DEFAULT_HTTP_PORTS.keySet();

    record Manifest(String file, ObjectNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        String apiGroup() {
            return doc.path("apiVersion").asText().replaceFirst("/[^/]*$", "");
        }

        String where() {
            return file + ": " + kind() + "/" + name();
        }
    }

    record Manifests(List<Manifest> docs, Set<String> files, List<String> parseProblems) {
        Stream<Manifest> ofKind(String kind) {
            return docs.stream().filter(m -> m.kind().equals(kind));
        }

        Stream<Manifest> ofKind(String apiGroup, String kind) {
            return ofKind(kind).filter(m -> m.apiGroup().equals(apiGroup));
        }

        ObjectNode resource(String kind, String name) {
            return ofKind(kind).filter(m -> m.name().equals(name)).findFirst().orElseThrow().doc();
        }
    }

    // ------------------------------------------------------------------ the checks on the real manifests

    @Test
    void everyFileParsesIntoNamedResources() {
        Manifests m = load();
        assertThat(m.files()).contains("kustomization.yaml");
        assertThat(m.docs()).hasSizeGreaterThan(m.files().size());
        assertThat(documentProblems(m)).isEmpty();
    }

    @Test
    void kustomizationListsExactlyTheFilesPresent() {
        assertThat(kustomizationProblems(load())).isEmpty();
    }

    @Test
    void deploymentsProbeHealthOnTheirServicePortAndDeclareResources() {
        Manifests m = load();
        assertThat(m.ofKind("Deployment").map(Manifest::name)).containsExactlyInAnyOrderElementsOf(DEFAULT_HTTP_PORTS.keySet());
        assertThat(deploymentProblems(m)).isEmpty();
    }

    @Test
    void everyConfigMapAndSecretReferenceResolves() {
        assertThat(referenceProblems(load())).isEmpty();
    }

    @Test
    void servicesSelectADeploymentAndTargetOneOfItsPorts() {
        assertThat(serviceProblems(load())).isEmpty();
    }

    @Test
    void connectionSettingsPointAtDeclaredOrOperatorCreatedServices() {
        assertThat(connectionProblems(load())).isEmpty();
    }

    @Test
    void cronJobsCallKnownIngestEndpointsAfterEachCandleCloses() {
        Manifests m = load();
        assertThat(m.ofKind("CronJob")).hasSize(MarketType.values().length * (1 + Interval.values().length));
        assertThat(cronJobProblems(m)).isEmpty();
    }

    @Test
    void kafkaTopicsFitTheBrokersAndTheDetectionConsumerGroup() {
        assertThat(kafkaProblems(load())).isEmpty();
    }

    @Test
    void klineStreamsAreOnByDefaultOnTheMarketStreamPaths() {
        assertThat(streamProblems(load())).isEmpty();
        assertThat(ingestEnv(load())).containsEntry("TRAPWATCH_STREAM_ENABLED", "true")
                .containsEntry("TRAPWATCH_STREAM_FUTURES_URL", "wss://fstream.binance.com/market/stream");
    }

    @Test
    void marketDataServiceRunsExactlyOnceBecauseItOwnsTheWeightBudget() {
        assertThat(singletonProblems(load())).isEmpty();
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootWithoutCapabilitiesAndWithTheirTokenFromASecret() {
        assertThat(hardeningProblems(load())).isEmpty();
    }

    @Test
    void networkPoliciesOpenOnlyTheIntendedPaths() {
        assertThat(networkPolicyProblems(load())).isEmpty();
    }

    @Test
    void everyServiceHasADisruptionBudgetAServiceMonitorAndAlerts() {
        assertThat(operationsProblems(load())).isEmpty();
    }

    // ------------------------------------------------------------------ the checker rejects broken manifests

    static Stream<Arguments> brokenManifests() {
        return Stream.of(
                broken("CronJob to an unknown path", m -> cronUrl(m, "klines-update-spot-1h",
                        "http://market-data-service:8081/api/market-data/klines/refresh?market_type=spot&interval=1h"),
                        "/api/market-data/klines/refresh"),
                broken("CronJob with an unknown market", m -> cronUrl(m, "klines-update-spot-1h",
                        "http://market-data-service:8081" + UPDATE_PATH + "?market_type=margin&interval=1h"), "margin"),
                broken("CronJob to an undeclared host", m -> cronUrl(m, "instruments-sync-spot",
                        "http://market-data:8081" + SYNC_PATH + "?market_type=spot&exchange=binance"), "'market-data'"),
                broken("CronJob to the wrong port", m -> cronUrl(m, "instruments-sync-spot",
                        "http://market-data-service:8080" + SYNC_PATH + "?market_type=spot&exchange=binance"), "port 8080"),
                broken("4h update at the candle close", m -> spec(m, "CronJob", "klines-update-spot-4h")
                        .put("schedule", "0 */4 * * *"), "'0 */4 * * *'"),
                broken("4h update every hour", m -> spec(m, "CronJob", "klines-update-spot-4h")
                        .put("schedule", "5 * * * *"), "'5 * * * *'"),
                broken("no 1d update for futures", m -> m.docs().removeIf(d -> d.name().equals("klines-update-futures-1d")),
                        "futures 1d"),
                broken("unknown Secret", m -> ((ObjectNode) container(m, "detection-service")
                        .at("/env/1/valueFrom/secretKeyRef")).put("name", "trapwatch-db-superuser"), "trapwatch-db-superuser"),
                broken("unknown key of the CNPG Secret", m -> ((ObjectNode) container(m, "detection-service")
                        .at("/env/1/valueFrom/secretKeyRef")).put("key", "pass"), "'pass'"),
                broken("unknown ConfigMap", m -> ((ObjectNode) container(m, "detection-service")
                        .at("/envFrom/1/configMapRef")).put("name", "thresholds"), "thresholds"),
                broken("Service targets an undeclared port", m -> ((ObjectNode) m.resource("Service", "monitor-api-service")
                        .at("/spec/ports/0")).put("targetPort", 9090), "9090"),
                broken("Service selects no pod", m -> ((ObjectNode) m.resource("Service", "monitor-api-service")
                        .at("/spec/selector")).put("app.kubernetes.io/name", "monitor-api"), "selects no Deployment"),
                broken("readiness on a wrong path", m -> ((ObjectNode) container(m, "monitor-api-service")
                        .at("/readinessProbe/httpGet")).put("path", "/health"), "/health"),
                broken("liveness on an undeclared port", m -> ((ObjectNode) container(m, "monitor-api-service")
                        .at("/livenessProbe/httpGet")).put("port", 9000), "9000"),
                broken("no memory limit", m -> ((ObjectNode) container(m, "detection-service")
                        .at("/resources/limits")).remove("memory"), "limits.memory"),
                broken("container port differs from the app's port", m -> ((ObjectNode) container(m, "market-data-service")
                        .at("/ports/0")).put("containerPort", 8080), "listens on 8081"),
                broken("kustomization misses a file", m -> unlist(m, "cronjobs-klines.yaml"), "cronjobs-klines.yaml"),
                broken("JDBC URL to a host nobody creates", m -> ((ObjectNode) m.resource("ConfigMap", "trapwatch-config")
                        .get("data")).put("TRAPWATCH_JDBC_URL", "jdbc:postgresql://trapwatch-db:5432/trapwatch"), "'trapwatch-db'"),
                broken("JDBC URL to another database", m -> ((ObjectNode) m.resource("ConfigMap", "trapwatch-config")
                        .get("data")).put("TRAPWATCH_JDBC_URL", "jdbc:postgresql://trapwatch-db-rw:5432/app"), "'app'"),
                broken("writable root filesystem", m -> ((ObjectNode) container(m, "detection-service").at("/securityContext"))
                        .put("readOnlyRootFilesystem", false), "readOnlyRootFilesystem"),
                broken("a capability kept", m -> ((ObjectNode) container(m, "market-data-service").at("/securityContext/capabilities"))
                        .putArray("drop").add("NET_RAW"), "drop ALL"),
                broken("root allowed", m -> ((ObjectNode) container(m, "monitor-api-service").at("/securityContext"))
                        .put("runAsNonRoot", false), "runAsNonRoot"),
                broken("no writable /tmp", m -> ((ObjectNode) container(m, "market-data-service")).remove("volumeMounts"), "/tmp"),
                broken("token written into the manifest", m -> ((ObjectNode) container(m, "detection-service").at("/env/0"))
                        .put("value", "s3cret").remove("valueFrom"), "TRAPWATCH_API_TOKEN"),
                broken("one instance name for every replica", m -> ((ArrayNode) container(m, "monitor-api-service").path("env"))
                        .forEach(e -> {
                            if (e.path("name").asText().equals("TRAPWATCH_INSTANCE_NAME")) {
                                ((ObjectNode) e).put("value", "monitor-api-service").remove("valueFrom");
                            }
                        }), "TRAPWATCH_INSTANCE_NAME"),
                broken("CronJob without the token", m -> {
                    ArrayNode args = (ArrayNode) m.resource("CronJob", "klines-update-spot-4h")
                            .at("/spec/jobTemplate/spec/template/spec/containers/0/args");
                    args.remove(texts(args).indexOf("-H") + 1);
                    args.remove(texts(args).indexOf("-H"));
                }, "Authorization"),
                broken("market-data-service open to the namespace", m -> ((ArrayNode) m.resource("NetworkPolicy", "market-data-service")
                        .at("/spec/ingress/0/from")).addObject().putObject("podSelector"), "market-data-service"),
                broken("detection-service reachable from outside", m -> ((ObjectNode) m.resource("NetworkPolicy", "detection-service")
                        .get("spec")).putArray("ingress").addObject().putArray("ports").addObject().put("port", 8082), "outside"),
                broken("detection-service open to the namespace", m -> ((ArrayNode) m.resource("NetworkPolicy", "detection-service")
                        .at("/spec/ingress/0/from")).addObject().putObject("podSelector"), "another pod of the namespace -> detection-service"),
                broken("sweeps proxy blocked on its way out", m -> ((ArrayNode) spec(m, "NetworkPolicy", "monitor-api-service")
                        .get("egress")).remove(1), "monitor-api-service -> detection-service (egress)"),
                broken("sweeps proxy to the wrong port", m -> ((ObjectNode) m.resource("ConfigMap", "trapwatch-config")
                        .get("data")).put("TRAPWATCH_DETECTION_URL", "http://detection-service:8081"), "TRAPWATCH_DETECTION_URL uses port 8081"),
                broken("market-data-service egress on port 80", m -> ((ObjectNode) m.resource("NetworkPolicy", "market-data-service")
                        .at("/spec/egress/0/ports/0")).put("port", 80), "443"),
                broken("egress opened for every pod", m -> spec(m, "NetworkPolicy", "default-deny").putArray("egress").addObject(),
                        "the internet"),
                broken("no disruption budget", m -> m.docs().removeIf(d -> d.kind().equals("PodDisruptionBudget")
                        && d.name().equals("monitor-api-service")), "PodDisruptionBudget"),
                broken("budget that blocks every drain", m -> spec(m, "PodDisruptionBudget", "market-data-service")
                        .put("minAvailable", 1).remove("maxUnavailable"), "never be drained"),
                broken("ServiceMonitor on a wrong path", m -> ((ObjectNode) m.resource("ServiceMonitor", "detection-service")
                        .at("/spec/endpoints/0")).put("path", "/metrics"), "/q/metrics"),
                broken("streams switched off", m -> ((ObjectNode) m.resource("ConfigMap", "market-data-stream").get("data"))
                        .put("TRAPWATCH_STREAM_ENABLED", "false"), "TRAPWATCH_STREAM_ENABLED must be true"),
                broken("futures klines on the public stream path", m -> ((ObjectNode) m.resource("ConfigMap", "market-data-stream")
                        .get("data")).put("TRAPWATCH_STREAM_FUTURES_URL", "wss://fstream.binance.com/public/stream"), "/market/stream"),
                broken("futures klines on the retired path", m -> ((ObjectNode) m.resource("ConfigMap", "market-data-stream")
                        .get("data")).put("TRAPWATCH_STREAM_FUTURES_URL", "wss://fstream.binance.com/stream"), "/market/stream"),
                broken("spot stream over https", m -> ((ObjectNode) m.resource("ConfigMap", "market-data-stream")
                        .get("data")).put("TRAPWATCH_STREAM_SPOT_URL", "https://stream.binance.com:443/stream"), "ws:// or wss://"),
                broken("an interval the detectors do not know", m -> ((ObjectNode) m.resource("ConfigMap", "market-data-stream")
                        .get("data")).put("TRAPWATCH_STREAM_INTERVALS", "1h,15m"), "15m"),
                broken("market-data-service scaled out", m -> spec(m, "Deployment", "market-data-service")
                        .put("replicas", 2), "exactly 1 replica"),
                broken("fewer partitions than detection consumers", m -> spec(m, "KafkaTopic", "kline-closed")
                        .put("partitions", 4), "partitions 4"),
                broken("topic replicas above the broker count", m -> spec(m, "KafkaTopic", "monitor-state-changed")
                        .put("replicas", 5), "replicas 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void brokenManifestIsRejected(String description, Consumer<Manifests> breakIt, String expectedInProblem) {
        Manifests m = load();
        assertThat(allProblems(m)).as("the real manifests").isEmpty();
        breakIt.accept(m);
        assertThat(allProblems(m)).as(description).anySatisfy(p -> assertThat(p).contains(expectedInProblem));
    }

    private static Arguments broken(String description, Consumer<Manifests> breakIt, String expectedInProblem) {
        return Arguments.of(description, breakIt, expectedInProblem);
    }

    private static void cronUrl(Manifests m, String cronJob, String url) {
        ArrayNode args = (ArrayNode) m.resource("CronJob", cronJob).at("/spec/jobTemplate/spec/template/spec/containers/0/args");
        args.set(args.size() - 1, url);
    }

    private static void unlist(Manifests m, String file) {
        ArrayNode resources = (ArrayNode) m.resource("Kustomization", "trapwatch").get("resources");
        resources.remove(texts(resources).indexOf(file));
    }

    private static ObjectNode spec(Manifests m, String kind, String name) {
        return (ObjectNode) m.resource(kind, name).get("spec");
    }

    private static ObjectNode container(Manifests m, String deployment) {
        return (ObjectNode) m.resource("Deployment", deployment).at("/spec/template/spec/containers/0");
    }

    // ------------------------------------------------------------------ loading

    private static Manifests load() {
        List<Manifest> docs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> files = new TreeSet<>();
        try (Stream<Path> paths = Files.list(K8S)) {
            for (Path path : paths.filter(p -> p.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                String file = path.getFileName().toString();
                files.add(file);
                try (var parser = YAML.getFactory().createParser(path.toFile())) {
                    for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                        if (doc instanceof ObjectNode object) {
                            docs.add(new Manifest(file, object));
                        } else {
                            problems.add(file + ": a document that is not a mapping: " + doc);
                        }
                    }
                } catch (IOException e) {
                    problems.add(file + ": does not parse: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(docs, files, problems);
    }

    private static List<String> allProblems(Manifests m) {
        return Stream.of(documentProblems(m), kustomizationProblems(m), deploymentProblems(m), referenceProblems(m),
                        serviceProblems(m), connectionProblems(m), cronJobProblems(m), kafkaProblems(m), singletonProblems(m),
                        hardeningProblems(m), networkPolicyProblems(m), operationsProblems(m),
                        streamProblems(m))
                .flatMap(List::stream).toList();
    }

    // ------------------------------------------------------------------ hardening, network policies, operations

    private static List<String> hardeningProblems(Manifests m) {
        List<String> problems = new ArrayList<>();
        podSpecs(m).forEach((where, pod) -> {
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                // The container's setting wins over the pod's.
                JsonNode nonRoot = security.has("runAsNonRoot") ? security.path("runAsNonRoot") : pod.at("/securityContext/runAsNonRoot");
                if (!nonRoot.asBoolean(false)) {
                    problems.add(where + ": runAsNonRoot is not true");
                }
                if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(where + ": readOnlyRootFilesystem must be true");
                }
                if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + ": allowPrivilegeEscalation must be false");
                }
                if (!texts(security.at("/capabilities/drop")).contains("ALL") || security.at("/capabilities/add").size() > 0) {
                    problems.add(where + ": capabilities must drop ALL and add none");
                }
                for (String field : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                    if (container.at("/resources/" + field).asText().isBlank()) {
                        problems.add(where + ": no resources." + field.replace('/', '.'));
                    }
                }
                JsonNode token = env(container, "TRAPWATCH_API_TOKEN");
                if (token == null || !token.at("/valueFrom/secretKeyRef/name").asText().equals(TOKEN_SECRET)) {
                    problems.add(where + ": TRAPWATCH_API_TOKEN must come from Secret " + TOKEN_SECRET);
                }
            }
        });
        for (Manifest deployment : m.ofKind("Deployment").toList()) {
            JsonNode pod = deployment.doc().at("/spec/template/spec");
            Set<String> emptyDirs = new HashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            for (JsonNode container : pod.path("containers")) {
                boolean tmp = false;
                for (JsonNode mount : container.path("volumeMounts")) {
                    tmp |= mount.path("mountPath").asText().equals("/tmp") && emptyDirs.contains(mount.path("name").asText());
                }
                if (!tmp) {
                    problems.add(deployment.where() + ": no emptyDir mounted at /tmp (the root filesystem is read-only)");
                }
            }
        }
        for (Manifest cron : m.ofKind("CronJob").toList()) {
            List<String> args = texts(cron.doc().at("/spec/jobTemplate/spec/template/spec/containers/0/args"));
            int header = args.indexOf("-H");
            if (header < 0 || header + 1 >= args.size() || !args.get(header + 1).equals("Authorization: Bearer $(TRAPWATCH_API_TOKEN)")) {
                problems.add(cron.where() + ": must send 'Authorization: Bearer $(TRAPWATCH_API_TOKEN)', got " + args);
            }
        }
        return problems;
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        return null;
    }

    /**
     * The policies evaluated as Kubernetes would for representative peers: which pods reach market-data-service,
     * what reaches each service from outside the namespace, where market-data-service may connect.
     */
    private static List<String> networkPolicyProblems(Manifests m) {
        NetworkPolicies policies = new NetworkPolicies(m.ofKind("NetworkPolicy").<JsonNode>map(Manifest::doc).toList());
        Map<String, String> ingestJob = Map.of("app.kubernetes.io/part-of", "trapwatch", "app.kubernetes.io/component", "ingest-job");
        Map<String, String> other = Map.of("app.kubernetes.io/part-of", "trapwatch", "app.kubernetes.io/name", "some-other-app");
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        for (String service : SERVICES) {
            pods.put(service, Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/part-of", "trapwatch"));
        }
        expect(problems, policies.ingress(pods.get("market-data-service"), NetworkPolicies.Peer.pod(ingestJob), 8081, "http"),
                true, "an ingest CronJob -> market-data-service");
        expect(problems, policies.ingress(pods.get("market-data-service"), NetworkPolicies.Peer.pod(pods.get("detection-service")), 8081, "http"),
                true, "detection-service -> market-data-service");
        expect(problems, policies.ingress(pods.get("market-data-service"), NetworkPolicies.Peer.pod(other), 8081, "http"),
                false, "another pod of the namespace -> market-data-service");
        // The sweeps proxy: monitor-api-service -> detection-service, both ends open; nobody else of the namespace.
        expect(problems, policies.ingress(pods.get("detection-service"), NetworkPolicies.Peer.pod(pods.get("monitor-api-service")), 8082, "http"),
                true, "monitor-api-service -> detection-service");
        expect(problems, policies.egress(pods.get("monitor-api-service"), NetworkPolicies.Peer.pod(pods.get("detection-service")), 8082),
                true, "monitor-api-service -> detection-service (egress)");
        expect(problems, policies.ingress(pods.get("detection-service"), NetworkPolicies.Peer.pod(other), 8082, "http"),
                false, "another pod of the namespace -> detection-service");
        expect(problems, policies.ingress(pods.get("detection-service"), NetworkPolicies.Peer.pod(ingestJob), 8082, "http"),
                false, "an ingest CronJob -> detection-service");
        for (String service : SERVICES) {
            int port = DEFAULT_HTTP_PORTS.get(service);
            expect(problems, policies.ingress(pods.get(service), NetworkPolicies.Peer.OUTSIDE, port, "http"),
                    service.equals("monitor-api-service"), "outside the namespace -> " + service);
            expect(problems, policies.ingress(pods.get(service), NetworkPolicies.Peer.namespace("monitoring"), port, "http"),
                    true, "Prometheus -> " + service + " /q/metrics");
            expect(problems, policies.egress(pods.get(service), NetworkPolicies.Peer.pod(Map.of("k8s-app", "kube-dns"), "kube-system"), 53),
                    true, service + " -> DNS");
        }
        expect(problems, policies.egress(pods.get("market-data-service"), NetworkPolicies.Peer.OUTSIDE, 443),
                true, "market-data-service -> Binance on 443");
        for (String service : SERVICES) {
            expect(problems, policies.egress(pods.get(service), NetworkPolicies.Peer.OUTSIDE, 80), false, service + " -> the internet on 80");
        }
        expect(problems, policies.egress(pods.get("detection-service"), NetworkPolicies.Peer.OUTSIDE, 443),
                false, "detection-service -> the internet on 443");
        return problems;
    }

    private static void expect(List<String> problems, boolean allowed, boolean wanted, String path) {
        if (allowed != wanted) {
            problems.add("NetworkPolicy: " + path + (wanted ? " must be allowed" : " must be denied (outside)"));
        }
    }

    private static List<String> operationsProblems(Manifests m) {
        List<String> problems = new ArrayList<>();
        for (Manifest deployment : m.ofKind("Deployment").toList()) {
            Map<String, String> labels = strings(deployment.doc().at("/spec/template/metadata/labels"));
            int replicas = deployment.doc().at("/spec/replicas").asInt(1);
            List<Manifest> budgets = m.ofKind("PodDisruptionBudget")
                    .filter(b -> labels.entrySet().containsAll(strings(b.doc().at("/spec/selector/matchLabels")).entrySet()))
                    .toList();
            if (budgets.size() != 1) {
                problems.add(deployment.where() + ": expected one PodDisruptionBudget selecting it, found " + budgets.size());
                continue;
            }
            JsonNode budget = budgets.get(0).doc().path("spec");
            int mayStop = budget.has("maxUnavailable") ? budget.path("maxUnavailable").asInt()
                    : replicas - budget.path("minAvailable").asInt();
            if (mayStop < 1) {
                problems.add(deployment.where() + ": its PodDisruptionBudget lets no pod go: the node could never be drained");
            }
            List<Manifest> monitors = m.ofKind("monitoring.coreos.com", "ServiceMonitor")
                    .filter(s -> deployment.name().equals(strings(s.doc().at("/spec/selector/matchLabels")).get("app.kubernetes.io/name")))
                    .toList();
            if (monitors.size() != 1 || !monitors.get(0).doc().at("/spec/endpoints/0/path").asText().equals("/q/metrics")
                    || !monitors.get(0).doc().at("/spec/endpoints/0/port").asText().equals("http")) {
                problems.add(deployment.where() + ": expected one ServiceMonitor scraping port http at /q/metrics");
            }
        }
        Set<String> alerts = new TreeSet<>();
        m.ofKind("monitoring.coreos.com", "PrometheusRule")
                .forEach(r -> r.doc().at("/spec/groups").forEach(g -> g.path("rules").forEach(rule -> alerts.add(rule.path("alert").asText()))));
        for (String alert : List.of("TrapWatchIngestLagging", "TrapWatchOutboxStuck", "TrapWatchConsumerLagGrowing",
                "TrapWatchBinanceBan", "TrapWatchServiceDown", "TrapWatchNotReady")) {
            if (!alerts.contains(alert)) {
                problems.add("PrometheusRule: no alert " + alert);
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ documents and kustomization

    private static List<String> documentProblems(Manifests m) {
        List<String> problems = new ArrayList<>(m.parseProblems());
        for (Manifest doc : m.docs()) {
            for (String field : List.of("/apiVersion", "/kind", "/metadata/name")) {
                if (doc.doc().at(field).asText().isBlank()) {
                    problems.add(doc.file() + ": a document without " + field);
                }
            }
        }
        return problems;
    }

    private static List<String> kustomizationProblems(Manifests m) {
        List<Manifest> kustomizations = m.ofKind("Kustomization").toList();
        if (kustomizations.size() != 1 || !kustomizations.get(0).file().equals("kustomization.yaml")) {
            return List.of("expected one Kustomization, in kustomization.yaml, found " + kustomizations.size());
        }
        JsonNode kustomization = kustomizations.get(0).doc();
        List<String> problems = new ArrayList<>();
        List<String> listed = texts(kustomization.path("resources"));
        Set<String> expected = new TreeSet<>(m.files());
        expected.remove("kustomization.yaml");
        if (listed.size() != new HashSet<>(listed).size() || !new TreeSet<>(listed).equals(expected)) {
            problems.add("kustomization.yaml: resources " + listed + " must list each of " + expected + " once");
        }
        if (!kustomization.path("namespace").asText().equals("trapwatch")) {
            problems.add("kustomization.yaml: namespace must be trapwatch");
        }
        return problems;
    }

    // ------------------------------------------------------------------ Deployments, references, Services

    private static List<String> deploymentProblems(Manifests m) {
        List<String> problems = new ArrayList<>();
        for (Manifest deployment : m.ofKind("Deployment").toList()) {
            String where = deployment.where();
            Map<String, String> podLabels = strings(deployment.doc().at("/spec/template/metadata/labels"));
            Map<String, String> selector = strings(deployment.doc().at("/spec/selector/matchLabels"));
            if (selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
                problems.add(where + ": selector " + selector + " must match the pod labels " + podLabels);
            }
            for (JsonNode container : deployment.doc().at("/spec/template/spec/containers")) {
                if (!container.path("image").asText().startsWith("trapwatch/" + deployment.name() + ":")) {
                    problems.add(where + ": image " + container.path("image").asText() + " is not trapwatch/" + deployment.name());
                }
                Set<String> ports = containerPorts(container);
                probe(problems, where, container, "livenessProbe", "/q/health/live", ports);
                probe(problems, where, container, "readinessProbe", "/q/health/ready", ports);
                if (container.has("startupProbe")) {
                    probe(problems, where, container, "startupProbe", null, ports);
                }
                for (String field : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                    if (container.at("/resources/" + field.replace('.', '/')).asText().isBlank()) {
                        problems.add(where + ": no resources." + field);
                    }
                }
                Map<String, String> env = resolvedEnv(m, container);
                for (String required : List.of("TRAPWATCH_JDBC_URL", "TRAPWATCH_JDBC_USER", "TRAPWATCH_JDBC_PASSWORD",
                        "TRAPWATCH_KAFKA_BOOTSTRAP")) {
                    if (!env.containsKey(required)) {
                        problems.add(where + ": " + required + " is not set, the service would fall back to localhost");
                    }
                }
                JsonNode instance = env(container, "TRAPWATCH_INSTANCE_NAME");
                if (KAFKA_CONSUMERS.contains(deployment.name()) && (instance == null
                        || !instance.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.name"))) {
                    problems.add(where + ": TRAPWATCH_INSTANCE_NAME must be the pod name (fieldRef metadata.name): a"
                            + " fixed name would make the replicas' consumers one static member that fences itself");
                }
                Integer defaultPort = DEFAULT_HTTP_PORTS.get(deployment.name());
                String listening = env.getOrDefault("TRAPWATCH_HTTP_PORT", String.valueOf(defaultPort));
                if (!ports.contains(listening)) {
                    problems.add(where + ": the service listens on " + listening + " but declares containerPorts " + ports);
                }
            }
        }
        return problems;
    }

    private static void probe(List<String> problems, String where, JsonNode container, String probe, String path,
                              Set<String> ports) {
        JsonNode get = container.path(probe).path("httpGet");
        String actualPath = get.path("path").asText();
        if (path == null ? !HEALTH_PATHS.contains(actualPath) : !actualPath.equals(path)) {
            problems.add(where + ": " + probe + " must GET " + (path == null ? HEALTH_PATHS : path) + ", not '" + actualPath + "'");
        }
        if (!ports.contains(get.path("port").asText())) {
            problems.add(where + ": " + probe + " port " + get.path("port").asText() + " is not a containerPort " + ports);
        }
    }

    /** Numbers and names of the container's ports: a probe or Service may use either. */
    private static Set<String> containerPorts(JsonNode container) {
        Set<String> ports = new TreeSet<>();
        for (JsonNode port : container.path("ports")) {
            ports.add(port.path("containerPort").asText());
            if (port.has("name")) {
                ports.add(port.path("name").asText());
            }
        }
        return ports;
    }

    private static List<String> referenceProblems(Manifests m) {
        Map<String, Map<String, String>> configMaps = configMaps(m);
        Map<String, Set<String>> secrets = secrets(m);
        List<String> problems = new ArrayList<>();
        podSpecs(m).forEach((where, pod) -> {
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode source : container.path("envFrom")) {
                    String configMap = source.at("/configMapRef/name").asText(null);
                    String secret = source.at("/secretRef/name").asText(null);
                    if (configMap != null && !configMaps.containsKey(configMap)) {
                        problems.add(where + ": envFrom unknown ConfigMap '" + configMap + "'");
                    }
                    if (secret != null && !secrets.containsKey(secret)) {
                        problems.add(where + ": envFrom unknown Secret '" + secret + "'");
                    }
                }
                for (JsonNode env : container.path("env")) {
                    JsonNode cmRef = env.at("/valueFrom/configMapKeyRef");
                    JsonNode secretRef = env.at("/valueFrom/secretKeyRef");
                    if (!cmRef.isMissingNode()) {
                        keyRef(problems, where, "ConfigMap", cmRef, configMaps.containsKey(cmRef.path("name").asText())
                                ? configMaps.get(cmRef.path("name").asText()).keySet() : null);
                    }
                    if (!secretRef.isMissingNode()) {
                        keyRef(problems, where, "Secret", secretRef, secrets.get(secretRef.path("name").asText()));
                    }
                }
            }
        });
        return problems;
    }

    private static void keyRef(List<String> problems, String where, String kind, JsonNode ref, Set<String> keys) {
        String name = ref.path("name").asText();
        String key = ref.path("key").asText();
        if (keys == null) {
            problems.add(where + ": unknown " + kind + " '" + name + "'");
        } else if (!keys.contains(key)) {
            problems.add(where + ": " + kind + " '" + name + "' has no key '" + key + "' (keys " + new TreeSet<>(keys) + ")");
        }
    }

    private static List<String> serviceProblems(Manifests m) {
        List<String> problems = new ArrayList<>();
        for (Manifest service : m.ofKind("Service").toList()) {
            Manifest deployment = selectedDeployment(m, service);
            if (deployment == null) {
                problems.add(service.where() + ": selector " + strings(service.doc().at("/spec/selector")) + " selects no Deployment");
                continue;
            }
            Set<String> ports = new TreeSet<>();
            deployment.doc().at("/spec/template/spec/containers").forEach(c -> ports.addAll(containerPorts(c)));
            for (JsonNode port : service.doc().at("/spec/ports")) {
                String target = port.has("targetPort") ? port.path("targetPort").asText() : port.path("port").asText();
                if (!ports.contains(target)) {
                    problems.add(service.where() + ": targetPort " + target + " is not a containerPort of "
                            + deployment.name() + " " + ports);
                }
            }
        }
        return problems;
    }

    private static Manifest selectedDeployment(Manifests m, Manifest service) {
        Map<String, String> selector = strings(service.doc().at("/spec/selector"));
        List<Manifest> selected = m.ofKind("Deployment").filter(d -> !selector.isEmpty()
                && strings(d.doc().at("/spec/template/metadata/labels")).entrySet().containsAll(selector.entrySet())).toList();
        return selected.size() == 1 ? selected.get(0) : null;
    }

    // ------------------------------------------------------------------ connection settings

    private static List<String> connectionProblems(Manifests m) {
        Map<String, Set<Integer>> services = servicePorts(m);
        Map<String, String> databases = new HashMap<>();
        m.ofKind("postgresql.cnpg.io", "Cluster").forEach(c ->
                databases.put(c.name() + "-rw", c.doc().at("/spec/bootstrap/initdb/database").asText("app")));
        List<String> problems = new ArrayList<>();
        for (Manifest deployment : m.ofKind("Deployment").toList()) {
            String where = deployment.where();
            for (JsonNode container : deployment.doc().at("/spec/template/spec/containers")) {
                Map<String, String> env = resolvedEnv(m, container);
                String jdbc = env.get("TRAPWATCH_JDBC_URL");
                if (jdbc != null) {
                    URI uri = URI.create(jdbc.replaceFirst("^jdbc:", ""));
                    hostPort(problems, where, "TRAPWATCH_JDBC_URL", uri.getHost(), uri.getPort(), services);
                    String database = uri.getPath().replaceFirst("^/", "");
                    if (databases.containsKey(uri.getHost()) && !database.equals(databases.get(uri.getHost()))) {
                        problems.add(where + ": TRAPWATCH_JDBC_URL names database '" + database + "' but "
                                + uri.getHost() + " serves '" + databases.get(uri.getHost()) + "'");
                    }
                }
                for (String server : env.getOrDefault("TRAPWATCH_KAFKA_BOOTSTRAP", "").split(",")) {
                    if (!server.isBlank()) {
                        String[] hostAndPort = server.trim().split(":");
                        hostPort(problems, where, "TRAPWATCH_KAFKA_BOOTSTRAP", hostAndPort[0],
                                hostAndPort.length == 2 ? Integer.parseInt(hostAndPort[1]) : -1, services);
                    }
                }
                String marketData = env.get("TRAPWATCH_MARKET_DATA_URL");
                if (marketData != null) {
                    URI uri = URI.create(marketData);
                    hostPort(problems, where, "TRAPWATCH_MARKET_DATA_URL", uri.getHost(), uri.getPort(), services);
                } else if (!deployment.name().equals(INGEST_OWNER)) {
                    problems.add(where + ": TRAPWATCH_MARKET_DATA_URL is not set");
                }
                String detectionUrl = env.get("TRAPWATCH_DETECTION_URL");
                if (detectionUrl != null) {
                    URI uri = URI.create(detectionUrl);
                    hostPort(problems, where, "TRAPWATCH_DETECTION_URL", uri.getHost(), uri.getPort(), services);
                } else if (deployment.name().equals("monitor-api-service")) {
                    problems.add(where + ": TRAPWATCH_DETECTION_URL is not set (the sweeps proxy)");
                }
                if (deployment.name().equals(INGEST_OWNER) && !"binance".equals(env.get("TRAPWATCH_MARKET_DATA_SOURCE"))) {
                    problems.add(where + ": TRAPWATCH_MARKET_DATA_SOURCE must be binance in the cluster");
                }
            }
        }
        return problems;
    }

    private static void hostPort(List<String> problems, String where, String setting, String host, int port,
                                 Map<String, Set<Integer>> services) {
        if (!services.containsKey(host)) {
            problems.add(where + ": " + setting + " names unknown Service '" + host + "' (known " + new TreeSet<>(services.keySet()) + ")");
        } else if (!services.get(host).contains(port)) {
            problems.add(where + ": " + setting + " uses port " + port + " but Service " + host + " has " + services.get(host));
        }
    }

    // ------------------------------------------------------------------ CronJobs

    private static List<String> cronJobProblems(Manifests m) {
        Map<String, Set<Integer>> declaredServices = new HashMap<>();
        m.ofKind("Service").filter(s -> selectedDeployment(m, s) != null && selectedDeployment(m, s).name().equals(INGEST_OWNER))
                .forEach(s -> declaredServices.put(s.name(), ints(s.doc().at("/spec/ports"), "port")));
        List<String> problems = new ArrayList<>();
        Map<String, Integer> calls = new HashMap<>();
        for (Manifest cron : m.ofKind("CronJob").toList()) {
            String where = cron.where();
            JsonNode spec = cron.doc().path("spec");
            if (!Set.of("UTC", "Etc/UTC").contains(spec.path("timeZone").asText())) {
                problems.add(where + ": timeZone must be UTC, candles close on UTC hours");
            }
            if (!spec.path("concurrencyPolicy").asText().equals("Forbid")) {
                problems.add(where + ": concurrencyPolicy must be Forbid");
            }
            if (!spec.at("/jobTemplate/spec/backoffLimit").canConvertToInt()) {
                problems.add(where + ": no backoffLimit");
            }
            JsonNode containers = spec.at("/jobTemplate/spec/template/spec/containers");
            if (containers.size() != 1) {
                problems.add(where + ": expected one container");
                continue;
            }
            List<String> argv = new ArrayList<>(texts(containers.get(0).path("command")));
            argv.addAll(texts(containers.get(0).path("args")));
            int method = argv.indexOf("-X");
            List<String> urls = argv.stream().filter(a -> a.startsWith("http")).toList();
            if (argv.stream().noneMatch(a -> a.equals("--fail") || a.matches("-[a-zA-Z]*f[a-zA-Z]*"))) {
                problems.add(where + ": curl without -f would report an HTTP error as success");
            }
            if (method < 0 || method + 1 >= argv.size() || !argv.get(method + 1).equals(INGEST_METHOD) || urls.size() != 1) {
                problems.add(where + ": expected one URL called with -X " + INGEST_METHOD + ", got " + argv);
                continue;
            }
            URI url = URI.create(urls.get(0));
            if (!declaredServices.containsKey(url.getHost())) {
                problems.add(where + ": calls unknown Service '" + url.getHost() + "' (" + INGEST_OWNER + " is behind "
                        + declaredServices.keySet() + ")");
            } else if (!declaredServices.get(url.getHost()).contains(url.getPort())) {
                problems.add(where + ": calls port " + url.getPort() + " but Service " + url.getHost()
                        + " has ports " + declaredServices.get(url.getHost()));
            }
            Map<String, List<String>> allowed = INGEST_ENDPOINTS.get(url.getPath());
            if (allowed == null) {
                problems.add(where + ": " + url.getPath() + " is not an ingest endpoint " + INGEST_ENDPOINTS.keySet());
                continue;
            }
            Map<String, String> query = query(url);
            if (!query.keySet().equals(allowed.keySet())) {
                problems.add(where + ": query parameters " + query.keySet() + " must be exactly " + allowed.keySet());
                continue;
            }
            query.forEach((name, value) -> {
                if (!allowed.get(name).contains(value)) {
                    problems.add(where + ": " + name + "=" + value + " is not one of " + allowed.get(name));
                }
            });
            String interval = query.get("interval");
            String scheduleProblem = scheduleProblem(spec.path("schedule").asText(), interval);
            if (scheduleProblem != null) {
                problems.add(where + ": schedule '" + spec.path("schedule").asText() + "' " + scheduleProblem);
            }
            calls.merge(call(url.getPath(), query.get("market_type"), interval), 1, Integer::sum);
        }
        for (MarketType market : MarketType.values()) {
            expectOnce(problems, calls, call(SYNC_PATH, market.wire(), null));
            for (Interval interval : Interval.values()) {
                expectOnce(problems, calls, call(UPDATE_PATH, market.wire(), interval.wire()));
            }
        }
        return problems;
    }

    private static String call(String path, String market, String interval) {
        return path + " for " + market + (interval == null ? "" : " " + interval);
    }

    private static void expectOnce(List<String> problems, Map<String, Integer> calls, String call) {
        if (calls.getOrDefault(call, 0) != 1) {
            problems.add("CronJobs: expected exactly one calling " + call + ", found " + calls.getOrDefault(call, 0));
        }
    }

    /**
     * The update must run a few minutes after its interval's candles close (minute 1..15 of each closing hour:
     * every hour for 1h, 0,4,...,20 for 4h, 0 for 1d); a sync (no interval) runs once a day.
     */
    private static String scheduleProblem(String schedule, String interval) {
        String[] fields = schedule.trim().split("\\s+");
        if (fields.length != 5 || !fields[0].matches("\\d+") || !fields[2].equals("*") || !fields[3].equals("*")
                || !fields[4].equals("*")) {
            return "must be '<minute> <hours> * * *'";
        }
        int minute = Integer.parseInt(fields[0]);
        Set<Integer> hours = hours(fields[1]);
        if (interval == null) {
            return hours.size() == 1 && minute < 60 ? null : "must run once a day";
        }
        Set<Integer> closingHours = IntStream.range(0, 24)
                .filter(h -> h % Interval.fromWire(interval).length().toHours() == 0).boxed().collect(Collectors.toSet());
        if (minute < 1 || minute > 15) {
            return "must run 1 to 15 minutes after the candle close, not at minute " + minute;
        }
        return hours.equals(closingHours) ? null : "runs at hours " + hours + " but " + interval + " candles close at " + closingHours;
    }

    private static Set<Integer> hours(String field) {
        Set<Integer> hours = new TreeSet<>();
        for (String part : field.split(",")) {
            String[] rangeAndStep = part.split("/");
            int step = rangeAndStep.length == 2 ? Integer.parseInt(rangeAndStep[1]) : 1;
            String range = rangeAndStep[0];
            int from = range.equals("*") ? 0 : Integer.parseInt(range.split("-")[0]);
            int to = range.equals("*") || (rangeAndStep.length == 2 && !range.contains("-")) ? 23
                    : Integer.parseInt(range.contains("-") ? range.split("-")[1] : range);
            for (int h = from; h <= to; h += step) {
                hours.add(h);
            }
        }
        return hours;
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        if (url.getQuery() != null) {
            for (String pair : url.getQuery().split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.put(nameAndValue[0], nameAndValue.length == 2 ? nameAndValue[1] : "");
            }
        }
        return query;
    }

    // ------------------------------------------------------------------ Kafka and replica counts

    private static List<String> kafkaProblems(Manifests m) {
        List<String> problems = new ArrayList<>();
        Set<String> clusters = m.ofKind("kafka.strimzi.io", "Kafka").map(Manifest::name).collect(Collectors.toSet());
        Map<String, Integer> brokers = new HashMap<>();
        for (Manifest pool : m.ofKind("kafka.strimzi.io", "KafkaNodePool").toList()) {
            String cluster = pool.doc().at("/metadata/labels/strimzi.io~1cluster").asText();
            if (!clusters.contains(cluster)) {
                problems.add(pool.where() + ": belongs to unknown Kafka '" + cluster + "'");
            }
            if (texts(pool.doc().at("/spec/roles")).contains("broker")) {
                brokers.merge(cluster, pool.doc().at("/spec/replicas").asInt(), Integer::sum);
            }
        }
        Map<String, JsonNode> topics = new HashMap<>();
        for (Manifest topic : m.ofKind("kafka.strimzi.io", "KafkaTopic").toList()) {
            JsonNode spec = topic.doc().path("spec");
            String cluster = topic.doc().at("/metadata/labels/strimzi.io~1cluster").asText();
            int replicas = spec.path("replicas").asInt();
            if (!clusters.contains(cluster)) {
                problems.add(topic.where() + ": belongs to unknown Kafka '" + cluster + "'");
            } else if (replicas < 1 || replicas > brokers.getOrDefault(cluster, 0)) {
                problems.add(topic.where() + ": replicas " + replicas + " but Kafka " + cluster + " has "
                        + brokers.getOrDefault(cluster, 0) + " brokers");
            }
            int minInSync = spec.at("/config/min.insync.replicas").asInt(1);
            if (minInSync >= replicas) {
                problems.add(topic.where() + ": min.insync.replicas " + minInSync + " leaves no broker to lose");
            }
            topics.put(spec.path("topicName").asText(topic.name()), spec);
        }
        for (String topic : List.of(Topics.KLINE_CLOSED, Topics.MONITOR_STATE_CHANGED)) {
            if (!topics.containsKey(topic)) {
                problems.add("KafkaTopics: " + topic + " is not declared (broker auto-creation is off)");
            }
        }
        JsonNode klineClosed = topics.get(Topics.KLINE_CLOSED);
        int consumers = m.ofKind("Deployment").filter(d -> d.name().equals("detection-service"))
                .mapToInt(d -> d.doc().at("/spec/replicas").asInt(1) * detectionConsumersPerPod()).sum();
        if (klineClosed != null && klineClosed.path("partitions").asInt() < consumers) {
            problems.add("KafkaTopic " + Topics.KLINE_CLOSED + ": partitions " + klineClosed.path("partitions").asInt()
                    + " < " + consumers + " detection-service consumers, some would idle");
        }
        return problems;
    }

    /**
     * Consumers each detection-service pod opens on kline-closed: SmallRye's "concurrency" copies of the channel,
     * each with "partitions" consumers (both default 1).
     */
    private static int detectionConsumersPerPod() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(DETECTION_PROPERTIES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(properties.getProperty("mp.messaging.incoming.kline-closed-in.concurrency", "1").trim())
                * Integer.parseInt(properties.getProperty("mp.messaging.incoming.kline-closed-in.partitions", "1").trim());
    }

    /** Combined kline stream path per market: USDT-M futures klines moved to /market in 2026 (elsewhere: silence). */
    private static final Map<String, String> STREAM_PATHS = Map.of(
            "TRAPWATCH_STREAM_SPOT_URL", "/stream", "TRAPWATCH_STREAM_FUTURES_URL", "/market/stream");

    /** Streaming is on by default, on Binance's market stream paths, for intervals the detectors know. */
    private static List<String> streamProblems(Manifests m) {
        Map<String, String> env = ingestEnv(m);
        List<String> problems = new ArrayList<>();
        if (!"true".equals(env.get("TRAPWATCH_STREAM_ENABLED"))) {
            problems.add(INGEST_OWNER + ": TRAPWATCH_STREAM_ENABLED must be true (streams by default, CronJobs as the safety net)");
        }
        STREAM_PATHS.forEach((key, path) -> {
            String value = env.get(key);
            if (value == null) {
                return; // the service's default is Binance's market endpoint
            }
            URI url = URI.create(value);
            if (!Set.of("ws", "wss").contains(String.valueOf(url.getScheme()))) {
                problems.add(INGEST_OWNER + ": " + key + " must be ws:// or wss://, got " + value);
            } else if (!url.getPath().replaceAll("/+$", "").endsWith(path)) {
                problems.add(INGEST_OWNER + ": " + key + " must end in " + path + ", got " + value);
            }
        });
        for (String interval : env.getOrDefault("TRAPWATCH_STREAM_INTERVALS", "1h").split(",")) {
            try {
                Interval.fromWire(interval);
            } catch (IllegalArgumentException e) {
                problems.add(INGEST_OWNER + ": TRAPWATCH_STREAM_INTERVALS: " + e.getMessage());
            }
        }
        return problems;
    }

    /** The environment of market-data-service's container: its ConfigMaps (envFrom) overlaid by its plain env values. */
    private static Map<String, String> ingestEnv(Manifests m) {
        JsonNode container = m.resource("Deployment", INGEST_OWNER).at("/spec/template/spec/containers/0");
        Map<String, Map<String, String>> configMaps = configMaps(m);
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            env.putAll(configMaps.getOrDefault(from.at("/configMapRef/name").asText(), Map.of()));
        }
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return env;
    }

    private static List<String> singletonProblems(Manifests m) {
        return m.ofKind("Deployment").filter(d -> d.name().equals(INGEST_OWNER))
                .filter(d -> d.doc().at("/spec/replicas").asInt(1) != 1
                        || !d.doc().at("/spec/strategy/type").asText().equals("Recreate"))
                .map(d -> d.where() + ": must run exactly 1 replica with strategy Recreate (one Binance weight budget,"
                        + " one outbox drainer)")
                .toList();
    }

    // ------------------------------------------------------------------ what exists, declared or operator-created

    private static Map<String, Map<String, String>> configMaps(Manifests m) {
        Map<String, Map<String, String>> configMaps = new HashMap<>();
        m.ofKind("ConfigMap").forEach(c -> configMaps.put(c.name(), strings(c.doc().path("data"))));
        return configMaps;
    }

    private static Map<String, Set<String>> secrets(Manifests m) {
        Map<String, Set<String>> secrets = new HashMap<>();
        m.ofKind("Secret").forEach(s -> {
            Set<String> keys = new HashSet<>(strings(s.doc().path("data")).keySet());
            keys.addAll(strings(s.doc().path("stringData")).keySet());
            secrets.put(s.name(), keys);
        });
        m.ofKind("postgresql.cnpg.io", "Cluster").forEach(c -> secrets.put(c.name() + "-app", CNPG_APP_SECRET_KEYS));
        secrets.putIfAbsent(TOKEN_SECRET, TOKEN_SECRET_KEYS);
        secrets.putIfAbsent(ALERTS_SECRET, ALERTS_SECRET_KEYS);
        return secrets;
    }

    /** Declared Services plus those CloudNativePG (-rw, -ro, -r on 5432) and Strimzi (-kafka-bootstrap) create. */
    private static Map<String, Set<Integer>> servicePorts(Manifests m) {
        Map<String, Set<Integer>> services = new HashMap<>();
        m.ofKind("Service").forEach(s -> services.put(s.name(), ints(s.doc().at("/spec/ports"), "port")));
        m.ofKind("postgresql.cnpg.io", "Cluster").forEach(c ->
                List.of("-rw", "-ro", "-r").forEach(suffix -> services.put(c.name() + suffix, Set.of(5432))));
        m.ofKind("kafka.strimzi.io", "Kafka").forEach(k ->
                services.put(k.name() + "-kafka-bootstrap", ints(k.doc().at("/spec/kafka/listeners"), "port")));
        return services;
    }

    private static Map<String, JsonNode> podSpecs(Manifests m) {
        Map<String, JsonNode> pods = new LinkedHashMap<>();
        m.ofKind("Deployment").forEach(d -> pods.put(d.where(), d.doc().at("/spec/template/spec")));
        m.ofKind("CronJob").forEach(c -> pods.put(c.where(), c.doc().at("/spec/jobTemplate/spec/template/spec")));
        return pods;
    }

    /** The container's environment as the pod would see it; Secret values are placeholders. */
    private static Map<String, String> resolvedEnv(Manifests m, JsonNode container) {
        Map<String, Map<String, String>> configMaps = configMaps(m);
        Map<String, Set<String>> secrets = secrets(m);
        Map<String, String> env = new HashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String prefix = source.path("prefix").asText("");
            configMaps.getOrDefault(source.at("/configMapRef/name").asText(), Map.of())
                    .forEach((key, value) -> env.put(prefix + key, value));
            secrets.getOrDefault(source.at("/secretRef/name").asText(), Set.of())
                    .forEach(key -> env.put(prefix + key, "<secret>"));
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                env.put(name, variable.path("value").asText());
            }
            JsonNode cmRef = variable.at("/valueFrom/configMapKeyRef");
            String cmValue = configMaps.getOrDefault(cmRef.path("name").asText(), Map.of()).get(cmRef.path("key").asText());
            if (cmValue != null) {
                env.put(name, cmValue);
            }
            if (!variable.at("/valueFrom/secretKeyRef").isMissingNode()) {
                env.put(name, "<secret>");
            }
        }
        return env;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Set<Integer> ints(JsonNode array, String field) {
        Set<Integer> values = new TreeSet<>();
        array.forEach(item -> values.add(item.path(field).asInt()));
        return values;
    }
}
