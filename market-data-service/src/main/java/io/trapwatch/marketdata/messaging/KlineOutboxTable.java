package io.trapwatch.marketdata.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.marketdata.repository.KlineOutboxRow;
import io.trapwatch.marketdata.repository.KlineOutboxRepository;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.Topics;
import io.trapwatch.service.outbox.OutboxRecord;
import io.trapwatch.service.outbox.OutboxTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code market_data.kline_outbox}: a row names a stored bar; its {@link KlineClosed} is rendered when it leaves
 * (stamped with the time the bar was stored, not the drain's: a drain cut off between the broker's acknowledgement and
 * the delete repeats the event byte for byte), keyed {@code market:symbol:interval} so a series stays on one partition.
 */
final class KlineOutboxTable implements OutboxTable {

    private final ObjectMapper mapper;

    KlineOutboxTable(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String qualifiedName() {
        return "market_data.kline_outbox";
    }

    @Override
    public List<OutboxRecord> oldest(Connection c, int limit) throws SQLException {
        List<OutboxRecord> records = new ArrayList<>(limit);
        for (KlineOutboxRow entry : KlineOutboxRepository.oldest(c, limit)) {
            KlineClosed event = KlineClosed.of(entry.series(), entry.kline(), entry.queuedAt());
            try {
                records.add(new OutboxRecord(entry.id(), Topics.KLINE_CLOSED, entry.series().asKafkaKey(), event.eventId(),
                        mapper.writeValueAsString(event)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("kline-closed event " + event.eventId() + " cannot be written as JSON", e);
            }
        }
        return records;
    }
}
