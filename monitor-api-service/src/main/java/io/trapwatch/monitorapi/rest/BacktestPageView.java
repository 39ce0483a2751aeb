package io.trapwatch.monitorapi.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of backtest results, paged like the monitor list. */
@Schema(name = "BacktestPage")
public record BacktestPageView(long count, String next, String previous, List<BacktestView> results) {
}
