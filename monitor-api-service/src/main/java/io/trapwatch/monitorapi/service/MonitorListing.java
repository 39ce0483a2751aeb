package io.trapwatch.monitorapi.service;

import io.trapwatch.monitorapi.repository.MonitorRow;

import java.util.List;

/** One page of the filtered monitor list with what the links need. */
public record MonitorListing(long count, long page, long lastPage, List<MonitorRow> rows) {

    public boolean hasNext() {
        return page < lastPage;
    }

    public boolean hasPrevious() {
        return page > 1;
    }
}
