package io.trapwatch.service.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a service supplies to the shared {@link OutboxDrainer}: its outbox table and how its oldest rows become
 * records. The drainer deletes published rows by id from {@link #qualifiedName()} and serialises drainers with an
 * advisory lock named after it.
 */
public interface OutboxTable {

    /** schema.table, e.g. {@code detection.outbox}; its {@code id} column orders the events. */
    String qualifiedName();

    /** The oldest {@code limit} rows in id order, read on the drainer's connection and transaction. */
    List<OutboxRecord> oldest(Connection c, int limit) throws SQLException;
}
