package io.trapwatch.marketdata.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trapwatch.marketdata.client.BinanceClients;
import io.trapwatch.marketdata.client.BinanceMarketClient;
import io.trapwatch.marketdata.client.ExchangeException;
import io.trapwatch.marketdata.client.ExchangeInfoParser;
import io.trapwatch.marketdata.domain.ListedInstrument;
import io.trapwatch.marketdata.domain.MalformedResponseException;
import io.trapwatch.marketdata.repository.InstrumentRepository;
import io.trapwatch.marketdata.repository.InstrumentRow;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings the stored universe of one market in line with the exchange (D11: TRADING USDT pairs and USDT-M perpetuals;
 * a failed, malformed or empty answer changes nothing). The exchange is asked first; only a well-formed, non-empty
 * answer reaches the database, so a failed call can never delist the universe (W-26). Disappeared instruments become
 * delisted, returning ones active again (W-27).
 */
@ApplicationScoped
public class InstrumentSyncService {

    public static final String EXCHANGE = "binance";
    private static final Logger LOG = Logger.getLogger(InstrumentSyncService.class);

    private final BinanceClients clients;
    private final InstrumentRepository instruments;
    private final ExchangeInfoParser parser;
    private final Event<InstrumentsSynced> synced;

    public InstrumentSyncService(BinanceClients clients, InstrumentRepository instruments, ObjectMapper mapper,
                                 Event<InstrumentsSynced> synced) {
        this.clients = clients;
        this.instruments = instruments;
        this.parser = new ExchangeInfoParser(mapper);
        this.synced = synced;
    }

    /** @throws ExchangeException or {@link ExchangeAnswerRejectedException} when nothing was changed */
    public SyncResult sync(MarketType market) {
        BinanceMarketClient client = clients.forMarket(market);
        List<ListedInstrument> listed;
        try {
            listed = parser.tradableUsdtInstruments(client.market(), client.exchangeInfo());
        } catch (MalformedResponseException e) {
            throw new ExchangeAnswerRejectedException(e.getMessage() + "; nothing changed");
        }
        if (listed.isEmpty()) {
            throw new ExchangeAnswerRejectedException(market + " exchangeInfo lists no tradable USDT instrument; "
                    + "refusing to delist the whole universe, nothing changed");
        }
        Map<String, BigDecimal> prices = prices(client);
        SyncResult result = QuarkusTransaction.requiringNew().call(() -> apply(market, listed, prices));
        synced.fire(new InstrumentsSynced(market));
        return result;
    }

    private SyncResult apply(MarketType market, List<ListedInstrument> listed, Map<String, BigDecimal> prices) {
        Map<String, InstrumentRow> stored = instruments.lockAll(EXCHANGE, market);
        List<ListedInstrument> created = new ArrayList<>();
        List<ListedInstrument> seen = new ArrayList<>();
        int reactivated = 0;
        for (ListedInstrument instrument : listed) {
            InstrumentRow row = stored.get(instrument.symbol());
            if (row == null) {
                created.add(instrument);
            } else {
                seen.add(instrument);
                if (!row.active()) {
                    reactivated++;
                }
            }
        }
        Set<String> listedSymbols = listed.stream().map(ListedInstrument::symbol).collect(Collectors.toSet());
        List<String> gone = stored.values().stream()
                .filter(row -> row.active() && !listedSymbols.contains(row.symbol()))
                .map(InstrumentRow::symbol).toList();
        instruments.insertActive(EXCHANGE, market, created, prices);
        instruments.refreshActive(EXCHANGE, market, seen, prices);
        instruments.delist(EXCHANGE, market, gone);
        SyncResult result = new SyncResult(market.wire(), created.size(), seen.size(), reactivated, gone.size(),
                instruments.countActive(EXCHANGE, market));
        LOG.infof("instrument sync %s", result);
        return result;
    }

    /** Prices are informative only: a failed ticker call must not fail (or shrink) the sync. */
    private static Map<String, BigDecimal> prices(BinanceMarketClient client) {
        try {
            return client.tickerPrices();
        } catch (RuntimeException e) {
            LOG.warnf("%s ticker/price unavailable, prices not refreshed: %s", client.market(), e.getMessage());
            return Map.of();
        }
    }
}
