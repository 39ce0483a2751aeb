package io.trapwatch.monitorapi.service;

import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.monitorapi.domain.OutcomeFilter;
import io.trapwatch.monitorapi.domain.PageSelector;
import io.trapwatch.monitorapi.repository.OutcomeRepository;
import io.trapwatch.monitorapi.repository.OutcomeRow;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the outcomes: the backtest list, one result, the statistics, and the outcomes of a monitor page. */
@ApplicationScoped
public class BacktestQueryService {

    /** A page of results with what the links need. */
    public record Listing(long count, long page, long lastPage, List<OutcomeRow> rows) {
    }

    private final OutcomeRepository outcomes;

    public BacktestQueryService(OutcomeRepository outcomes) {
        this.outcomes = outcomes;
    }

    /** {@code orderSql} comes from the resource's whitelist. A page past the last one is an error. */
    public Listing list(OutcomeFilter filter, String orderSql, PageSelector selector, int pageSize) throws SQLException {
        long count = outcomes.count(filter);
        long lastPage = PageSelector.lastPageNumber(count, pageSize);
        long page = selector.last() ? lastPage : selector.number();
        if (page > lastPage) {
            throw new PageBeyondEndException(page, lastPage);
        }
        List<OutcomeRow> rows = count == 0 ? List.of() : outcomes.page(filter, orderSql, pageSize, (page - 1) * pageSize);
        return new Listing(count, page, lastPage, rows);
    }

    public Optional<OutcomeRow> find(long monitorId) throws SQLException {
        return outcomes.byMonitorId(monitorId);
    }

    public Map<String, OutcomeRow> ofMonitors(List<String> monitorKeys) throws SQLException {
        return outcomes.byMonitorKeys(monitorKeys);
    }

    /** Completed outcomes unless the filter names statuses (D18.4). */
    public BacktestStatistics statistics(OutcomeFilter filter) throws SQLException {
        OutcomeFilter used = filter.statuses().isEmpty() ? withStatuses(filter, List.of(OutcomeStatus.COMPLETED)) : filter;
        return BacktestStatistics.of(used.statuses().stream().map(OutcomeStatus::wire).toList(), outcomes.all(used));
    }

    private static OutcomeFilter withStatuses(OutcomeFilter f, List<OutcomeStatus> statuses) {
        return new OutcomeFilter(f.marketType(), f.interval(), statuses, f.monitorStatus(), f.symbol(), f.enteredFrom(),
                f.enteredBefore(), f.profitable(), f.invalidationStop());
    }
}
