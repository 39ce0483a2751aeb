package io.trapwatch.monitorapi.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;

/** Reading the recorded Binance bars {@link MarketDataStub} serves ([open time ms, open, high, low, close, …]). */
public final class RecordedBars {

    private RecordedBars() {
    }

    public static Instant openTime(JsonNode bar) {
        return Instant.ofEpochMilli(bar.get(0).asLong());
    }

    public static BigDecimal close(JsonNode bar) {
        return new BigDecimal(bar.get(4).asText());
    }

    /** "2021-03-31 04:00 UTC": how the pages show a time on hover. */
    public static String utc(JsonNode bar) {
        return openTime(bar).toString().substring(0, 16).replace('T', ' ') + " UTC";
    }

    /** The trigger bar's real high and low, so the key level line lies among the candles. */
    public static Events.Monitor onBar(Events.Monitor monitor, JsonNode bar) {
        return monitor.triggerRange(bar.get(2).asText(), bar.get(3).asText());
    }
}
