package io.trapwatch.detection.service;

import io.trapwatch.detection.repository.MonitorEntity;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reads of this service's monitors for its own API (the read model for users is monitor-api-service's). */
@ApplicationScoped
public class MonitorQueries {

    /** Monitors of one market, optionally narrowed to a symbol and an interval, with their transition logs. */
    @Transactional
    public List<MonitorView> search(MarketType marketType, String symbol, Interval interval) {
        return MonitorEntity.search(marketType, symbol, interval).stream().map(MonitorView::of).toList();
    }
}
