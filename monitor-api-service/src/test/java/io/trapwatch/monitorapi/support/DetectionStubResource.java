package io.trapwatch.monitorapi.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the service's detection REST client (the sweeps proxy) at the in-JVM {@link DetectionStub}. */
public class DetectionStubResource implements QuarkusTestResourceLifecycleManager {

    private static DetectionStub stub;

    public static synchronized DetectionStub stub() {
        if (stub == null) {
            stub = new DetectionStub();
        }
        return stub;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.detection.url", stub().url());
    }

    @Override
    public void stop() {
        // shared by all test classes of this JVM
    }
}
