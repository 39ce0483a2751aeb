package io.trapwatch.monitorapi.messaging;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransientRetryTest {

    private final TransientRetry retry = new TransientRetry(2);

    @Test
    void anUnreachableDatabaseIsRetriedBeyondTheAttemptsUntilItIsBack() {
        AtomicInteger calls = new AtomicInteger();
        retry.run("batch", () -> {
            if (calls.incrementAndGet() <= 4) {
                throw new IllegalStateException("commit failed", new SQLException("connection refused", "08001"));
            }
        });
        assertThat(calls).hasValue(5);
    }

    @Test
    void otherFailuresGetTheirAttemptsThenPropagate() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run("batch", () -> {
            calls.incrementAndGet();
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("failed 2 times");
        assertThat(calls).hasValue(2);
    }

    @Test
    void whatCountsAsUnreachable() {
        assertThat(TransientRetry.databaseUnreachable(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(TransientRetry.databaseUnreachable(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(TransientRetry.databaseUnreachable(new SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
        assertThat(TransientRetry.databaseUnreachable(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
        assertThat(TransientRetry.databaseUnreachable(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(TransientRetry.databaseUnreachable(new IllegalArgumentException("bad event"))).isFalse();
    }
}
