package io.trapwatch.monitorapi.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The service's clock in tests: the system's, until a test freezes it and moves it on by hand. */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private volatile Instant frozen;

    public void freeze() {
        frozen = Instant.now();
    }

    public void advance(Duration by) {
        frozen = frozen.plus(by);
    }

    public void unfreeze() {
        frozen = null;
    }

    @Override
    public Instant instant() {
        Instant at = frozen;
        return at == null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
