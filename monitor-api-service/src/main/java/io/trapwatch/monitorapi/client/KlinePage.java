package io.trapwatch.monitorapi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** The part of {@code GET /api/market-data/klines}'s answer this service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KlinePage(List<KlineBar> klines) {
}
