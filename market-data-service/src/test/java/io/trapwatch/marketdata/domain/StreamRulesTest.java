package io.trapwatch.marketdata.domain;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binance's stream rules: names, endpoints, message pacing, connection attempts, back-off, 1024 per connection. */
class StreamRulesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void streamNamesAreLowerCaseSymbolAtKlineInterval() {
        assertThat(StreamNames.kline("BTCUSDT", Interval.H1)).isEqualTo("btcusdt@kline_1h");
        assertThat(StreamNames.parse("1000pepeusdt@kline_1d")).contains(new StreamNames.SymbolInterval("1000PEPEUSDT", Interval.D1));
        assertThat(StreamNames.parse("btcusdt@kline_15m")).isEmpty();
        assertThat(StreamNames.parse("btcusdt@aggTrade")).isEmpty();
    }

    @Test
    void futuresKlinesMustBeOnTheMarketPath() {
        assertThat(StreamEndpoints.BINANCE_SPOT).hasToString("wss://stream.binance.com:443/stream");
        assertThat(StreamEndpoints.BINANCE_FUTURES).hasToString("wss://fstream.binance.com/market/stream");
        assertThat(StreamEndpoints.checked(MarketType.FUTURES, StreamEndpoints.BINANCE_FUTURES)).isEqualTo(StreamEndpoints.BINANCE_FUTURES);
        assertThat(StreamEndpoints.checked(MarketType.SPOT, StreamEndpoints.BINANCE_SPOT)).isEqualTo(StreamEndpoints.BINANCE_SPOT);
        for (String wrong : List.of("wss://fstream.binance.com/stream", "wss://fstream.binance.com/public/stream",
                "wss://fstream.binance.com/private/stream", "wss://fstream.binance.com/market/ws")) {
            assertThatThrownBy(() -> StreamEndpoints.checked(MarketType.FUTURES, URI.create(wrong)))
                    .hasMessage("futures stream URL must end in /market/stream (the combined market stream path), got " + wrong);
        }
        assertThatThrownBy(() -> StreamEndpoints.checked(MarketType.SPOT, URI.create("https://stream.binance.com/stream")))
                .hasMessageContaining("must be ws:// or wss://");
    }

    @Test
    void pacerSpacesMessagesAndCountsUnaskedPongs() {
        MessagePacer pacer = new MessagePacer(5);
        assertThat(pacer.reserve(0)).isZero();
        assertThat(pacer.reserve(0)).isEqualTo(SECOND / 5);
        pacer.record(0); // a pong went out: the next request waits one more slot
        assertThat(pacer.reserve(0)).isEqualTo(3 * SECOND / 5);
        assertThat(pacer.reserve(10 * SECOND)).isZero(); // an idle connection sends at once
    }

    @Test
    void atMost300ConnectionAttemptsInAnyFiveMinutes() {
        long window = Duration.ofMinutes(5).toNanos();
        ConnectAttemptWindow attempts = new ConnectAttemptWindow(300, window);
        for (int i = 0; i < 300; i++) {
            assertThat(attempts.reserve(i)).isZero();
        }
        assertThat(attempts.reserve(300)).isEqualTo(window - 300); // waits for attempt 0 to leave the window
        assertThat(attempts.reserve(301)).isEqualTo(window + 1 - 301);
        assertThat(attempts.reserve(window + 500)).isZero();
    }

    @Test
    void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
        ReconnectBackoff low = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        ReconnectBackoff high = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999999);
        assertThat(low.delay(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.delay(0)).isEqualTo(Duration.ofMillis(999));
        assertThat(low.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(high.delay(3)).isEqualTo(Duration.ofMillis(7999));
        assertThat(low.delay(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(high.delay(100)).isEqualTo(Duration.ofMillis(59999));
    }

    @Test
    void streamsFillConnectionsUpTo1024AndLeaveWhenUnwanted() {
        Set<String> wanted = new java.util.TreeSet<>();
        for (int i = 0; i < 1030; i++) {
            wanted.add(String.format("s%04dusdt@kline_1h", i));
        }
        List<StreamAssignment.Change> first = StreamAssignment.plan(List.of(), wanted, 1024);
        assertThat(first).hasSize(2);
        assertThat(first.get(0).subscribe()).hasSize(1024);
        assertThat(first.get(1).subscribe()).containsExactly("s1024usdt@kline_1h", "s1025usdt@kline_1h", "s1026usdt@kline_1h",
                "s1027usdt@kline_1h", "s1028usdt@kline_1h", "s1029usdt@kline_1h");

        // later: s0000 delisted, one new listing; the freed place on connection 0 takes it, nothing else moves
        Set<String> now = new java.util.TreeSet<>(wanted);
        now.remove("s0000usdt@kline_1h");
        now.add("newusdt@kline_1h");
        List<StreamAssignment.Change> next = StreamAssignment.plan(
                List.of(first.get(0).subscribe(), first.get(1).subscribe()), now, 1024);
        assertThat(next).containsExactly(new StreamAssignment.Change(0, Set.of("newusdt@kline_1h"), Set.of("s0000usdt@kline_1h")));
        assertThat(StreamAssignment.plan(List.of(Set.of("a@kline_1h")), Set.of("a@kline_1h"), 1024)).isEmpty();
    }
}
