package io.trapwatch.monitorapi.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.SeriesKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds MonitorStateChanged events the way detection-service publishes them: version n carries the creation and
 * every later transition, each with its snapshot; and serialises them with the wire conventions (camelCase,
 * decimals as strings, ISO-8601 instants).
 */
public final class Events {

    public static final ObjectMapper WIRE = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Events() {
    }

    public static String uniqueSymbol() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    public static String json(Object event) {
        try {
            return WIRE.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Snapshot of a discovery evaluation with unrounded values. */
    public static Map<String, Object> discoverySnapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rvol_ratio", new BigDecimal("9.126543"));
        s.put("ma_volume", new BigDecimal("1353.0012345"));
        s.put("current_volume", new BigDecimal("12345678.00000000"));
        s.put("rvol_triggered", true);
        s.put("amplitude_ratio", new BigDecimal("4.0549"));
        s.put("upper_shadow_ratio", new BigDecimal("61.2049"));
        s.put("amplitude_triggered", true);
        return s;
    }

    public static Map<String, Object> confirmationSnapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("volume_retention_ratio", new BigDecimal("12.345"));
        s.put("key_level_breached", true);
        s.put("price_efficiency", new BigDecimal("0.000123456789"));
        s.put("pe_triggered", true);
        return s;
    }

    public static Map<String, Object> validationSnapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ma7", new BigDecimal("0.1612345678901"));
        s.put("ma25", new BigDecimal("0.17"));
        s.put("ma25_slope", new BigDecimal("-0.6549999"));
        s.put("divergence_detected", false);
        s.put("single_side_decline", true);
        s.put("atr_current", new BigDecimal("0.0042000049"));
        s.put("atr_compressed", true);
        return s;
    }

    /** A monitor's history; {@link #version(int)} renders the event after that many transitions. */
    public static final class Monitor {
        public final MarketType market;
        public final String symbol;
        public final Interval interval;
        public final Instant triggerTime;
        public final BigDecimal triggerPrice;
        private BigDecimal triggerHigh = new BigDecimal("0.21000000");
        private BigDecimal triggerLow = new BigDecimal("0.15500000");
        private final List<MonitorStateChanged.Transition> log = new ArrayList<>();
        private final List<MonitorStatus> statuses = new ArrayList<>();

        public Monitor(MarketType market, String symbol, Interval interval, Instant triggerTime, String triggerPrice) {
            this.market = market;
            this.symbol = symbol;
            this.interval = interval;
            this.triggerTime = triggerTime;
            this.triggerPrice = new BigDecimal(triggerPrice);
            step(MonitorStatus.PENDING, "discovery", 0, this.triggerPrice, discoverySnapshot());
        }

        /** The trigger bar's high and low (defaults 0.21 and 0.155), for monitors drawn on recorded bars. */
        public Monitor triggerRange(String high, String low) {
            triggerHigh = new BigDecimal(high);
            triggerLow = new BigDecimal(low);
            return this;
        }

        public String key() {
            return MonitorStateChanged.monitorKey(new SeriesKey(market, symbol, interval), triggerTime);
        }

        /** Adds a transition caused by the bar {@code barsAfter} bars after the trigger bar. */
        public Monitor step(MonitorStatus to, String reason, int barsAfter, BigDecimal close, Map<String, Object> snapshot) {
            MonitorStatus from = statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
            Instant bar = triggerTime.plus(interval.length().multipliedBy(barsAfter));
            log.add(new MonitorStateChanged.Transition(log.size() + 1, from, to, bar, close, reason, snapshot,
                    Instant.parse("2025-01-01T00:00:00Z").plusSeconds(log.size())));
            statuses.add(to);
            return this;
        }

        public int versions() {
            return log.size();
        }

        public MonitorStateChanged version(int version) {
            List<MonitorStateChanged.Transition> upTo = List.copyOf(log.subList(0, version));
            MonitorStateChanged.Transition last = upTo.get(upTo.size() - 1);
            MonitorStatus status = last.to();
            boolean p2 = upTo.stream().anyMatch(t -> t.to() == MonitorStatus.SUSPECTED_ABANDONMENT);
            boolean p3 = upTo.stream().anyMatch(t -> t.to() == MonitorStatus.CONFIRMED_ABANDONMENT);
            return new MonitorStateChanged(MonitorStateChanged.eventId(key(), version), MonitorStateChanged.SCHEMA_VERSION,
                    key(), version, market, symbol, interval, triggerTime, triggerPrice, new BigDecimal("12345678.00000000"),
                    triggerHigh, triggerLow, status, true, p2, p3, last.barTime(),
                    last.barClose(), upTo, Instant.parse("2025-02-01T00:00:00Z").plusSeconds(version));
        }

        public MonitorStateChanged latest() {
            return version(log.size());
        }
    }

    public static KlineClosed bar(MarketType market, String symbol, Interval interval, Instant openTime, String close) {
        BigDecimal c = new BigDecimal(close);
        Kline k = new Kline(openTime, openTime.plus(interval.length()).minusMillis(1), c, c, c, c, BigDecimal.ONE,
                BigDecimal.ONE, 1, BigDecimal.ZERO, BigDecimal.ZERO);
        return KlineClosed.of(new SeriesKey(market, symbol, interval), k, Instant.now());
    }
}
