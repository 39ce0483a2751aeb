package io.trapwatch.marketdata.replay;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.Map;

/** The service replaying the recorded data set in src/test/resources/replay, its clock at 2021-07-01T02:00Z. */
public class ReplayProfile implements QuarkusTestProfile {

    public static final String START = "2021-07-01T02:00:00Z";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "trapwatch.market-data.source", "replay",
                "trapwatch.market-data.replay.dir", Path.of("target/test-classes/replay").toAbsolutePath().toString(),
                "trapwatch.market-data.replay.start", START);
    }
}
