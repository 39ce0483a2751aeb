package io.trapwatch.monitorapi.repository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A WHERE clause written term by term, each with its parameters, which {@link #bind} sets in the same order. */
final class SqlWhere {

    private final List<String> terms = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** A condition with as many {@code ?} as values. */
    SqlWhere and(String term, Object... values) {
        terms.add(term);
        Collections.addAll(params, values);
        return this;
    }

    /** {@code column IN (?, …)} over the values (none: no condition). */
    SqlWhere in(String column, List<?> values) {
        return values.isEmpty() ? this
                : and(column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")", values.toArray());
    }

    /** The clause with a leading space, or empty without any condition. */
    String sql() {
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    /** Sets the parameters from index {@code first}; returns the next free index. */
    int bind(PreparedStatement s, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            s.setObject(i++, p);
        }
        return i;
    }

    /** java.time all the way (java.sql.Timestamp would bend dates before 1582 through the Julian calendar). */
    static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
