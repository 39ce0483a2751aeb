package io.trapwatch.monitorapi.rest;

import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.domain.MonitorOrder;
import io.trapwatch.monitorapi.domain.PageSelector;
import io.trapwatch.monitorapi.service.ResultPage;
import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The list parameters beyond the shared ones, for the monitor and backtest lists alike: several statuses at once, the
 * sort column, an inclusive date range, the page (a number or {@code last}) with its size, and the links to the pages
 * around the answered one.
 */
final class ListParams {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private ListParams() {
    }

    /** Comma-separated statuses, any subset of the five; empty (or not given) means every status. */
    static Set<MonitorStatus> statuses(String value) {
        Set<MonitorStatus> out = EnumSet.noneOf(MonitorStatus.class);
        for (String part : RequestParameters.given(value).map(v -> v.split(",", -1)).orElse(new String[0])) {
            String name = part.trim();
            if (!MonitorStatus.wireNames().contains(name)) {
                throw new BadParameterException("status", "status must be one or more of " + MonitorStatus.wireNames()
                        + ", separated by commas", MonitorStatus.wireNames(), value);
            }
            out.add(MonitorStatus.fromWire(name));
        }
        return out;
    }

    /** A column name, '-' in front for descending; default trigger time descending. */
    static MonitorOrder order(String value) {
        return RequestParameters.given(value).map(v -> MonitorOrder.fromWire(v).orElseThrow(() -> {
            List<String> allowed = MonitorOrder.wireNames();
            return new BadParameterException("sort", "sort must be one of: " + allowed, allowed, value);
        })).orElse(MonitorOrder.NEWEST_FIRST);
    }

    /** Monitors or results per page: 1 to 100, 20 when not given. */
    static int pageSize(String value) {
        return RequestParameters.pageSize(value, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    static PageSelector page(String value) {
        Optional<String> given = RequestParameters.given(value);
        if (given.isEmpty()) {
            return PageSelector.first();
        }
        if (given.get().equals("last")) {
            return PageSelector.lastPage();
        }
        return PageSelector.number(RequestParameters.wholeNumber(given.get(), 1).orElseThrow(() -> new BadParameterException(
                "page", "page must be a positive integer or 'last'", List.of("an integer from 1", "last"), value)));
    }

    /**
     * The UTC instants from the start of {@code start_date} to the end of {@code end_date} (both inclusive dates,
     * either optional); a start after the end is a 400 naming both.
     */
    static DateRange dates(String startDate, String endDate) {
        Optional<LocalDate> from = RequestParameters.date("start_date", startDate);
        Optional<LocalDate> to = RequestParameters.date("end_date", endDate);
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw BadParameterException.reversedRange("date", "start_date", startDate.trim(), "end_date", endDate.trim());
        }
        return new DateRange(from.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()),
                to.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /** From (inclusive) and before (exclusive) instants of an inclusive date range. */
    record DateRange(Optional<Instant> from, Optional<Instant> before) {
    }

    /** The link to the next page of {@code page}, or null on the last. */
    static String next(UriInfo uri, String path, ResultPage<?> page) {
        return page.hasNext() ? link(uri, path, page.page() + 1) : null;
    }

    /** The link to the previous page of {@code page}, or null on the first. */
    static String previous(UriInfo uri, String path, ResultPage<?> page) {
        return page.hasPrevious() ? link(uri, path, page.page() - 1) : null;
    }

    /** The canonical list URL with every parameter of this request except page, in their order, then the page. */
    private static String link(UriInfo uri, String path, long page) {
        List<String> kept = new ArrayList<>();
        String query = uri.getRequestUri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.equals("page") && !pair.startsWith("page=")) {
                    kept.add(pair);
                }
            }
        }
        kept.add("page=" + page);
        return uri.getBaseUriBuilder().path(path).build() + "?" + String.join("&", kept);
    }
}
