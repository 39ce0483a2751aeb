package io.trapwatch.monitorapi.domain;

/** A requested page: a number from 1, or the last page whatever its number. */
public record PageSelector(long number, boolean last) {

    public static PageSelector first() {
        return new PageSelector(1, false);
    }

    public static PageSelector lastPage() {
        return new PageSelector(0, true);
    }

    public static PageSelector number(long number) {
        return new PageSelector(number, false);
    }

    /** Pages needed for {@code count} items; an empty list still has its (empty) first page. */
    public static long lastPageNumber(long count, int pageSize) {
        return Math.max(1, (count + pageSize - 1) / pageSize);
    }
}
