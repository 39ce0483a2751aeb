package io.trapwatch.marketdata.stream;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.Map;

/**
 * Replay of src/test/resources/replay with the kline streams on: the service streams from its own replay stream
 * server over a real WebSocket. Short check period and back-off so that reconnects happen within a test.
 */
public class StreamProfile implements QuarkusTestProfile {

    public static final String START = "2021-07-01T02:00:00Z";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("trapwatch.market-data.source", "replay"),
                Map.entry("trapwatch.market-data.replay.dir", Path.of("target/test-classes/replay").toAbsolutePath().toString()),
                Map.entry("trapwatch.market-data.replay.start", START),
                Map.entry("trapwatch.market-data.replay.stream-ping-every", "1s"),
                Map.entry("trapwatch.market-data.stream.enabled", "true"),
                Map.entry("trapwatch.market-data.stream.intervals", "4h"),
                Map.entry("trapwatch.market-data.stream.check-every", "300ms"),
                Map.entry("trapwatch.market-data.stream.reconnect-base-delay", "100ms"),
                Map.entry("trapwatch.market-data.stream.reconnect-max-delay", "1s"),
                Map.entry("trapwatch.market-data.klines.backfill", "100"));
    }
}
