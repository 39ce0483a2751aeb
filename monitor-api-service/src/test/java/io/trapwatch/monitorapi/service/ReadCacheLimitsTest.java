package io.trapwatch.monitorapi.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trapwatch.monitorapi.config.ReadCacheConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache on its own (no database: the version is given): byte and entry limits, least recently used first out,
 * answers asked for again kept over answers asked for once, versions.
 */
class ReadCacheLimitsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void bytesBeyondTheLimitDropTheLeastRecentlyUsedAnswers() throws Exception {
        ReadCache cache = cache(100, 1_000);
        cache.get("a", 1, body(400));
        cache.get("b", 1, body(400));
        cache.get("a", 1, body(400)); // a is now the most recently used
        cache.get("c", 1, body(400)); // 1,200 bytes: b goes
        assertThat(cache.bytes()).isEqualTo(800);
        assertThat(cache.size()).isEqualTo(2);
        int before = reads.get();
        cache.get("a", 1, body(400));
        cache.get("c", 1, body(400));
        assertThat(reads.get()).isEqualTo(before);
        cache.get("b", 1, body(400));
        assertThat(reads.get()).isEqualTo(before + 1);
        assertThat(registry.counter("trapwatch.read.cache.evictions").count()).isEqualTo(2);
        cache.get("huge", 1, body(1_001)); // larger than the whole cache: answered, not kept
        assertThat(cache.bytes()).isLessThanOrEqualTo(1_000);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void entriesBeyondTheLimitAreDroppedAndZeroKeepsNothing() throws Exception {
        ReadCache cache = cache(3, 1_000_000);
        for (int i = 0; i < 10; i++) {
            cache.get("k" + i, 1, body(10));
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.bytes()).isEqualTo(30);
        ReadCache off = cache(0, 1_000_000, new SimpleMeterRegistry());
        off.get("k", 1, body(10));
        off.get("k", 1, body(10));
        assertThat(off.size()).isZero();
    }

    @Test
    void answersAskedForAgainSurviveAStreamOfAnswersAskedForOnce() throws Exception {
        ReadCache cache = cache(10, 1_000_000);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                cache.get("hot" + i, 1, body(10));
            }
        }
        for (int i = 0; i < 100; i++) {
            cache.get("once" + i, 1, body(10)); // e.g. detail reads of 100 different monitors
        }
        int before = reads.get();
        for (int i = 0; i < 4; i++) {
            cache.get("hot" + i, 1, body(10));
        }
        assertThat(reads.get()).isEqualTo(before);
        assertThat(cache.size()).isEqualTo(10);
    }

    @Test
    void anAnswerIsServedOnlyAtItsVersionAndAnOlderOneNeverReplacesANewer() throws Exception {
        ReadCache cache = cache(10, 1_000);
        cache.get("k", 5, body(1));
        cache.get("k", 5, body(1));
        assertThat(reads.get()).isEqualTo(1);
        cache.get("k", 6, body(1));
        assertThat(reads.get()).isEqualTo(2);
        cache.get("k", 5, body(1)); // a reader that took version 5 before the change finishes late
        cache.get("k", 6, body(1));
        assertThat(reads.get()).isEqualTo(3); // version 6's answer is still held
        assertThat(registry.counter("trapwatch.read.cache.hits").count()).isEqualTo(2);
        assertThat(registry.counter("trapwatch.read.cache.misses").count()).isEqualTo(3);
    }

    private ReadCache.Body body(int bytes) {
        return () -> {
            reads.incrementAndGet();
            return new byte[bytes];
        };
    }

    private ReadCache cache(int maxEntries, long maxBytes) {
        return cache(maxEntries, maxBytes, registry);
    }

    private ReadCache cache(int maxEntries, long maxBytes, SimpleMeterRegistry meters) {
        ReadCacheConfig config = new ReadCacheConfig() {
            @Override
            public int maxEntries() {
                return maxEntries;
            }

            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public Duration versionPollInterval() {
                return Duration.ofMillis(200);
            }
        };
        return new ReadCache(new ReadModelVersion(null, null, config), config, meters);
    }
}
