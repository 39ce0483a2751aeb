package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.client.KlineBar;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Bars of one series, ascending by open time, decimals as strings at full precision. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "KlineSeries")
public record KlineSeriesView(String marketType, String symbol, String interval, int count, List<KlineBar> klines) {
}
