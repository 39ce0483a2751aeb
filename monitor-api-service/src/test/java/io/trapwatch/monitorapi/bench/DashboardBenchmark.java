package io.trapwatch.monitorapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.support.Browser;
import io.trapwatch.monitorapi.support.Events;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dashboard page-load benchmark (not a test) against a running system, by default the local run
 * (deploy/local/run.sh --detach). A headless Chromium loads each page {@code bench.runs} times; the figures are the
 * page's own Performance API marks, in ms from the start of the navigation: the pool until its rows are drawn
 * ({@code pool-rendered}), the monitor page until the chart library reports the chart drawn ({@code chart-drawn}).
 * With {@code bench.kafka} set it also measures live updates: a new monitor's MonitorStateChanged is produced to that
 * broker and the time until its row shows in the open pool is taken; those monitors (symbols ZZBENCH…, spot 1d)
 * stay in the read model. With the operator token ({@code bench.token}, or the local run's .trapwatch/api-token) it
 * also runs a small threshold sweep from the sweeps page, for its screenshot.
 */
public final class DashboardBenchmark {

    private static final String URL = System.getProperty("bench.url", "http://localhost:8080");
    private static final int RUNS = Integer.getInteger("bench.runs", 10);
    private static final String KAFKA = System.getProperty("bench.kafka", "");
    /** The operator token for the sweep: bench.token, else the local run's .trapwatch/api-token when there is one. */
    private static final String TOKEN = System.getProperty("bench.token", localToken());

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long monitorId = chartedMonitor();
        System.out.printf("dashboard at %s, monitor page of monitor %d, %d runs each after one warm-up load%n", URL, monitorId, RUNS);
        try (Browser browser = Browser.open(URL)) {
            report("pool: navigation start -> rows drawn", loads(browser, "/dashboard/", "pool-rendered"));
            report("monitor page: navigation start -> chart drawn", loads(browser, "/dashboard/monitors/" + monitorId, "chart-drawn"));
            screenshots(browser); // before the live part, whose benchmark monitors would fill the pool
            if (!KAFKA.isEmpty()) {
                report("live: event produced -> row shown in the open pool", live(browser));
            }
            if (!browser.consoleErrors().isEmpty()) {
                System.out.println("browser console errors were logged: the figures above are suspect");
            }
        }
    }

    /** The newest spot monitor (bars exist for it on the local run's replayed data). */
    private static long chartedMonitor() throws Exception {
        JsonNode page = monitors("market_type=spot&page_size=1");
        if (page.path("count").asLong() == 0) {
            throw new IllegalStateException("no spot monitor at " + URL + " (is the local run up? deploy/local/run.sh --detach)");
        }
        return page.at("/results/0/id").asLong();
    }

    /**
     * The README's screenshots, of the system under measurement (on the local run: the bundled real data): the pool,
     * the newest monitor that went furthest through the phases, the statistics, the backtest list, signal quality, a
     * monitor with both exits apart, and (with the token) a sweep; saved under target/screenshots.
     */
    private static void screenshots(Browser browser) throws Exception {
        browser.visit("/dashboard/");
        System.out.println("screenshot " + browser.screenshot("pool"));
        for (String status : List.of("confirmed_abandonment", "suspected_abandonment", "invalidated", "pending")) {
            JsonNode page = monitors("status=" + status + "&page_size=1");
            if (page.path("count").asLong() > 0) {
                browser.visit("/dashboard/monitors/" + page.at("/results/0/id").asLong());
                Thread.sleep(1500); // the chart library animates the first drawing for about a second
                System.out.println("screenshot " + browser.screenshot("monitor"));
                break;
            }
        }
        browser.visit("/dashboard/statistics");
        Thread.sleep(1500);
        System.out.println("screenshot " + browser.screenshot("statistics"));
        browser.visit("/dashboard/backtest?market_type=spot");
        System.out.println("screenshot " + browser.screenshot("backtest"));
        browser.visit("/dashboard/backtest/statistics");
        Thread.sleep(1500);
        System.out.println("screenshot " + browser.screenshot("backtest-statistics"));
        // A spot trade the invalidation stop ended early, so both exits show apart on its chart.
        JsonNode stopped = api("backtest/?market_type=spot&status=completed&exit=invalidation_stop&result=loss&page_size=1");
        if (stopped.path("count").asLong() > 0) {
            browser.visit("/dashboard/monitors/" + stopped.at("/results/0/id").asLong());
            Thread.sleep(1500);
            System.out.println("screenshot " + browser.screenshot("monitor-outcome"));
        }
        if (!TOKEN.isEmpty()) {
            browser.visit("/dashboard/sweeps");
            browser.js("const f = document.getElementById('start'); f.elements.token.value = arguments[0];"
                    + "f.elements.market_type.value = 'spot'; f.elements.interval.value = '1h';"
                    + "f.elements['grid.rvol_threshold'].value = '6, 8, 10'; f.elements['grid.amplitude_threshold'].value = '2, 3';"
                    + "document.getElementById('start-button').click();", TOKEN);
            long deadline = System.currentTimeMillis() + 300_000;
            while (!"done".equals(browser.js("return document.body.dataset.sweepStatus")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            System.out.println("screenshot " + browser.screenshot("sweeps") + " (sweep " + browser.js("return document.body.dataset.sweepStatus") + ")");
        }
    }

    private static String localToken() {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(".trapwatch", "api-token");
            return java.nio.file.Files.isReadable(file) ? java.nio.file.Files.readString(file).trim() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static JsonNode monitors(String query) throws Exception {
        return api("monitors/?" + query);
    }

    private static JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(URL + "/api/volume-trap/" + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered " + r.statusCode() + " at " + URL);
        }
        return new ObjectMapper().readTree(r.body());
    }

    private static List<Double> loads(Browser browser, String path, String mark) throws InterruptedException {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            browser.visit(path);
            if (!"ready".equals(browser.state())) {
                throw new IllegalStateException(path + " did not load: " + browser.find("#state").getText());
            }
            double ms = markTime(browser, mark);
            if (i > 0) { // the first load warms the service's and the browser's caches
                out.add(ms);
            }
        }
        return out;
    }

    /** The mark's time; the page may say "ready" a frame before the chart library reports the chart drawn. */
    private static double markTime(Browser browser, String mark) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        Object at = null;
        while (at == null && System.currentTimeMillis() < deadline) {
            at = browser.js("const e = performance.getEntriesByName(arguments[0])[0]; return e ? e.startTime : null", mark);
            if (at == null) {
                Thread.sleep(10);
            }
        }
        if (at == null) {
            throw new IllegalStateException("the page never set the performance mark " + mark);
        }
        return ((Number) at).doubleValue();
    }

    private static List<Double> live(Browser browser) throws Exception {
        List<Double> out = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            browser.visit("/dashboard/");
            for (int i = 0; i < RUNS; i++) {
                browser.js("window.__benchSeen = null; window.__benchSymbol = null;"
                        + "new MutationObserver((_, o) => { if (window.__benchSymbol && [...document.querySelectorAll('#pool tbody tr td:first-child')]"
                        + ".some(td => td.textContent === window.__benchSymbol)) { window.__benchSeen = Date.now(); o.disconnect(); } })"
                        + ".observe(document.querySelector('#pool tbody'), { childList: true });");
                String symbol = "ZZBENCH" + Events.uniqueSymbol().substring(1, 9);
                var event = new Events.Monitor(MarketType.SPOT, symbol, Interval.D1, Instant.now().truncatedTo(ChronoUnit.DAYS), "1").latest();
                browser.js("window.__benchSymbol = arguments[0]", symbol);
                long sent = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(Topics.MONITOR_STATE_CHANGED, event.series().asKafkaKey(), Events.json(event))).get();
                long deadline = sent + 30_000;
                Number seen = null;
                while (seen == null && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                    seen = (Number) browser.js("return window.__benchSeen");
                }
                if (seen == null) {
                    throw new IllegalStateException("the new monitor " + symbol + " did not show within 30 s");
                }
                out.add((double) (seen.longValue() - sent));
            }
        }
        return out;
    }

    private static void report(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        sorted.sort(Double::compare);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%-52s median %6.1f ms, min %6.1f, max %6.1f (n=%d): %s%n", what, median, sorted.get(0),
                sorted.get(sorted.size() - 1), sorted.size(), ms.stream().map(v -> String.format("%.0f", v)).toList());
    }
}
