package io.trapwatch.marketdata.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the service's Binance client at the in-JVM {@link BinanceStub}. */
public class BinanceStubResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String url = BinanceStub.get().url();
        return Map.of(
                "trapwatch.market-data.binance.spot-url", url + "/spot",
                "trapwatch.market-data.binance.futures-url", url + "/futures");
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM
    }
}
