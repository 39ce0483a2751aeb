package io.trapwatch.marketdata.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.marketdata.repository.InstrumentRepository;
import io.trapwatch.marketdata.repository.InstrumentRow;
import io.trapwatch.marketdata.service.InstrumentSyncService;
import io.trapwatch.marketdata.service.SyncResult;
import io.trapwatch.model.MarketType;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Function;

import java.time.Instant;
import java.util.List;

@Path("/api/market-data/instruments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class InstrumentResource {

    private static final List<String> EXCHANGES = List.of(InstrumentSyncService.EXCHANGE);
    private static final List<String> STATUSES = List.of(InstrumentRow.ACTIVE, InstrumentRow.DELISTED);

    private final InstrumentSyncService sync;
    private final InstrumentRepository instruments;

    public InstrumentResource(InstrumentSyncService sync, InstrumentRepository instruments) {
        this.sync = sync;
        this.instruments = instruments;
    }

    @POST
    @Path("/sync")
    public SyncResult sync(@QueryParam("market_type") String marketType, @QueryParam("exchange") String exchange) {
        MarketType market = RequestParameters.marketType(marketType);
        RequestParameters.oneOf("exchange", exchange, EXCHANGES, Function.identity());
        return sync.sync(market);
    }

    @GET
    public InstrumentList list(@QueryParam("market_type") String marketType, @QueryParam("status") String status) {
        MarketType market = RequestParameters.marketType(marketType);
        List<InstrumentView> rows = instruments.list(InstrumentSyncService.EXCHANGE, market, RequestParameters.oneOf("status", status, STATUSES, Function.identity()))
                .stream().map(InstrumentView::of).toList();
        return new InstrumentList(market.wire(), rows.size(), rows);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InstrumentList(String marketType, int count, List<InstrumentView> instruments) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InstrumentView(String symbol, String status, String baseAsset, String quoteAsset, String lastPrice,
                                 Instant firstSeen, Instant updatedAt) {
        static InstrumentView of(InstrumentRow row) {
            return new InstrumentView(row.symbol(), row.status(), row.baseAsset(), row.quoteAsset(),
                    row.lastPrice() == null ? null : row.lastPrice().toPlainString(), row.firstSeen(), row.updatedAt());
        }
    }
}
