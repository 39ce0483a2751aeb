package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.monitorapi.domain.MonitorFilter;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads of the change numbers (migration V2): the newest one, and the monitors changed after a given one. */
@ApplicationScoped
public class MonitorChangeRepository {

    private final AgroalDataSource dataSource;

    public MonitorChangeRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The newest change number, 0 for an empty read model. */
    public long newest() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(change_seq), 0) FROM monitor");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Monitors whose latest change is after {@code sequence} and that match the filter, oldest change first. */
    public List<MonitorChange> after(long sequence, MonitorFilter filter, int limit) throws SQLException {
        SqlWhere where = MonitorReadRepository.where(filter, true, "m.").and("m.change_seq > ?", sequence);
        String sql = MonitorReadRepository.SELECT.replace(MonitorReadRepository.FROM, ", m.change_seq" + MonitorReadRepository.FROM)
                + where.sql() + " ORDER BY m.change_seq LIMIT ?";
        List<MonitorChange> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(where.bind(s, 1), limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new MonitorChange(rs.getLong(21), MonitorReadRepository.row(rs)));
                }
            }
        }
        return out;
    }
}
