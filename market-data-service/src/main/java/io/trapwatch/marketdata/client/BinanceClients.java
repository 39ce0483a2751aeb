package io.trapwatch.marketdata.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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

    private final MeterRegistry registry;

    public BinanceClients(MarketDataConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.registry = registry;
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
        registerWeightGauges(market.marketType().wire(), limiter);
        return new BinanceMarketClient(market, api, limiter, binance, mapper);
    }

    private void registerWeightGauges(String market, WeightLimiter limiter) {
        Gauge.builder("trapwatch.binance.weight.used", limiter, WeightLimiter::usedThisMinute).tag("market_type", market)
                .description("Request weight spent in the current minute (ours, or the exchange's count when higher)")
                .register(registry);
        Gauge.builder("trapwatch.binance.weight.remaining", limiter, l -> Math.max(0, l.budgetPerMinute() - l.usedThisMinute()))
                .tag("market_type", market).description("Request weight left in the current minute").register(registry);
        for (String status : new String[]{"418", "429"}) {
            // Present at zero from the start, so an alert on them has a series before the first rejection.
            registry.counter("trapwatch.binance.rejections", "market_type", market, "status", status);
        }
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
