package io.trapwatch.service.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A gauge whose values come from the service's own tables: one query, each row its tag values then the value,
 * one gauge per tag combination. Read on scrape, at most once per {@code trapwatch.metrics.table-max-age}. The combinations given up front
 * are exposed from the start (0 until a row says otherwise); another one the query returns is registered when seen
 * and appears from the next scrape on. Database state, so it survives restarts (a counter
 * kept in memory would start again from zero after a crash).
 */
public final class SqlGauge {

    private static final Logger LOG = Logger.getLogger(SqlGauge.class);
    /** A gauge query must never hold a connection long, whatever the table size. */
    private static final int QUERY_TIMEOUT_MS = 2000;

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final List<String> tagNames;
    private final DataSource dataSource;
    private final String sql;
    private final long maxAgeNanos;
    private volatile Map<Tags, Double> values = Map.of();
    private volatile long readAt;

    /** Every pair of a value of the first tag with a value of the second: the combinations a two-tag gauge starts with. */
    public static List<Tags> everyPair(String firstTag, List<String> firstValues, String secondTag, List<String> secondValues) {
        List<Tags> pairs = new ArrayList<>();
        for (String first : firstValues) {
            for (String second : secondValues) {
                pairs.add(Tags.of(firstTag, first, secondTag, second));
            }
        }
        return pairs;
    }

    public SqlGauge(MeterRegistry registry, String name, String description, List<String> tagNames,
                    List<Tags> combinations, DataSource dataSource, String sql) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.tagNames = List.copyOf(tagNames);
        this.dataSource = dataSource;
        this.sql = sql;
        this.maxAgeNanos = ConfigProvider.getConfig().getOptionalValue("trapwatch.metrics.table-max-age", Duration.class)
                .orElse(Duration.ofSeconds(10)).toNanos();
        this.readAt = System.nanoTime() - maxAgeNanos - 1;
        Map<Tags, Double> initial = new HashMap<>();
        for (Tags tags : tagNames.isEmpty() ? List.of(Tags.empty()) : combinations) {
            initial.put(tags, 0.0);
            register(tags);
        }
        values = initial;
    }

    private void register(Tags tags) {
        Gauge.builder(name, this, g -> g.value(tags)).description(description).tags(tags).strongReference(true)
                .register(registry);
    }

    double value(Tags tags) {
        refreshIfStale();
        return values.getOrDefault(tags, 0.0);
    }

    private synchronized void refreshIfStale() {
        if (System.nanoTime() - readAt < maxAgeNanos) {
            return;
        }
        readAt = System.nanoTime();
        Map<Tags, Double> read = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(Math.max(1, QUERY_TIMEOUT_MS / 1000));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tags tags = Tags.empty();
                    for (int i = 0; i < tagNames.size(); i++) {
                        tags = tags.and(tagNames.get(i), String.valueOf(rs.getString(i + 1)));
                    }
                    read.put(tags, rs.getDouble(tagNames.size() + 1));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("metric %s not refreshed: %s", name, e.getMessage());
            return;
        }
        for (Tags tags : read.keySet()) {
            if (!values.containsKey(tags)) {
                register(tags);
            }
        }
        // A combination that vanished (e.g. an emptied outbox partition) reads 0, not its last value.
        Map<Tags, Double> merged = new HashMap<>();
        values.keySet().forEach(t -> merged.put(t, 0.0));
        merged.putAll(read);
        values = merged;
    }

}
