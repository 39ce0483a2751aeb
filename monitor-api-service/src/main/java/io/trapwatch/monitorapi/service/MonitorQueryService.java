package io.trapwatch.monitorapi.service;

import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.domain.MonitorFilter;
import io.trapwatch.monitorapi.domain.MonitorOrder;
import io.trapwatch.monitorapi.domain.PageSelector;
import io.trapwatch.monitorapi.repository.ListedMonitor;
import io.trapwatch.monitorapi.repository.MonitorDetail;
import io.trapwatch.monitorapi.repository.MonitorReadRepository;
import io.trapwatch.monitorapi.repository.MonitorRow;
import io.trapwatch.monitorapi.repository.TransitionRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the monitor pool. */
@ApplicationScoped
public class MonitorQueryService {

    private final MonitorReadRepository monitors;

    public MonitorQueryService(MonitorReadRepository monitors) {
        this.monitors = monitors;
    }

    /**
     * In the given order (ties: trigger time descending, then id descending), each monitor with its outcome. A page
     * past the last one is an error.
     */
    public ResultPage<ListedMonitor> list(MonitorFilter filter, MonitorOrder order, PageSelector selector, int pageSize)
            throws SQLException {
        return ResultPage.of(monitors.count(filter), selector, pageSize,
                (limit, offset) -> monitors.page(filter, order, limit, offset));
    }

    /** Every status with its count under the filter's other parts, 0 included, in lifecycle order. */
    public Map<String, Long> countPerStatus(MonitorFilter filter) throws SQLException {
        Map<String, Long> found = monitors.countPerStatus(filter);
        Map<String, Long> out = new LinkedHashMap<>();
        for (String status : MonitorStatus.wireNames()) {
            out.put(status, found.getOrDefault(status, 0L));
        }
        return out;
    }

    /** The monitor with its outcome and transitions (the detail answer), in one read. */
    public Optional<MonitorDetail> detail(long id) throws SQLException {
        return monitors.detail(id);
    }

    public Optional<MonitorRow> find(long id) throws SQLException {
        return monitors.find(id);
    }

    public List<TransitionRecord> transitions(long id) throws SQLException {
        return monitors.transitions(id);
    }
}
