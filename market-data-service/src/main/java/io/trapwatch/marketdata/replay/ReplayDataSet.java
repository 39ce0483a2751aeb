package io.trapwatch.marketdata.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A recorded data set in the layout {@code <market>/exchangeInfo.json} and
 * {@code <market>/klines/<SYMBOL>-<interval>.json} (real Binance answers). Kline files are read on first use.
 * The recorded exchangeInfo files may be trimmed: every symbol that has kline files but no entry gets a
 * synthesized TRADING entry, so the replayed universe covers the recorded data.
 */
@ApplicationScoped
public class ReplayDataSet {

    private static final Logger LOG = Logger.getLogger(ReplayDataSet.class);
    private static final Pattern KLINE_FILE = Pattern.compile("([A-Z0-9]+)-([0-9]+[mhdwM])\\.json");
    private static final List<String> QUOTES = List.of("USDT", "FDUSD", "BUSD", "USDC", "TUSD", "BTC", "ETH", "BNB", "EUR");

    private final MarketDataConfig config;
    private final ObjectMapper mapper;
    private final Map<MarketType, Map<String, Map<String, Path>>> files = new EnumMap<>(MarketType.class);
    private final Map<MarketType, String> exchangeInfo = new EnumMap<>(MarketType.class);
    private final Map<MarketType, Set<String>> listedSymbols = new EnumMap<>(MarketType.class);
    private final Map<Path, ReplaySeries> loaded = new ConcurrentHashMap<>();
    private boolean indexed;

    public ReplayDataSet(MarketDataConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    public String exchangeInfo(MarketType market, long serverTime) {
        index();
        try {
            ObjectNode root = (ObjectNode) mapper.readTree(exchangeInfo.get(market));
            root.put("serverTime", serverTime);
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A symbol the replayed exchange knows: listed in its exchangeInfo (which covers every kline file). */
    public boolean hasSymbol(MarketType market, String symbol) {
        index();
        return listedSymbols.get(market).contains(symbol);
    }

    public Optional<ReplaySeries> series(MarketType market, String symbol, String interval) {
        index();
        Path file = files.get(market).getOrDefault(symbol, Map.of()).get(interval);
        return file == null ? Optional.empty() : Optional.of(loaded.computeIfAbsent(file, this::load));
    }

    /** Symbol → close of its newest bar visible at {@code clock} (the finest-grained file wins ties by recency). */
    public Map<String, String> lastPrices(MarketType market, long clock) {
        index();
        Map<String, String> prices = new TreeMap<>();
        files.get(market).forEach((symbol, byInterval) -> {
            long newest = Long.MIN_VALUE;
            for (Path file : byInterval.values()) {
                ReplaySeries series = loaded.computeIfAbsent(file, this::load);
                long closeTime = series.lastVisibleCloseTime(clock);
                if (closeTime > newest) {
                    newest = closeTime;
                    prices.put(symbol, series.lastClose(clock));
                }
            }
        });
        return prices;
    }

    /** Close time of the newest bar in the whole data set. */
    public long lastCloseTime() {
        index();
        long last = Long.MIN_VALUE;
        for (Map<String, Map<String, Path>> market : files.values()) {
            for (Map<String, Path> byInterval : market.values()) {
                for (Path file : byInterval.values()) {
                    last = Math.max(last, loaded.computeIfAbsent(file, this::load).lastCloseTime());
                }
            }
        }
        return last;
    }

    private synchronized void index() {
        if (indexed) {
            return;
        }
        Path dir = config.replay().dir()
                .orElseThrow(() -> new IllegalStateException("trapwatch.market-data.replay.dir (TRAPWATCH_REPLAY_DIR) is not set"));
        for (MarketType market : MarketType.values()) {
            Map<String, Map<String, Path>> bySymbol = new TreeMap<>();
            Path klines = dir.resolve(market.wire()).resolve("klines");
            if (Files.isDirectory(klines)) {
                try (Stream<Path> list = Files.list(klines)) {
                    list.forEach(file -> {
                        Matcher m = KLINE_FILE.matcher(file.getFileName().toString());
                        if (m.matches()) {
                            bySymbol.computeIfAbsent(m.group(1), s -> new TreeMap<>()).put(m.group(2), file);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            files.put(market, bySymbol);
            exchangeInfo.put(market, exchangeInfoCoveringFiles(market, dir.resolve(market.wire()).resolve("exchangeInfo.json"),
                    bySymbol.keySet()));
        }
        indexed = true;
        LOG.infof("replay data set %s: %d spot and %d futures symbols", dir, files.get(MarketType.SPOT).size(),
                files.get(MarketType.FUTURES).size());
    }

    private String exchangeInfoCoveringFiles(MarketType market, Path file, Set<String> fileSymbols) {
        try {
            ObjectNode root;
            if (Files.exists(file)) {
                root = (ObjectNode) mapper.readTree(file.toFile());
            } else {
                LOG.warnf("replay: %s missing, synthesizing the %s exchangeInfo from the kline files", file, market);
                root = mapper.createObjectNode();
                root.put("timezone", "UTC");
            }
            ArrayNode symbols = root.has("symbols") ? (ArrayNode) root.get("symbols") : root.putArray("symbols");
            Set<String> listed = new HashSet<>();
            symbols.forEach(s -> listed.add(s.path("symbol").asText()));
            List<String> synthesized = new ArrayList<>();
            for (String symbol : fileSymbols) {
                if (!listed.contains(symbol)) {
                    symbols.add(synthesizedEntry(market, symbol));
                    synthesized.add(symbol);
                }
            }
            if (!synthesized.isEmpty()) {
                LOG.infof("replay: %s exchangeInfo has no entry for %d symbols with kline files; synthesized TRADING entries: %s",
                        market, synthesized.size(), synthesized);
            }
            listed.addAll(synthesized);
            listedSymbols.put(market, listed);
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode synthesizedEntry(MarketType market, String symbol) {
        String quote = QUOTES.stream().filter(q -> symbol.endsWith(q) && symbol.length() > q.length()).findFirst().orElse("");
        ObjectNode entry = mapper.createObjectNode();
        entry.put("symbol", symbol);
        entry.put("status", "TRADING");
        entry.put("baseAsset", symbol.substring(0, symbol.length() - quote.length()));
        entry.put("quoteAsset", quote.isEmpty() ? "UNKNOWN" : quote);
        if (market == MarketType.FUTURES) {
            entry.put("contractType", "PERPETUAL");
        }
        return entry;
    }

    private ReplaySeries load(Path file) {
        try {
            JsonNode root = mapper.readTree(file.toFile());
            List<long[]> times = new ArrayList<>(root.size());
            List<String> rows = new ArrayList<>(root.size());
            List<String> closes = new ArrayList<>(root.size());
            for (JsonNode row : root) {
                times.add(new long[]{row.path(0).asLong(), row.path(6).asLong()});
                rows.add(row.toString());
                closes.add(row.path(4).asText());
            }
            return ReplaySeries.of(times, rows, closes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read replay file " + file, e);
        }
    }
}
