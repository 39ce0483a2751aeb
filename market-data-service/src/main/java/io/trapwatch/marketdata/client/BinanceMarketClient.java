package io.trapwatch.marketdata.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.domain.BinanceMarket;
import io.trapwatch.marketdata.domain.MalformedResponseException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One market's calls: weight budget and concurrency ({@link WeightLimiter}), retries of idempotent GETs on
 * 5xx/timeouts (exponential back-off with jitter) and on 429 (after Retry-After), and no call at all once
 * the exchange answered 418. Returns bodies as text; parsing is strict and happens in the domain parsers.
 */
public class BinanceMarketClient {

    private static final Logger LOG = Logger.getLogger(BinanceMarketClient.class);
    static final String USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

    private final BinanceMarket market;
    private final BinancePublicApi api;
    private final WeightLimiter limiter;
    private final MarketDataConfig.Binance settings;
    private final ObjectMapper mapper;

    public BinanceMarketClient(BinanceMarket market, BinancePublicApi api, WeightLimiter limiter,
                               MarketDataConfig.Binance settings, ObjectMapper mapper) {
        this.market = market;
        this.api = api;
        this.limiter = limiter;
        this.settings = settings;
        this.mapper = mapper;
    }

    public BinanceMarket market() {
        return market;
    }

    public WeightLimiter limiter() {
        return limiter;
    }

    /** The exchange's clock: the closed-bar rule (D2) is judged by it, not by ours. */
    public Instant serverTime() {
        String body = call("time", market.timeWeight(), api::time);
        try {
            JsonNode time = mapper.readTree(body).get("serverTime");
            if (time == null || !time.isIntegralNumber()) {
                throw new MalformedResponseException(market + " time answer has no serverTime");
            }
            return Instant.ofEpochMilli(time.longValue());
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(market + " time answer is not valid JSON", e);
        }
    }

    public String exchangeInfo() {
        return call("exchangeInfo", market.exchangeInfoWeight(), api::exchangeInfo);
    }

    public String klines(String symbol, String interval, Long startTime, Long endTime, int limit) {
        return call("klines " + symbol, market.klinesWeight(limit),
                () -> api.klines(symbol, interval, startTime, endTime, limit));
    }

    /** Last price per symbol; entries that are not a symbol with a decimal price are skipped. */
    public Map<String, BigDecimal> tickerPrices() {
        String body = call("ticker/price", market.tickerPriceWeight(), api::tickerPrice);
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(market + " ticker/price answer is not valid JSON", e);
        }
        if (root == null || !root.isArray()) {
            throw new MalformedResponseException(market + " ticker/price answer is not an array");
        }
        Map<String, BigDecimal> prices = new HashMap<>();
        for (JsonNode entry : root) {
            JsonNode symbol = entry.get("symbol");
            JsonNode price = entry.get("price");
            if (symbol != null && symbol.isTextual() && price != null && price.isTextual()) {
                try {
                    prices.put(symbol.textValue(), new BigDecimal(price.textValue()));
                } catch (NumberFormatException ignored) {
                    // a price we cannot read is left out; the instrument keeps its previous price
                }
            }
        }
        return prices;
    }

    private String call(String what, int weight, Supplier<Response> request) {
        int attempt = 0;
        while (true) {
            acquire(weight);
            Outcome outcome;
            try {
                outcome = attemptOnce(what, request);
            } finally {
                limiter.release();
            }
            if (outcome.body != null) {
                return outcome.body;
            }
            if (attempt >= settings.maxRetries()) {
                throw new ExchangeException(market + " " + what + ": " + outcome.failure + " (gave up after "
                        + (attempt + 1) + " attempts)");
            }
            long delay = outcome.retryAfterMillis >= 0 ? outcome.retryAfterMillis : backoff(attempt);
            LOG.debugf("%s %s: %s, retry %d in %d ms", market, what, outcome.failure, attempt + 1, delay);
            sleep(delay);
            attempt++;
        }
    }

    private Outcome attemptOnce(String what, Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (ProcessingException e) {
            return Outcome.retry("no answer (" + rootMessage(e) + ")", -1);
        }
        try (response) {
            String used = response.getHeaderString(USED_WEIGHT_HEADER);
            if (used != null) {
                try {
                    limiter.observeUsedWeight(Integer.parseInt(used.trim()));
                } catch (NumberFormatException ignored) {
                    // a garbled header does not make the answer unusable
                }
            }
            int status = response.getStatus();
            if (status == 200) {
                try {
                    return Outcome.success(response.readEntity(String.class));
                } catch (ProcessingException e) {
                    return Outcome.retry("body could not be read (" + rootMessage(e) + ")", -1);
                }
            }
            Long retryAfter = retryAfterMillis(response);
            if (status == 418 || status == 429) {
                // Global registry: Quarkus' composite, read by /q/metrics; clients are built by hand, not injected.
                Metrics.counter("trapwatch.binance.rejections", "market_type", market.marketType().wire(),
                        "status", Integer.toString(status)).increment();
            }
            if (status == 418) {
                Instant until = Instant.now().plusMillis(retryAfter != null ? retryAfter : settings.banDefault().toMillis());
                limiter.ban(until);
                LOG.errorf("%s %s: HTTP 418, market closed until %s", market, what, until);
                throw new ExchangeBannedException(market.marketType().wire(), until);
            }
            if (status == 429) {
                long pause = retryAfter != null ? retryAfter : settings.retryBaseDelay().toMillis();
                limiter.pauseFor(pause);
                LOG.warnf("%s %s: HTTP 429, pausing the market for %d ms", market, what, pause);
                return Outcome.retry("HTTP 429 (rate limited)", 0);
            }
            if (status >= 500) {
                return Outcome.retry("HTTP " + status, -1);
            }
            throw new ExchangeException(market + " " + what + ": HTTP " + status + " " + abbreviate(response));
        }
    }

    private void acquire(int weight) {
        try {
            limiter.acquire(weight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException(market + ": interrupted while waiting for the weight budget");
        }
    }

    private long backoff(int attempt) {
        long cap = settings.retryMaxDelay().toMillis();
        long exponential = Math.min(cap, settings.retryBaseDelay().toMillis() << Math.min(attempt, 20));
        // "Equal jitter": at least half the back-off, so retries of many symbols spread out but still wait.
        return exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
    }

    private static Long retryAfterMillis(Response response) {
        String value = response.getHeaderString("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim())) * 1000;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(Response response) {
        try {
            String body = response.readEntity(String.class);
            return body.length() > 200 ? body.substring(0, 200) + "…" : body;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException("interrupted during retry back-off");
        }
    }

    private record Outcome(String body, String failure, long retryAfterMillis) {
        static Outcome success(String body) {
            return new Outcome(body, null, -1);
        }

        /** @param retryAfterMillis delay before the retry, or -1 for the exponential back-off */
        static Outcome retry(String failure, long retryAfterMillis) {
            return new Outcome(null, failure, retryAfterMillis);
        }
    }
}
