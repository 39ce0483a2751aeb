package io.trapwatch.monitorapi.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the service's Telegram client at the in-JVM {@link TelegramStub}. */
public class TelegramStubResource implements QuarkusTestResourceLifecycleManager {

    private static TelegramStub stub;

    public static synchronized TelegramStub stub() {
        if (stub == null) {
            stub = new TelegramStub();
        }
        return stub;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("trapwatch.monitor-api.alerts.telegram.api-url", stub().url());
    }

    @Override
    public void stop() {
        // shared by all test classes of this JVM
    }
}
