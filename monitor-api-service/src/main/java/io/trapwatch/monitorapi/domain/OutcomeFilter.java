package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.outcome.OutcomeStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Validated filters of the backtest list and statistics. {@code statuses} are outcome statuses (empty = all);
 * {@code symbol} is a case-insensitive substring; the entry range is [from, before); {@code profitable} applies to
 * the exit chosen by {@code invalidationStop}.
 */
public record OutcomeFilter(Optional<MarketType> marketType, Optional<Interval> interval, List<OutcomeStatus> statuses,
                            Optional<MonitorStatus> monitorStatus, Optional<String> symbol,
                            Optional<Instant> enteredFrom, Optional<Instant> enteredBefore,
                            Optional<Boolean> profitable, boolean invalidationStop) {
}
