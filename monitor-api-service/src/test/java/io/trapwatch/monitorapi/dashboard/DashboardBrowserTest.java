package io.trapwatch.monitorapi.dashboard;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.support.Api;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Browser;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import io.trapwatch.monitorapi.support.MarketDataStub;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.trapwatch.monitorapi.support.RecordedBars.close;
import static io.trapwatch.monitorapi.support.RecordedBars.onBar;
import static io.trapwatch.monitorapi.support.RecordedBars.openTime;
import static io.trapwatch.monitorapi.support.RecordedBars.utc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium against the running service (real PostgreSQL, real Kafka, recorded
 * Binance bars over HTTP): what each page shows is compared with what the API answers for the same view.
 */
@ServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Map<String, String> REASON_LABELS = Map.of("discovery", "Trigger", "confirmation", "Confirmation",
            "validation", "Validation", "invalidation", "Invalidation", "expiry", "Expiry");
    /** Generous on purpose (a loaded 2-core machine): the ≤ 2 s target is the benchmark's, not asserted here. */
    private static final Duration LIVE = Duration.ofSeconds(90);
    private static final String[] FILLER_STATUSES = {"pending", "invalidated", "expired"};
    private static Browser browser;
    private static boolean seeded;
    private static long spotId;
    private static long futuresId;

    @TestHTTPResource("/")
    URL base;

    private final MarketDataStub stub = MarketDataStubResource.stub();

    /**
     * ETHUSDT 4h on spot (trigger, confirmation 3 bars later, validation 9 bars later) and on futures (trigger,
     * invalidation 2 bars later), both on recorded bars; and 24 more monitors so the pool has pages.
     */
    @BeforeEach
    void seedAndOpen() {
        browser = Browser.shared(base.toString());
        if (seeded) {
            return;
        }
        Events.Monitor spot = onBar(new Events.Monitor(MarketType.SPOT, MarketDataStub.SYMBOL, Interval.H4, openTime(stub.row(150)),
                stub.row(150).get(4).asText()), stub.row(150))
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, close(stub.row(153)), Events.confirmationSnapshot())
                .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 9, close(stub.row(159)), Events.validationSnapshot());
        Events.Monitor futures = onBar(new Events.Monitor(MarketType.FUTURES, MarketDataStub.SYMBOL, Interval.H4,
                openTime(stub.futuresRow(100)), stub.futuresRow(100).get(4).asText()), stub.futuresRow(100))
                .step(MonitorStatus.INVALIDATED, "invalidation", 2, close(stub.futuresRow(102)), Map.of());
        Broker.send(spot.latest(), futures.latest());
        for (int i = 0; i < 24; i++) {
            Events.Monitor filler = new Events.Monitor(i % 2 == 0 ? MarketType.SPOT : MarketType.FUTURES, Events.uniqueSymbol(),
                    Interval.H4, Instant.parse("2024-05-01T00:00:00Z").plus(4L * i, ChronoUnit.HOURS), "1.2345");
            String status = FILLER_STATUSES[i % 3];
            if (status.equals("invalidated")) {
                filler.step(MonitorStatus.INVALIDATED, "invalidation", 1, new BigDecimal("1.3"), Map.of());
            } else if (status.equals("expired")) {
                filler.step(MonitorStatus.EXPIRED, "expiry", 5, new BigDecimal("1.1"), Map.of());
            }
            Broker.send(filler.latest());
        }
        spotId = ((Number) Api.awaitVersion(MarketDataStub.SYMBOL, spot.key(), 3).get("id")).longValue();
        futuresId = ((Number) Api.awaitVersion(MarketDataStub.SYMBOL, futures.key(), 2).get("id")).longValue();
        seeded = true;
    }

    @Test
    @Order(1)
    void poolShowsWhatTheApiAnswersForEveryFilterSortAndPage() {
        browser.visit("/");
        assertThat(browser.path()).isEqualTo("/dashboard/");
        assertThat(browser.state()).isEqualTo("ready");
        assertPoolEquals("", 1);
        browser.screenshot("dashboard-pool");
        browser.assertNoConsoleErrors();

        // Market switch: futures only, in the URL.
        browser.find("input[name=market_type][value=futures]").findElement(org.openqa.selenium.By.xpath("..")).click();
        browser.awaitPath("/dashboard/?market_type=futures");
        assertPoolEquals("market_type=futures", 1);

        // Status filter: invalidated only; the count per status stays that of every status under the market filter.
        browser.find("input[name=status][value=invalidated]").click();
        browser.awaitPath("/dashboard/?market_type=futures&status=invalidated");
        assertPoolEquals("market_type=futures&status=invalidated", 1);
        assertThat(browser.findAll("#pool tbody .badge.invalidated")).hasSameSizeAs(browser.findAll("#pool tbody tr"));

        // Two statuses at once; then back to every status with "all".
        browser.find("input[name=status][value=expired]").click();
        browser.awaitPath("/dashboard/?market_type=futures&status=invalidated%2Cexpired");
        assertPoolEquals("market_type=futures&status=invalidated,expired", 1);
        browser.find("#all-statuses").click();
        browser.awaitPath("/dashboard/?market_type=futures");

        // Both markets again, page 2 by its link; back returns to page 1, forward to page 2 (the URL holds the view).
        browser.find("input[name=market_type][value=all]").findElement(org.openqa.selenium.By.xpath("..")).click();
        browser.awaitPath("/dashboard/");
        browser.find("#pages a[data-page='2']").click();
        browser.awaitPath("/dashboard/?page=2");
        assertPoolEquals("", 2);
        browser.driver().navigate().back();
        browser.awaitPath("/dashboard/");
        assertPoolEquals("", 1);
        browser.driver().navigate().forward();
        browser.awaitPath("/dashboard/?page=2");
        assertPoolEquals("", 2);

        // Sorting: symbol ascending, then descending; trigger price starts with the largest.
        sortBy("symbol");
        browser.awaitPath("/dashboard/?sort=symbol");
        assertPoolEquals("sort=symbol", 1);
        sortBy("symbol");
        browser.awaitPath("/dashboard/?sort=-symbol");
        assertPoolEquals("sort=-symbol", 1);
        sortBy("trigger_price");
        browser.awaitPath("/dashboard/?sort=-trigger_price");
        assertPoolEquals("sort=-trigger_price", 1);
        assertThat(browser.find("#pool th[data-sort=trigger_price]").getAttribute("aria-sort")).isEqualTo("descending");

        // A copied link opens the same view.
        browser.visit("/dashboard/?market_type=spot&symbol=ethusdt&interval=4h");
        assertThat(browser.find("input[name=symbol]").getAttribute("value")).isEqualTo("ethusdt");
        assertPoolEquals("market_type=spot&symbol=ethusdt&interval=4h", 1);
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void poolStatesEmptyAndApiErrorReadably() {
        browser.visit("/dashboard/?symbol=NOSUCHPAIR1");
        assertThat(browser.state()).isEqualTo("empty");
        assertThat(browser.find("#state").getText()).contains("No monitors match these filters");
        assertThat(browser.findAll("#pool tbody tr")).isEmpty();
        browser.assertNoConsoleErrors();

        browser.visit("/dashboard/?interval=2h");
        assertThat(browser.state()).isEqualTo("error");
        assertThat(browser.find("#state").getText())
                .contains("Could not load the monitors — Invalid interval parameter: interval must be one of: [1h, 4h, 1d]");
        assertThat(browser.find("#retry").isDisplayed()).isTrue();
        // The browser logs the failed requests themselves (HTTP 400); the page's scripts log nothing else.
        assertThat(browser.consoleErrors()).isNotEmpty().allMatch(e -> e.contains("status of 400"));

        browser.visit("/dashboard/monitors/987654321");
        assertThat(browser.state()).isEqualTo("error");
        assertThat(browser.find("#state").getText()).contains("There is no monitor 987654321");
        assertThat(browser.consoleErrors()).isNotEmpty().allMatch(e -> e.contains("status of 404"));
    }

    @Test
    @Order(3)
    void monitorPageMarksEveryTransitionAtItsBarAndListsTheLogAsTheApiHasIt() {
        browser.visit("/dashboard/?market_type=spot&symbol=ETHUSDT&interval=4h");
        browser.find("#pool tbody tr[data-id='" + spotId + "'] a").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.path().equals("/dashboard/monitors/" + spotId));
        browser.awaitState("ready");
        assertChartAndLogMatchTheApi(spotId, 2);
        assertThat(browser.find("#title").getText()).contains("ETHUSDT").contains("spot").contains("4h").contains("confirmed abandonment");
        // Discovery snapshot readable: RVOL with its verdict and rule.
        WebElement rvol = browser.find("#transitions tr[data-sequence='1'] li[data-indicator=rvol_ratio]");
        assertThat(rvol.getText()).contains("RVOL").contains("9.1265").contains("≥ 8");
        assertThat(rvol.findElement(org.openqa.selenium.By.cssSelector(".verdict")).getAttribute("class")).contains("pass");
        // Validation snapshot: the OBV condition was met, the death-cross inputs are shown with their rule.
        assertThat(browser.find("#transitions tr[data-sequence='3'] li[data-indicator=ma7]").getText()).contains("MA7 < MA25");
        // Times: the browser's zone on screen, UTC on hover.
        WebElement time = browser.find("#transitions tr[data-sequence='1'] time");
        assertThat(time.getAttribute("title")).isEqualTo(utc(stub.row(150)));
        browser.screenshot("dashboard-monitor");
        browser.assertNoConsoleErrors();

        // The same symbol on futures: one monitor there, linked directly; its prices keep the exchange's 2 digits.
        WebElement other = browser.find("#other-market");
        assertThat(other.getText()).isEqualTo("ETHUSDT on futures (1 monitor)");
        other.click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.path().equals("/dashboard/monitors/" + futuresId));
        browser.awaitState("ready");
        assertChartAndLogMatchTheApi(futuresId, 2);
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void statisticsShowTheApiCountsPhasesAndOpeningsPerDay() {
        browser.visit("/dashboard/statistics");
        assertThat(browser.state()).isEqualTo("ready");
        JsonPath stats = Api.get("/api/volume-trap/statistics/");
        assertThat(browser.find("#stats-total").getText()).isEqualTo(stats.getString("total"));
        for (Map<String, Object> cell : stats.<Map<String, Object>>getList("by_status")) {
            String shown = browser.find("#grid tr[data-market=" + cell.get("market_type") + "][data-interval='" + cell.get("interval")
                    + "'] td[data-status=" + cell.get("status") + "]").getText();
            assertThat(shown).as("cell %s", cell).isEqualTo(String.valueOf(cell.get("count")));
        }
        for (Map<String, Object> reach : stats.<Map<String, Object>>getList("phase_reach")) {
            String row = browser.find("#phases tr[data-market=" + reach.get("market_type") + "]").getText();
            assertThat(row).contains(String.valueOf(reach.get("monitors"))).contains(reach.get("phase_3_passed") + " · ");
        }
        long perDayTotal = ((Number) browser.js("return echarts.getInstanceByDom(document.getElementById('per-day')).getOption()"
                + ".series.flatMap(s => s.data).reduce((a, b) => a + b, 0)")).longValue();
        assertThat(perDayTotal).isEqualTo(stats.getLong("total"));
        browser.screenshot("dashboard-statistics");
        browser.assertNoConsoleErrors();

        browser.visit("/dashboard/statistics?market_type=futures&interval=4h");
        assertThat(browser.find("#stats-total").getText())
                .isEqualTo(Api.get("/api/volume-trap/statistics/?market_type=futures&interval=4h").getString("total"));
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void anOpenPoolAndMonitorPageUpdateLiveFromKafka() {
        browser.visit("/dashboard/");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> "open".equals(browser.find("#live").getAttribute("data-state")));
        String symbol = Events.uniqueSymbol();
        Events.Monitor fresh = new Events.Monitor(MarketType.SPOT, symbol, Interval.H1, Instant.now().truncatedTo(ChronoUnit.HOURS), "2.5");
        Broker.send(fresh.latest());
        new WebDriverWait(browser.driver(), LIVE).until(d -> (Boolean) browser.js(
                "return [...document.querySelectorAll('#pool tbody tr td:first-child')].some(td => td.textContent === arguments[0])", symbol));
        assertPoolEquals("", 1);
        browser.assertNoConsoleErrors();

        // A pending monitor on recorded bars gets confirmed while its page is open: a second marker, a new status.
        Events.Monitor pending = onBar(new Events.Monitor(MarketType.SPOT, MarketDataStub.SYMBOL, Interval.H4, openTime(stub.row(200)),
                stub.row(200).get(4).asText()), stub.row(200));
        Broker.send(pending.latest());
        long id = ((Number) Api.awaitVersion(MarketDataStub.SYMBOL, pending.key(), 1).get("id")).longValue();
        browser.visit("/dashboard/monitors/" + id);
        assertChartAndLogMatchTheApi(id, 2);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> "open".equals(browser.find("#live").getAttribute("data-state")));
        pending.step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 2, close(stub.row(202)), Events.confirmationSnapshot());
        Broker.send(pending.latest());
        new WebDriverWait(browser.driver(), LIVE).until(d -> markers().size() == 2
                && ((Number) browser.js("return document.querySelectorAll('#transitions tbody tr').length")).intValue() == 2);
        assertThat(browser.find("#title").getText()).contains("suspected abandonment");
        assertChartAndLogMatchTheApi(id, 2);
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(6)
    void phoneWidthAndDarkThemeWork() {
        browser.size(390, 844);
        try {
            browser.visit("/dashboard/");
            assertThat(((Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                    .as("no sideways scrolling of the page").isLessThanOrEqualTo(0);
            browser.screenshot("dashboard-pool-phone");
            browser.visit("/dashboard/monitors/" + spotId);
            assertThat(((Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth")).intValue()).isLessThanOrEqualTo(0);
            assertThat(markers()).hasSize(3);
            browser.assertNoConsoleErrors();
        } finally {
            browser.size(1280, 1400);
        }
        browser.colorScheme("dark");
        try {
            browser.visit("/dashboard/monitors/" + spotId);
            assertThat(browser.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(17, 21, 28)");
            assertThat(markers()).hasSize(3);
            browser.screenshot("dashboard-monitor-dark");
            browser.assertNoConsoleErrors();
        } finally {
            browser.colorScheme("light");
        }
    }

    /** The table's rows are the API's page for the same query, in order; the status counts are the API's. */
    private void assertPoolEquals(String query, int page) {
        browser.awaitSettled();
        String q = query.isEmpty() ? "" : query + "&";
        JsonPath api = Api.get("/api/volume-trap/monitors/?" + q + "page=" + page);
        List<String> expected = api.<Number>getList("results.id").stream().map(n -> String.valueOf(n.longValue())).toList();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> rowIds().equals(expected));
        assertThat(browser.find("#total").getText()).isEqualTo(api.getString("count"));
        String withoutStatus = query.replaceAll("(^|&)status=[^&]*", "").replaceAll("(^|&)sort=[^&]*", "");
        JsonPath counts = Api.get("/api/volume-trap/monitors/status-counts/" + (withoutStatus.isEmpty() ? "" : "?" + withoutStatus));
        for (String status : MonitorStatus.wireNames()) {
            assertThat(browser.find("[data-count=" + status + "]").getText()).as(status).isEqualTo(counts.getString("counts." + status));
        }
    }

    private List<String> rowIds() {
        return browser.findAll("#pool tbody tr").stream().map(tr -> tr.getAttribute("data-id")).toList();
    }

    private void sortBy(String column) {
        browser.find("#pool th[data-sort=" + column + "] button").click();
    }

    /** Markers drawn by the chart library: [label, bar open time, y] of each. */
    @SuppressWarnings("unchecked")
    private List<List<Object>> markers() {
        return (List<List<Object>>) browser.js("const c = echarts.getInstanceByDom(document.getElementById('chart'));"
                + "return c ? c.getOption().series[0].markPoint.data.map(d => [d.name, d.coord[0], d.coord[1]]) : [];");
    }

    /**
     * One marker per transition, labelled by its reason, on the x-axis category of the transition's bar (whose
     * candle closes at the transition's bar close), above that bar's high; the two level lines at the trigger close
     * and low; the table row per transition with its bar close in the exchange's digits.
     */
    @SuppressWarnings("unchecked")
    private void assertChartAndLogMatchTheApi(long id, int priceDigits) {
        JsonPath detail = Api.get("/api/volume-trap/monitors/" + id + "/");
        JsonPath chart = Api.get("/api/volume-trap/chart-data/" + id + "/");
        List<Map<String, Object>> transitions = detail.getList("transitions");
        List<List<Object>> markers = markers();
        List<String> categories = (List<String>) browser.js(
                "return echarts.getInstanceByDom(document.getElementById('chart')).getOption().xAxis[0].data");
        List<List<Number>> candles = (List<List<Number>>) browser.js(
                "return echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[0].data");
        assertThat(markers).hasSameSizeAs(transitions);
        for (int i = 0; i < transitions.size(); i++) {
            Map<String, Object> t = transitions.get(i);
            List<Object> marker = markers.get(i);
            Instant barTime = Instant.parse((String) t.get("bar_time"));
            assertThat(marker.get(0)).isEqualTo(REASON_LABELS.get(t.get("reason")));
            assertThat(Instant.parse((String) marker.get(1))).isEqualTo(barTime);
            int bar = categories.indexOf((String) marker.get(1));
            assertThat(bar).as("marker %s on a bar of the chart", marker).isNotNegative();
            assertThat(Instant.parse(chart.getString("klines[" + bar + "].open_time"))).isEqualTo(barTime);
            BigDecimal barClose = new BigDecimal((String) t.get("bar_close"));
            assertThat(new BigDecimal(candles.get(bar).get(1).toString())).isEqualByComparingTo(barClose);
            assertThat(new BigDecimal(marker.get(2).toString())).isEqualByComparingTo(chart.getString("klines[" + bar + "].high"));

            WebElement row = browser.find("#transitions tr[data-sequence='" + t.get("sequence") + "']");
            List<WebElement> cells = row.findElements(org.openqa.selenium.By.cssSelector(":scope > td"));
            assertThat(cells.get(1).getText()).startsWith(REASON_LABELS.get(t.get("reason")));
            assertThat(cells.get(3).getText()).isEqualTo(barClose.setScale(priceDigits).toPlainString());
        }
        assertThat(browser.findAll("#transitions tbody tr")).hasSameSizeAs(transitions);
        List<Number> levels = (List<Number>) browser.js("return echarts.getInstanceByDom(document.getElementById('chart'))"
                + ".getOption().series[0].markLine.data.map(l => l.yAxis)");
        assertThat(levels.stream().map(n -> new BigDecimal(n.toString())).toList())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal(detail.getString("trigger_price")), new BigDecimal(detail.getString("trigger_low")));
        List<Object> ma7 = (List<Object>) browser.js("return echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[1].data");
        assertThat(ma7).hasSize(chart.getList("klines").size());
    }
}
