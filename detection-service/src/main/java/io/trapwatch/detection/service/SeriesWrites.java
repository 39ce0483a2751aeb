package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.repository.SeriesBarEntity;
import io.trapwatch.detection.repository.SeriesStateEntity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bars and cursors the series of one transaction processed, written at its end in one statement each: a consumer
 * batch of 500 bars is two round trips, not 500 bar inserts and as many cursor updates. Nothing in the transaction
 * reads a series' bars after processing them (each series is processed once per transaction), so writing them last
 * changes nothing but the cost.
 */
final class SeriesWrites {

    private final List<SeriesBarEntity.NewBar> bars = new ArrayList<>();
    private final Set<SeriesStateEntity> advanced = new LinkedHashSet<>();

    void processed(SeriesStateEntity state, ClosedBar bar) {
        bars.add(new SeriesBarEntity.NewBar(state.id, bar));
        advanced.add(state);
    }

    void write() {
        SeriesBarEntity.insertAll(bars);
        SeriesStateEntity.saveCursors(advanced);
        bars.clear();
        advanced.clear();
    }
}
