package io.trapwatch.marketdata.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.domain.BinanceMarket;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link BinanceMarketClient} per market. With {@code source=replay} the same client talks to this
 * service's own Binance-compatible replay endpoints, so replay and live share client, limits and ingest.
 * Built on first use because the replay target is this server, whose port is known only once it listens.
 */
@ApplicationScoped
public class BinanceClients {

    private static final Logger LOG = Logger.getLogger(BinanceClients.class);

    private final MarketDataConfig config;
    private final ObjectMapper mapper;
    private final Map<BinanceMarket, BinanceMarketClient> clients = new EnumMap<>(BinanceMarket.class);

    public BinanceClients(MarketDataConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    public synchronized BinanceMarketClient forMarket(MarketType marketType) {
        BinanceMarket market = BinanceMarket.of(marketType);
        return clients.computeIfAbsent(market, this::build);
    }

    private BinanceMarketClient build(BinanceMarket market) {
        MarketDataConfig.Binance binance = config.binance();
        URI base = URI.create(host(market).toString().replaceAll("/+$", "") + market.apiPrefix());
        LOG.infof("%s market: %s (source %s)", market, base, config.source());
        BinancePublicApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(binance.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(binance.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(BinancePublicApi.class);
        int budget = market == BinanceMarket.SPOT ? binance.spotWeightPerMinute() : binance.futuresWeightPerMinute();
        WeightLimiter limiter = new WeightLimiter(market.marketType().wire(), budget, binance.concurrency(), Clock.systemUTC());
        return new BinanceMarketClient(market, api, limiter, binance, mapper);
    }

    private URI host(BinanceMarket market) {
        if (config.source() == MarketDataConfig.Source.BINANCE) {
            return market == BinanceMarket.SPOT ? config.binance().spotUrl() : config.binance().futuresUrl();
        }
        URI self = config.replay().selfUrl().orElseGet(BinanceClients::localServer);
        return URI.create(self.toString().replaceAll("/+$", "") + "/replay/" + market.marketType().wire());
    }

    /** Quarkus publishes the port it actually bound (random in tests) as a system property. */
    static URI localServer() {
        String port = System.getProperty("quarkus.http.test-port");
        if (port == null || port.equals("0")) {
            port = System.getProperty("quarkus.http.port");
        }
        if (port == null || port.equals("0")) {
            port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", String.class).orElse("8080");
        }
        return URI.create("http://localhost:" + port);
    }
}
