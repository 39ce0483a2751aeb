package io.trapwatch.monitorapi.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the service's market-data REST client at the in-JVM {@link MarketDataStub}. */
public class MarketDataStubResource implements QuarkusTestResourceLifecycleManager {

    private static MarketDataStub stub;

    public static synchronized MarketDataStub stub() {
        if (stub == null) {
            stub = new MarketDataStub();
        }
        return stub;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.market-data.url", stub().url());
    }

    @Override
    public void stop() {
        // shared by all test classes of this JVM
    }
}
