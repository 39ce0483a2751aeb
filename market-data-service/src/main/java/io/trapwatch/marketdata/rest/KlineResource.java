package io.trapwatch.marketdata.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.marketdata.repository.InstrumentRepository;
import io.trapwatch.marketdata.repository.KlineRepository;
import io.trapwatch.marketdata.repository.SeriesSummary;
import io.trapwatch.marketdata.service.InstrumentSyncService;
import io.trapwatch.marketdata.service.KlineUpdateService;
import io.trapwatch.marketdata.service.UnknownSymbolException;
import io.trapwatch.marketdata.service.UpdateResult;
import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@Path("/api/market-data")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class KlineResource {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    static final int MAX_BACKFILL = 1_000_000;

    private final KlineUpdateService updates;
    private final KlineRepository klines;
    private final InstrumentRepository instruments;

    public KlineResource(KlineUpdateService updates, KlineRepository klines, InstrumentRepository instruments) {
        this.updates = updates;
        this.klines = klines;
        this.instruments = instruments;
    }

    @POST
    @Path("/klines/update")
    public UpdateResult update(@QueryParam("market_type") String marketType, @QueryParam("interval") String interval,
                               @QueryParam("symbols") String symbols, @QueryParam("backfill") String backfill,
                               @Context UriInfo uri) {
        MarketType market = RequestParameters.marketType(marketType);
        Interval iv = RequestParameters.requiredInterval(interval);
        // "symbols=" (present but empty) must not silently mean "all instruments"
        String given = symbols == null && uri.getQueryParameters().containsKey("symbols") ? "" : symbols;
        return updates.update(market, iv, RequestParameters.symbols("symbols", given), RequestParameters.intInRange("backfill", backfill, 1, MAX_BACKFILL));
    }

    @GET
    @Path("/klines")
    public KlinePage klines(@QueryParam("market_type") String marketType, @QueryParam("symbol") String symbol,
                            @QueryParam("interval") String interval, @QueryParam("start") String start,
                            @QueryParam("end") String end, @QueryParam("limit") String limit) {
        MarketType market = RequestParameters.marketType(marketType);
        String sym = RequestParameters.requiredSymbol("symbol", symbol);
        Interval iv = RequestParameters.requiredInterval(interval);
        Instant from = RequestParameters.instant("start", start).orElse(null);
        Instant to = RequestParameters.instant("end", end).orElse(null);
        int max = RequestParameters.intInRange("limit", limit, 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        SeriesKey series = new SeriesKey(market, sym, iv);
        List<Kline> bars = klines.find(series, from, to, max);
        if (bars.isEmpty() && instruments.find(InstrumentSyncService.EXCHANGE, market, sym).isEmpty()
                && !klines.hasBars(market, sym)) {
            throw new UnknownSymbolException(market.wire(), List.of(sym));
        }
        return new KlinePage(market.wire(), sym, iv.wire(), bars.stream().map(KlineView::of).toList());
    }

    @GET
    @Path("/series")
    public SeriesList series(@QueryParam("market_type") String marketType, @QueryParam("interval") String interval) {
        MarketType market = RequestParameters.marketType(marketType);
        Interval iv = RequestParameters.requiredInterval(interval);
        return new SeriesList(market.wire(), iv.wire(), klines.series(market, iv));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KlinePage(String marketType, String symbol, String interval, List<KlineView> klines) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SeriesList(String marketType, String interval, List<SeriesSummary> series) {
    }

    /** Decimals as plain strings with the exchange's precision ({@code "42000.10000000"}), never through a double. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KlineView(Instant openTime, Instant closeTime, String open, String high, String low, String close,
                            String volume, String quoteVolume, long tradeCount, String takerBuyVolume,
                            String takerBuyQuoteVolume) {
        static KlineView of(Kline k) {
            return new KlineView(k.openTime(), k.closeTime(), plain(k.open()), plain(k.high()), plain(k.low()),
                    plain(k.close()), plain(k.volume()), plain(k.quoteVolume()), k.tradeCount(), plain(k.takerBuyVolume()),
                    plain(k.takerBuyQuoteVolume()));
        }

        private static String plain(BigDecimal value) {
            return value == null ? null : value.toPlainString();
        }
    }
}
