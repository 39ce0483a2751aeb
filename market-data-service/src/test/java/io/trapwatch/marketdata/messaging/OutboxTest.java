package io.trapwatch.marketdata.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trapwatch.marketdata.client.KlineRowParser;
import io.trapwatch.marketdata.repository.KlineRepository;
import io.trapwatch.marketdata.support.BinanceStub;
import io.trapwatch.marketdata.support.Db;
import io.trapwatch.marketdata.support.KlineClosedTopic;
import io.trapwatch.marketdata.support.ServiceTest;
import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.service.outbox.OutboxDrainer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bars stored while the broker is unreachable (or the service dies before publishing) keep their events in
 * the outbox; the next drain publishes each exactly once, in order, and a repeated store queues nothing.
 */
@ServiceTest
class OutboxTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KlineRepository klines;

    @Inject
    KlineOutbox outbox;

    @Inject
    OutboxDrainer drainer;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void clean() {
        Db.truncateAll(dataSource);
    }

    @Test
    void eventsSurviveABrokerOutageAndArePublishedOnceLater() throws Exception {
        SeriesKey series = new SeriesKey(MarketType.FUTURES, "BTCUSDT", Interval.H4);
        List<Kline> parsed = new KlineRowParser(mapper)
                .parse("BTCUSDT", BinanceStub.resource("/binance/futures/klines/BTCUSDT-4h.json")).bars().subList(0, 120);
        List<Kline> bars = new java.util.ArrayList<>(parsed);
        Kline first = parsed.get(0);
        // a bar without trading: its zero volume must travel as "0.00000000", not "0E-8"
        bars.set(0, new Kline(first.openTime(), first.closeTime(), first.open(), first.high(), first.low(), first.close(),
                new java.math.BigDecimal("0.00000000"), first.quoteVolume(), 0, first.takerBuyVolume(), first.takerBuyQuoteVolume()));
        UUID run = UUID.randomUUID();
        int stored = QuarkusTransaction.requiringNew().call(() -> klines.insertNew(series, bars, run));
        assertThat(stored).isEqualTo(120);
        // Storing the same bars again (a re-run) inserts nothing and queues nothing.
        assertThat(QuarkusTransaction.requiringNew().call(() -> klines.insertNew(series, bars, UUID.randomUUID()))).isZero();
        assertThat(klines.pendingEvents(null)).isEqualTo(120);

        try (KlineClosedTopic topic = new KlineClosedTopic();
             OutboxDrainer duringOutage = outbox.drainerTo("127.0.0.1:1", Duration.ofSeconds(1))) {
            OutboxDrainer.Result failed = duringOutage.drain();
            assertThat(failed.published()).isZero();
            assertThat(failed.complete()).isFalse();
            assertThat(klines.pendingEvents(run)).isEqualTo(120);

            OutboxDrainer.Result recovered = drainer.drain();
            assertThat(recovered.published()).isEqualTo(120);
            assertThat(recovered.complete()).isTrue();
            assertThat(klines.pendingEvents(null)).isZero();

            List<ConsumerRecord<String, String>> events = topic.read(120, Duration.ofSeconds(30));
            assertThat(events).hasSize(120);
            assertThat(events).allSatisfy(r -> assertThat(r.key()).isEqualTo("futures:BTCUSDT:4h"));
            List<Long> openTimes = events.stream().map(r -> openTime(r.value())).toList();
            assertThat(openTimes).isSorted().doesNotHaveDuplicates()
                    .containsExactlyElementsOf(bars.stream().map(k -> k.openTime().toEpochMilli()).toList());
            JsonNode firstEvent = mapper.readTree(events.get(0).value());
            assertThat(firstEvent.get("kline").get("open").asText()).isEqualTo(bars.get(0).open().toPlainString());
            assertThat(firstEvent.get("kline").get("open").asText()).isEqualTo("30959.3");
            assertThat(firstEvent.get("kline").get("volume").asText()).isEqualTo("0.00000000");

            // Nothing left: another drain publishes nothing.
            assertThat(drainer.drain().published()).isZero();
            assertThat(topic.read(0, Duration.ZERO)).isEmpty();
        }
    }

    private long openTime(String json) {
        try {
            return java.time.Instant.parse(mapper.readTree(json).get("kline").get("openTime").asText()).toEpochMilli();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
