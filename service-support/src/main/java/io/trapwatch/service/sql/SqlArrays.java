package io.trapwatch.service.sql;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Whole batches go to PostgreSQL as one array per column and come apart with {@code unnest}: one statement per
 * batch instead of one per row. Timestamps and decimals travel as text and are cast in SQL, so nothing is rounded.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    public static Array decimals(Connection c, List<BigDecimal> values) throws SQLException {
        return c.createArrayOf("text", values.stream().map(v -> v == null ? null : v.toPlainString()).toArray());
    }

    public static Array instants(Connection c, List<Instant> values) throws SQLException {
        return c.createArrayOf("text", values.stream().map(v -> v == null ? null : v.toString()).toArray());
    }

    public static Array ints(Connection c, List<Integer> values) throws SQLException {
        return c.createArrayOf("int4", values.toArray());
    }

    public static Array longs(Connection c, List<Long> values) throws SQLException {
        return c.createArrayOf("int8", values.toArray());
    }

    public static Array booleans(Connection c, List<Boolean> values) throws SQLException {
        return c.createArrayOf("bool", values.toArray());
    }
}
