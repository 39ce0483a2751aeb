package io.trapwatch.marketdata.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.marketdata.client.KlineStreamParser;
import io.trapwatch.marketdata.domain.KlineStreamMessage;
import io.trapwatch.model.MarketType;

import java.util.ArrayList;
import java.util.List;

/**
 * CPU per stream message on the connection's event loop: a forming-candle update ({@code x:false}, nearly all of a
 * real stream's traffic) against a closed bar, in Binance's combined-stream shape. Single thread, 5 timed runs of
 * 200,000 messages of each kind after 2 untimed ones, both kinds twice (the first pass also warms the JIT);
 * prints each run and the median.
 * <pre>
 * ./mvnw -B -q -pl market-data-service test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.mainClass=io.trapwatch.marketdata.bench.StreamParseBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class StreamParseBenchmark {

    private static final int MESSAGES = 200_000;

    private StreamParseBenchmark() {
    }

    public static void main(String[] args) {
        KlineStreamParser parser = new KlineStreamParser(MarketType.SPOT, new ObjectMapper());
        for (boolean closed : new boolean[]{false, true, false, true}) {
            List<String> messages = messages(closed);
            List<Double> runs = new ArrayList<>();
            for (int run = 0; run < 7; run++) {
                long started = System.nanoTime();
                int bars = 0;
                for (String message : messages) {
                    if (parser.parse(message) instanceof KlineStreamMessage.Bar) {
                        bars++;
                    }
                }
                double perMessage = (System.nanoTime() - started) / (double) MESSAGES;
                if (bars != (closed ? MESSAGES : 0)) {
                    throw new IllegalStateException(bars + " bars read from " + MESSAGES + (closed ? " closed" : " forming") + " messages");
                }
                if (run >= 2) {
                    runs.add(perMessage);
                }
            }
            System.out.printf("%s: %s ns per message (runs), median %.0f ns%n", closed ? "closed bar     " : "forming update ",
                    runs.stream().map(r -> String.format("%.0f", r)).toList(), runs.stream().sorted().toList().get(runs.size() / 2));
        }
    }

    /** Distinct messages (symbols and prices vary), so nothing is served from a parser's cache of the last input. */
    private static List<String> messages(boolean closed) {
        List<String> messages = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            String symbol = "SYM" + (i % 3000) + "USDT";
            long open = 1_700_000_000_000L + (i / 3000) * 3_600_000L;
            String price = (100 + i % 997) + "." + String.format("%08d", i % 100_000_000);
            messages.add("{\"stream\":\"" + symbol.toLowerCase() + "@kline_1h\",\"data\":{\"e\":\"kline\",\"E\":" + (open + 3_600_000)
                    + ",\"s\":\"" + symbol + "\",\"k\":{\"t\":" + open + ",\"T\":" + (open + 3_599_999) + ",\"s\":\"" + symbol
                    + "\",\"i\":\"1h\",\"f\":100,\"L\":200,\"o\":\"" + price + "\",\"c\":\"" + price + "\",\"h\":\"" + price
                    + "\",\"l\":\"" + price + "\",\"v\":\"1000.00000000\",\"n\":101,\"x\":" + closed
                    + ",\"q\":\"100000.00000000\",\"V\":\"500.00000000\",\"Q\":\"50000.00000000\",\"B\":\"0\"}}}");
        }
        return messages;
    }
}
