package io.trapwatch.marketdata.replay;

import java.util.ArrayList;
import java.util.List;

/** One recorded kline file: the rows exactly as recorded (JSON text) with their open and close times. */
final class ReplaySeries {

    private final long[] openTimes;
    private final long[] closeTimes;
    private final List<String> rows;
    private final List<String> closes;

    ReplaySeries(long[] openTimes, long[] closeTimes, List<String> rows, List<String> closes) {
        this.openTimes = openTimes;
        this.closeTimes = closeTimes;
        this.rows = rows;
        this.closes = closes;
    }

    int size() {
        return rows.size();
    }

    long lastCloseTime() {
        return closeTimes.length == 0 ? Long.MIN_VALUE : closeTimes[closeTimes.length - 1];
    }

    /** Number of leading rows closed by {@code clock} (close time strictly before it). */
    int visible(long clock) {
        return countBelow(closeTimes, clock);
    }

    /** Binance's klines selection over the visible rows: from startTime forward, or the newest ones up to endTime. */
    List<String> select(long clock, Long startTime, Long endTime, int limit) {
        int visible = visible(clock);
        int last = visible; // exclusive
        if (endTime != null) {
            last = Math.min(last, firstOpenAfter(endTime));
        }
        int first;
        if (startTime != null) {
            first = firstOpenAtOrAfter(startTime);
            last = Math.min(last, first + limit);
        } else {
            first = Math.max(0, last - limit);
        }
        List<String> selected = new ArrayList<>(Math.max(0, last - first));
        for (int i = first; i < last; i++) {
            selected.add(rows.get(i));
        }
        return selected;
    }

    /** The recorded rows that close at or after {@code from} and before {@code to}: what a clock move makes visible. */
    List<String> closedBetween(long from, long to) {
        return from >= to ? List.of() : rows.subList(visible(from), visible(to));
    }

    /** Close price of the newest row visible at {@code clock}, or null. */
    String lastClose(long clock) {
        int visible = visible(clock);
        return visible == 0 ? null : closes.get(visible - 1);
    }

    long lastVisibleCloseTime(long clock) {
        int visible = visible(clock);
        return visible == 0 ? Long.MIN_VALUE : closeTimes[visible - 1];
    }

    private int firstOpenAtOrAfter(long time) {
        return countBelow(openTimes, time);
    }

    /** How many of the ascending {@code times} are below {@code limit} (the index of the first one at or above it). */
    private static int countBelow(long[] times, long limit) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int firstOpenAfter(long time) {
        return time == Long.MAX_VALUE ? openTimes.length : firstOpenAtOrAfter(time + 1);
    }

    static ReplaySeries of(List<long[]> times, List<String> rows, List<String> closes) {
        long[] open = new long[times.size()];
        long[] close = new long[times.size()];
        for (int i = 0; i < times.size(); i++) {
            open[i] = times.get(i)[0];
            close[i] = times.get(i)[1];
        }
        return new ReplaySeries(open, close, rows, closes);
    }
}
