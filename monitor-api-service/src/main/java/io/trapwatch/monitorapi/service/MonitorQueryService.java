package io.trapwatch.monitorapi.service;

import io.trapwatch.monitorapi.domain.MonitorFilter;
import io.trapwatch.monitorapi.domain.PageSelector;
import io.trapwatch.monitorapi.repository.MonitorReadRepository;
import io.trapwatch.monitorapi.repository.MonitorRow;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads of the monitor pool. */
@ApplicationScoped
public class MonitorQueryService {

    private final MonitorReadRepository monitors;

    public MonitorQueryService(MonitorReadRepository monitors) {
        this.monitors = monitors;
    }

    /** Ordered by trigger time descending, then id descending. A page past the last one is an error. */
    public MonitorListing list(MonitorFilter filter, PageSelector selector, int pageSize) throws SQLException {
        try (Connection c = monitors.connection()) {
            long count = monitors.count(c, filter);
            long lastPage = PageSelector.lastPageNumber(count, pageSize);
            long page = selector.last() ? lastPage : selector.number();
            if (page > lastPage) {
                throw new PageBeyondEndException(page, lastPage);
            }
            List<MonitorRow> rows = count == 0 ? List.of() : monitors.page(c, filter, pageSize, (page - 1) * pageSize);
            return new MonitorListing(count, page, lastPage, rows);
        }
    }

    /** A monitor with its transition log, oldest first. */
    public Optional<MonitorDetail> detail(long id) throws SQLException {
        try (Connection c = monitors.connection()) {
            Optional<MonitorRow> row = monitors.find(c, id);
            return row.isEmpty() ? Optional.empty() : Optional.of(new MonitorDetail(row.get(), monitors.transitions(c, id)));
        }
    }
}
