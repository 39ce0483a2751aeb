package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The read model's version (table {@code read_model_version}, one row). */
@ApplicationScoped
public class ReadModelVersionRepository {

    private final AgroalDataSource projection;
    private final AgroalDataSource reads;

    public ReadModelVersionRepository(AgroalDataSource projection, @DataSource("reads") AgroalDataSource reads) {
        this.projection = projection;
        this.reads = reads;
    }

    /** Raises the version inside the caller's (projection) transaction; returns the new version. */
    public long raise() throws SQLException {
        try (Connection c = projection.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE read_model_version SET version = version + 1 RETURNING version")) {
            return single(s);
        }
    }

    /** The last committed version. */
    public long committed() throws SQLException {
        try (Connection c = reads.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT version FROM read_model_version")) {
            return single(s);
        }
    }

    private static long single(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
