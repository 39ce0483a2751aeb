package io.trapwatch.detection.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.service.LiveBarIntake;
import io.trapwatch.detection.service.ProcessedBars;
import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What happens to a batch whose transaction fails: skipped record by record while running, left uncommitted while
 * stopping. (The failure itself is made here; a real one at shutdown — persistence closed under a batch in flight —
 * cannot be timed in a test.)
 */
class KlineClosedConsumerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final SeriesKey SERIES = new SeriesKey(MarketType.SPOT, "BTCUSDT", Interval.H1);

    /** Every transaction fails, as when the database or the persistence unit is gone; records what it was given. */
    private static final class FailingIntake extends LiveBarIntake {
        final List<String> calls = new ArrayList<>();

        @Override
        public int acceptAll(Map<SeriesKey, List<ClosedBar>> barsBySeries) {
            calls.add("batch of " + barsBySeries.values().stream().mapToInt(List::size).sum());
            throw new IllegalStateException("EntityManagerFactory is closed");
        }

        @Override
        public ProcessedBars accept(SeriesKey series, ClosedBar bar) {
            calls.add("one");
            throw new IllegalStateException("EntityManagerFactory is closed");
        }
    }

    private static List<String> records(int count) throws Exception {
        List<String> records = new ArrayList<>();
        Instant open = Instant.parse("2026-12-03T00:00:00Z");
        for (int i = 0; i < count; i++) {
            Instant barOpen = open.plusSeconds(3600L * i);
            Kline bar = new Kline(barOpen, barOpen.plusSeconds(3599).plusMillis(999), BigDecimal.ONE, BigDecimal.TEN,
                    BigDecimal.ONE, new BigDecimal("2"), BigDecimal.TEN, BigDecimal.TEN, 1, BigDecimal.ONE, BigDecimal.ONE);
            records.add(MAPPER.writeValueAsString(KlineClosed.of(SERIES, bar, Instant.now())));
        }
        return records;
    }

    private static KlineClosedConsumer consumer(FailingIntake intake) {
        KlineClosedConsumer consumer = new KlineClosedConsumer(MAPPER);
        consumer.intake = intake;
        return consumer;
    }

    @Test
    void whileRunningAFailedBatchIsTriedRecordByRecordAndSkipped() throws Exception {
        FailingIntake intake = new FailingIntake();
        consumer(intake).onKlineClosed(records(3)); // returns: the batch is committed, each record logged as skipped
        assertThat(intake.calls).containsExactly("batch of 3", "one", "one", "one");
    }

    @Test
    void whileStoppingAFailedBatchIsThrownBackUncommittedAndNothingIsSkipped() throws Exception {
        FailingIntake intake = new FailingIntake();
        KlineClosedConsumer consumer = consumer(intake);
        consumer.stopping(null);
        assertThatThrownBy(() -> consumer.onKlineClosed(records(3)))
                .hasMessageContaining("stopping: a batch of 3 kline-closed events is left uncommitted for redelivery")
                .hasRootCauseMessage("EntityManagerFactory is closed");
        assertThat(intake.calls).containsExactly("batch of 3");
    }
}
