package io.trapwatch.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a persistent PostgreSQL for the local one-command run ({@code deploy/local/run.sh}).
 * Usage: {@code LocalPostgres <work-dir> <port> <database>}. Prints {@code READY <jdbc-url>} once it accepts
 * connections and keeps running until the process is terminated; zonky's shutdown hook stops the server.
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: LocalPostgres <work-dir> <port> <database>");
            System.exit(2);
        }
        PostgresServer server = PostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]), true);
        server.createDatabase(args[2]);
        System.out.println("READY " + server.jdbcUrl(args[2]));
        new CountDownLatch(1).await();
    }
}
