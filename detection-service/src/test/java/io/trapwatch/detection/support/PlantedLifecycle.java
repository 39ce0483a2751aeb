package io.trapwatch.detection.support;

import io.trapwatch.model.MonitorStateChanged;

import java.util.List;
import java.util.Map;

import static io.trapwatch.detection.support.PlantedBars.openTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the planted series must produce: three monitors, seven transitions (D1, D5, D6, D8). */
public final class PlantedLifecycle {

    public static final int TRANSITIONS = 7;

    private PlantedLifecycle() {
    }

    @SuppressWarnings("unchecked")
    public static void assertMonitors(List<Map<String, Object>> monitors) {
        assertThat(monitors).extracting(m -> m.get("trigger_time"), m -> m.get("status"), m -> m.get("trigger_price"),
                        m -> m.get("trigger_high"), m -> m.get("trigger_low"), m -> m.get("trigger_volume"))
                .containsExactly(
                        tuple(openTime(PlantedBars.PUMP_1).toString(), "confirmed_abandonment", "104", "130", "99", "20000"),
                        tuple(openTime(PlantedBars.PUMP_2).toString(), "invalidated", "95", "120", "91", "20000"),
                        tuple(openTime(PlantedBars.PUMP_3).toString(), "expired", "99", "125", "95", "20000"));
        assertThat(monitors).extracting(m -> m.get("phase_1_passed"), m -> m.get("phase_2_passed"), m -> m.get("phase_3_passed"))
                .containsExactly(tuple(true, true, true), tuple(true, false, false), tuple(true, false, false));
        assertThat((List<Map<String, Object>>) monitors.get(0).get("transitions"))
                .extracting(t -> t.get("from"), t -> t.get("to"), t -> t.get("bar_time"), t -> t.get("reason"))
                .containsExactly(
                        tuple(null, "pending", openTime(PlantedBars.PUMP_1).toString(), "discovery"),
                        tuple("pending", "suspected_abandonment", openTime(PlantedBars.CONFIRM_1).toString(), "confirmation"),
                        tuple("suspected_abandonment", "confirmed_abandonment", openTime(PlantedBars.VALIDATE_1).toString(), "validation"));
        assertThat((List<Map<String, Object>>) monitors.get(1).get("transitions"))
                .extracting(t -> t.get("to"), t -> t.get("bar_time"), t -> t.get("bar_close"), t -> t.get("reason"))
                .containsExactly(
                        tuple("pending", openTime(PlantedBars.PUMP_2).toString(), "95", "discovery"),
                        tuple("invalidated", openTime(PlantedBars.INVALIDATE_2).toString(), "96", "invalidation"));
        assertThat((List<Map<String, Object>>) monitors.get(2).get("transitions"))
                .extracting(t -> t.get("to"), t -> t.get("bar_time"), t -> t.get("reason"))
                .containsExactly(
                        tuple("pending", openTime(PlantedBars.PUMP_3).toString(), "discovery"),
                        tuple("expired", openTime(PlantedBars.EXPIRE_3).toString(), "expiry"));
        Map<String, Object> discovery = ((List<Map<String, Object>>) monitors.get(0).get("transitions")).get(0);
        Map<String, Object> indicators = (Map<String, Object>) discovery.get("indicators");
        assertThat(indicators).containsEntry("rvol_triggered", true).containsEntry("amplitude_triggered", true)
                .containsEntry("current_volume", 20000.0).containsEntry("ma_volume", 1000.0)
                .containsEntry("rvol_ratio", 20.0);
        Map<String, Object> invalidation = (Map<String, Object>) ((List<Map<String, Object>>) monitors.get(1).get("transitions"))
                .get(1).get("indicators");
        assertThat(invalidation).containsEntry("current_close", 96.0).containsEntry("trigger_price", 95.0);
    }

    /** One event per transition, versions 1..n per monitor in order, each carrying the whole log so far. */
    public static void assertEvents(List<MonitorStateChanged> events) {
        assertThat(events).hasSize(TRANSITIONS);
        assertThat(events).extracting(MonitorStateChanged::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(e -> e.triggerTime(), MonitorStateChanged::version, e -> e.status().wire())
                .containsExactly(
                        tuple(openTime(PlantedBars.PUMP_1), 1, "pending"),
                        tuple(openTime(PlantedBars.PUMP_1), 2, "suspected_abandonment"),
                        tuple(openTime(PlantedBars.PUMP_1), 3, "confirmed_abandonment"),
                        tuple(openTime(PlantedBars.PUMP_2), 1, "pending"),
                        tuple(openTime(PlantedBars.PUMP_2), 2, "invalidated"),
                        tuple(openTime(PlantedBars.PUMP_3), 1, "pending"),
                        tuple(openTime(PlantedBars.PUMP_3), 2, "expired"));
        for (MonitorStateChanged e : events) {
            assertThat(e.transitions()).hasSize(e.version());
            assertThat(e.latest().to()).isEqualTo(e.status());
            assertThat(e.eventId()).isEqualTo(MonitorStateChanged.eventId(e.monitorKey(), e.version()));
            assertThat(e.latest().indicators()).isNotEmpty();
        }
        // A later event's log is the earlier one's (read back from the database) plus its own transition.
        for (int i = 1; i < events.size(); i++) {
            MonitorStateChanged before = events.get(i - 1);
            MonitorStateChanged e = events.get(i);
            if (e.monitorKey().equals(before.monitorKey())) {
                assertThat(e.transitions().subList(0, before.version()).stream().map(PlantedLifecycle::logged).toList())
                        .isEqualTo(before.transitions().stream().map(PlantedLifecycle::logged).toList());
            }
        }
        assertThat(events.get(0).triggerPrice()).isEqualByComparingTo("104");
        assertThat(events.get(0).triggerLow()).isEqualByComparingTo("99");
    }

    /** A logged transition without its recording time (stored to the microsecond, published to the nanosecond). */
    private static List<Object> logged(MonitorStateChanged.Transition t) {
        return List.of(t.sequence(), String.valueOf(t.from()), t.to(), t.barTime(), t.barClose(), t.reason(), t.indicators());
    }
}
