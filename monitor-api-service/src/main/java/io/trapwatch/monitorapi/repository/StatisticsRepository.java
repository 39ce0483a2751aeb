package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Aggregates over the monitor table for the statistics: openings per day and how far monitors got. */
@ApplicationScoped
public class StatisticsRepository {

    private final AgroalDataSource dataSource;

    public StatisticsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Per UTC date of the trigger time and market type, ascending; days without monitors are left out. */
    public List<DailyOpenings> openedPerDay(Optional<String> marketType, Optional<String> interval) throws SQLException {
        String sql = "SELECT (trigger_time AT TIME ZONE 'UTC')::date AS day, market_type, COUNT(*) FROM monitor"
                + where(marketType, interval) + " GROUP BY day, market_type ORDER BY day, market_type";
        List<DailyOpenings> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, marketType, interval);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DailyOpenings(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** Per market type with monitors: how many passed phase 1, 2 and 3. */
    public List<PhaseReach> phaseReach(Optional<String> marketType, Optional<String> interval) throws SQLException {
        String sql = "SELECT market_type, COUNT(*), COUNT(*) FILTER (WHERE phase_1_passed),"
                + " COUNT(*) FILTER (WHERE phase_2_passed), COUNT(*) FILTER (WHERE phase_3_passed) FROM monitor"
                + where(marketType, interval) + " GROUP BY market_type ORDER BY market_type";
        List<PhaseReach> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, marketType, interval);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new PhaseReach(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    private static String where(Optional<String> marketType, Optional<String> interval) {
        List<String> terms = new ArrayList<>();
        marketType.ifPresent(m -> terms.add("market_type = ?"));
        interval.ifPresent(i -> terms.add("bar_interval = ?"));
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static void bind(PreparedStatement s, Optional<String> marketType, Optional<String> interval) throws SQLException {
        int i = 1;
        if (marketType.isPresent()) {
            s.setString(i++, marketType.get());
        }
        if (interval.isPresent()) {
            s.setString(i, interval.get());
        }
    }
}
