package io.trapwatch.monitorapi.service;

import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.monitorapi.domain.OutcomeFilter;
import io.trapwatch.monitorapi.domain.PageSelector;
import io.trapwatch.monitorapi.repository.OutcomeRepository;
import io.trapwatch.monitorapi.repository.OutcomeRow;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads of the outcomes: the backtest list, one result, the statistics. */
@ApplicationScoped
public class BacktestQueryService {

    private final OutcomeRepository outcomes;

    public BacktestQueryService(OutcomeRepository outcomes) {
        this.outcomes = outcomes;
    }

    /** {@code orderSql} comes from the resource's whitelist. A page past the last one is an error. */
    public ResultPage<OutcomeRow> list(OutcomeFilter filter, String orderSql, PageSelector selector, int pageSize)
            throws SQLException {
        return ResultPage.of(outcomes.count(filter), selector, pageSize,
                (limit, offset) -> outcomes.page(filter, orderSql, limit, offset));
    }

    public Optional<OutcomeRow> find(long monitorId) throws SQLException {
        return outcomes.byMonitorId(monitorId);
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
