package io.trapwatch.marketdata.client;

import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.domain.StreamEndpoints;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * The combined kline stream URL of each market: configured, or Binance's, or with {@code source=replay} this
 * server's replay stream endpoint (same path layout as Binance under {@code /replay/<market>}).
 */
@ApplicationScoped
public class KlineStreamEndpoints {

    private final MarketDataConfig config;

    public KlineStreamEndpoints(MarketDataConfig config) {
        this.config = config;
    }

    /** @throws IllegalArgumentException when the configured URL is not the market's combined kline stream path */
    public URI url(MarketType market) {
        MarketDataConfig.Stream stream = config.stream();
        URI configured = (market == MarketType.SPOT ? stream.spotUrl() : stream.futuresUrl()).orElseGet(() -> defaultUrl(market));
        return StreamEndpoints.checked(market, configured);
    }

    private URI defaultUrl(MarketType market) {
        if (config.source() == MarketDataConfig.Source.BINANCE) {
            return market == MarketType.SPOT ? StreamEndpoints.BINANCE_SPOT : StreamEndpoints.BINANCE_FUTURES;
        }
        URI self = config.replay().selfUrl().orElseGet(BinanceClients::localServer);
        String ws = self.toString().replaceAll("/+$", "").replaceFirst("^http", "ws");
        return URI.create(ws + "/replay/" + market.wire() + StreamEndpoints.combinedPath(market));
    }
}
