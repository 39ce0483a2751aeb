package io.trapwatch.monitorapi;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.trapwatch.service.StartupFailure;

/** Entry point: Quarkus as usual, with a start-up failure report that names the database it could not use. */
@QuarkusMain
public class MonitorApiApplication {

    public static void main(String... args) {
        Quarkus.run(null, StartupFailure::exit, args);
    }
}
