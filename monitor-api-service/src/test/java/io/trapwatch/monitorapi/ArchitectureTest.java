package io.trapwatch.monitorapi;

import io.trapwatch.infra.LayerRules;
import org.junit.jupiter.api.Test;

/** Keeps this service's packages as the README describes them (see {@link LayerRules}). */
class ArchitectureTest {

    @Test
    void domainIsPlainJavaAndLayersPointOneWayWithoutCycles() {
        LayerRules.check("io.trapwatch.monitorapi");
    }
}
