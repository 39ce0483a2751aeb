package io.trapwatch.monitorapi.service;

import io.trapwatch.monitorapi.domain.PageSelector;

import java.sql.SQLException;
import java.util.List;

/** One page of a filtered list (monitors, backtest results) with what the links need. */
public record ResultPage<T>(long count, long page, long lastPage, List<T> rows) {

    /** Reads {@code limit} rows of the list from {@code offset}. */
    @FunctionalInterface
    interface Rows<T> {
        List<T> read(int limit, long offset) throws SQLException;
    }

    /** The selected page of a list of {@code count} rows; a page past the last one is an error. */
    static <T> ResultPage<T> of(long count, PageSelector selector, int pageSize, Rows<T> rows) throws SQLException {
        long lastPage = PageSelector.lastPageNumber(count, pageSize);
        long page = selector.last() ? lastPage : selector.number();
        if (page > lastPage) {
            throw new PageBeyondEndException(page, lastPage);
        }
        return new ResultPage<>(count, page, lastPage, count == 0 ? List.of() : rows.read(pageSize, (page - 1) * pageSize));
    }

    public boolean hasNext() {
        return page < lastPage;
    }

    public boolean hasPrevious() {
        return page > 1;
    }
}
