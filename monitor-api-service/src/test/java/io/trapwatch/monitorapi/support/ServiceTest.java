package io.trapwatch.monitorapi.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code @QuarkusTest} of this service against the real PostgreSQL and KRaft Kafka started for the test run and
 * {@link MarketDataStubResource} and {@link DetectionStubResource}: the one line every test class carries instead of repeating the test resources.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DetectionStubResource.class, restrictToAnnotatedClass = false)
public @interface ServiceTest {
}
