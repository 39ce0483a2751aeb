package io.trapwatch.detection.client;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtcTimestampsTest {

    @Test
    void wholeSecondUtcTimesMatchTheJdkParser() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // 1970 to 2100, whole seconds: every form Instant.toString prints without a fraction.
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L));
            assertThat(UtcTimestamps.parse(t.toString())).isEqualTo(t);
        }
        assertThat(UtcTimestamps.parse("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    @Test
    void fractionsAndOffsetsGoThroughTheJdkParser() {
        assertThat(UtcTimestamps.parse("2024-03-01T11:59:59.999Z")).isEqualTo(Instant.parse("2024-03-01T11:59:59.999Z"));
        assertThat(UtcTimestamps.parse("2024-03-01T10:00:00+02:00")).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
    }

    @Test
    void impossibleOrMalformedTimesAreRejected() {
        assertThatThrownBy(() -> UtcTimestamps.parse("2023-02-29T00:00:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> UtcTimestamps.parse("2024-03-01T24:00:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> UtcTimestamps.parse("2024-03-0xT08:00:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> UtcTimestamps.parse("yesterday")).isInstanceOf(DateTimeException.class);
    }
}
