import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The HTTP side of deploy/local/run.sh: waits for processes, then runs the four user flows over the services' REST
 * APIs and prints the summary. Plain Java (run as a single source file) so the run needs nothing but a JDK.
 */
public class LocalFlows {

    static final List<String> MARKETS = List.of("spot", "futures");
    static final List<String> INTERVALS = List.of("1h", "4h", "1d");
    static final String KLINE_TOPIC = "trapwatch.kline-closed.v1";
    static final String MONITOR_TOPIC = "trapwatch.monitor-state-changed.v1";

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** The write endpoints' bearer token; run.sh generates it and gives it to the services and to this program. */
    static final String TOKEN = System.getenv("TRAPWATCH_API_TOKEN");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "wait-log" -> waitFor("'" + args[2] + "' in " + args[1], Integer.parseInt(args[3]), pid(args, 4),
                    () -> Files.exists(Path.of(args[1])) && Files.readString(Path.of(args[1])).contains(args[2]));
            case "wait-port" -> waitFor("port " + args[2], Integer.parseInt(args[3]), pid(args, 4), () -> {
                try (Socket ignored = new Socket(args[1], Integer.parseInt(args[2]))) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            case "wait-ready" -> waitFor(args[1], Integer.parseInt(args[2]), pid(args, 3), () -> {
                try {
                    return call("GET", args[1]).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            case "flows" -> new LocalFlows().flows(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]));
            case "stream-start" -> System.out.println(streamStart(Path.of(args[1]), Integer.parseInt(args[2])));
            case "stream" -> stream(args[1], args[2], Double.parseDouble(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** The pid of the process being waited for, when given: its exit ends the wait at once. */
    static long pid(String[] args, int index) {
        return args.length > index ? Long.parseLong(args[index]) : -1;
    }

    static void waitFor(String what, int seconds, long pid, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            if (pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                System.err.println("the process (pid " + pid + ") exited while waiting for " + what);
                System.exit(1);
            }
            Thread.sleep(500);
        }
        System.err.println("timed out after " + seconds + " s waiting for " + what);
        System.exit(1);
    }

    static HttpResponse<String> call(String method, String url) throws IOException, InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)), method)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Writes carry the operator token; reads are public. */
    static HttpRequest.Builder authorized(HttpRequest.Builder request, String method) {
        return method.equals("GET") || TOKEN == null ? request : request.header("Authorization", "Bearer " + TOKEN);
    }

    static JsonNode json(String method, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = call(method, url);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    void flows(String marketData, String detection, String api, String bootstrap, int backfill) throws Exception {
        System.out.println("-- flow 1: sync trading pairs");
        for (String market : MARKETS) {
            JsonNode r = json("POST", marketData + "/api/market-data/instruments/sync?market_type=" + market + "&exchange=binance");
            System.out.printf("   %-7s created %d, updated %d, delisted %d, active %d%n", market,
                    r.path("created").asInt(), r.path("updated").asInt(), r.path("delisted").asInt(), r.path("active").asInt());
        }

        System.out.println("-- flow 2: update K-lines (full back-fill)");
        for (String market : MARKETS) {
            for (String interval : INTERVALS) {
                JsonNode r = json("POST", marketData + "/api/market-data/klines/update?market_type=" + market
                        + "&interval=" + interval + "&backfill=" + backfill);
                System.out.printf("   %-7s %-3s instruments %4d, bars saved %7d, events published %7d, failed %d, %d ms%n",
                        market, interval, r.path("instruments").asInt(), r.path("bars_saved").asInt(),
                        r.path("events_published").asInt(), r.path("failed").size(), r.path("elapsed_ms").asLong());
                for (JsonNode f : r.path("failed")) {
                    System.out.println("      failed " + f.path("symbol").asText() + ": " + f.path("error").asText());
                }
            }
        }

        System.out.println("-- flow 3: detection processes every bar as it streams in");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            awaitConsumed(admin, "detection-service", KLINE_TOPIC);
            awaitConsumed(admin, "monitor-api-service", MONITOR_TOPIC);
        }
        for (String market : MARKETS) {
            for (String interval : INTERVALS) {
                JsonNode scan = runCatchUpScan(detection, market, interval);
                JsonNode result = scan.path("result");
                System.out.printf("   catch-up scan %-7s %-3s: %s, new transitions: discovered %d, confirmed %d, validated %d, invalidated %d, expired %d%n",
                        market, interval, scan.path("status").asText(), result.path("discovered").asInt(),
                        result.path("confirmed").asInt(), result.path("validated").asInt(),
                        result.path("invalidated").asInt(), result.path("expired").asInt());
            }
        }

        System.out.println("-- flow 4: query the results");
        summary(marketData, detection, api);
    }

    /** The replay clock's start for --stream: the newest recorded bar's close, on the hour, minus {@code days}. */
    static Instant streamStart(Path data, int days) throws IOException {
        return dataEnd(data).minus(Duration.ofDays(days));
    }

    /** Just after the newest recorded bar closed, on the hour: where the replay data ends. */
    static Instant dataEnd(Path data) throws IOException {
        long newest = Long.MIN_VALUE;
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") && f.getParent().endsWith("klines")).toList()) {
                JsonNode rows = JSON.readTree(file.toFile());
                if (rows.size() > 0) {
                    newest = Math.max(newest, rows.get(rows.size() - 1).path(6).asLong());
                }
            }
        }
        long hour = Duration.ofHours(1).toMillis();
        return Instant.ofEpochMilli((newest + 1) / hour * hour);
    }

    /**
     * Plays the replay data bar by bar: every {@code secondsPerHour} the replay clock moves one hour, the replay
     * stream server pushes the bars that closed, and this prints what arrived and how many monitors exist now.
     */
    static void stream(String marketData, String api, double secondsPerHour, Path data) throws Exception {
        System.out.println("-- streaming the replay data, one hour every " + secondsPerHour + " s (Ctrl-C stops)");
        Instant end = dataEnd(data);
        Instant now = Instant.parse(json("GET", marketData + "/api/market-data/replay/clock").path("now").asText());
        while (now.isBefore(end)) {
            now = Instant.parse(json("POST", marketData + "/api/market-data/replay/advance?bars=1&interval=1h").path("now").asText());
            Thread.sleep((long) (secondsPerHour * 1000));
            JsonNode status = json("GET", marketData + "/api/market-data/stream");
            StringBuilder line = new StringBuilder(String.format("   %s ", now));
            for (JsonNode market : status.path("markets")) {
                line.append(String.format(" %s: %d streams, %d bars streamed, %d stored;", market.path("market_type").asText(),
                        market.path("streams").asInt(), market.path("bars_received").asLong(), market.path("bars_stored").asLong()));
            }
            int monitors = 0;
            for (JsonNode row : json("GET", api + "/api/volume-trap/statistics/").path("by_status")) {
                monitors += row.path("count").asInt();
            }
            System.out.println(line.append(" monitors: ").append(monitors));
        }
        System.out.println("   the replay data is played to its end; new monitors: " + api + "/api/volume-trap/monitors/");
    }

    static void awaitConsumed(Admin admin, String group, String topic) throws Exception {
        long started = System.nanoTime();
        long stableSince = -1;
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            long end = ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            long done = partitions.stream().mapToLong(p -> committed.containsKey(p) ? committed.get(p).offset() : 0).sum();
            System.out.printf("   %-20s %8d / %8d events of %s%n", group, done, end, topic);
            if (done >= end) {
                if (stableSince < 0) {
                    stableSince = System.nanoTime();
                } else if (System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
                    return; // nothing new arrived for a while: upstream has drained too
                }
            } else {
                stableSince = -1;
            }
            if (System.nanoTime() - started > Duration.ofMinutes(30).toNanos()) {
                throw new IllegalStateException(group + " did not catch up with " + topic);
            }
            Thread.sleep(2000);
        }
    }

    static JsonNode runCatchUpScan(String detection, String market, String interval) throws Exception {
        String body = "{\"market_type\":\"" + market + "\",\"interval\":\"" + interval + "\"}";
        HttpRequest post = authorized(HttpRequest.newBuilder(URI.create(detection + "/api/detection/scans")), "POST")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> accepted = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("scan " + market + " " + interval + " answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).path("id").asText();
        while (true) {
            JsonNode scan = json("GET", detection + "/api/detection/scans/" + id);
            if (!"running".equals(scan.path("status").asText())) {
                return scan;
            }
            Thread.sleep(500);
        }
    }

    static void summary(String marketData, String detection, String api) throws Exception {
        for (String market : MARKETS) {
            int instruments = json("GET", marketData + "/api/market-data/instruments?market_type=" + market + "&status=active")
                    .path("count").asInt();
            long bars = 0;
            for (String interval : INTERVALS) {
                for (JsonNode s : json("GET", marketData + "/api/market-data/series?market_type=" + market + "&interval=" + interval).path("series")) {
                    bars += s.path("bars").asLong();
                }
            }
            System.out.printf("   %-7s %d active instruments, %d bars stored%n", market, instruments, bars);
        }
        JsonNode stats = json("GET", api + "/api/volume-trap/statistics/");
        Map<String, Integer> counts = new HashMap<>();
        System.out.println("   monitors per market, interval and status:");
        for (JsonNode row : stats.path("by_status")) {
            System.out.printf("     %-7s %-3s %-22s %5d%n", row.path("market_type").asText(), row.path("interval").asText(),
                    row.path("status").asText(), row.path("count").asInt());
            counts.merge(row.path("market_type").asText(), row.path("count").asInt(), Integer::sum);
        }
        System.out.println("   total monitors: " + counts);
        System.out.println("   five most recent monitors:");
        for (JsonNode m : json("GET", api + "/api/volume-trap/monitors/?page_size=5").path("results")) {
            System.out.printf("     #%-5d %-7s %-12s %-3s %-22s trigger %s at %s%n", m.path("id").asLong(),
                    m.path("market_type").asText(), m.path("symbol").asText(), m.path("interval").asText(),
                    m.path("status").asText(), m.path("trigger_time").asText(), m.path("trigger_price").asText());
        }
        System.out.println();
        System.out.println("   Monitor API:  " + api + "/api/volume-trap/monitors/?market_type=spot&status=pending");
        System.out.println("   Swagger UI:   " + api + "/q/swagger-ui  (also " + marketData + "/q/swagger-ui)");
        System.out.println("   Statistics:   " + api + "/api/volume-trap/statistics/");
        System.out.println("   Metrics:      " + marketData + "/q/metrics  " + detection + "/q/metrics  " + api + "/q/metrics");
    }
}
