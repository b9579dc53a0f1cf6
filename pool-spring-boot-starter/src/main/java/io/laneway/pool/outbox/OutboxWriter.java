package io.laneway.pool.outbox;

import io.laneway.registry.SchemaRegistryProperties;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.serde.AvroRegistrySerializer;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Serializes events to the Confluent wire format (registering the schema under {@code <topic>-value}) and
 * writes a batch's outbox rows in one statement, inside the batch transaction; the relay is woken once the transaction
 * commits ({@link RelayWakeups}).
 */
@Component
public class OutboxWriter {

    private final AvroRegistrySerializer<SpecificRecord> serializer = new AvroRegistrySerializer<>();
    private final JdbcTemplate jdbc;
    private final RelayWakeups wakeups;

    public OutboxWriter(JdbcTemplate jdbc, RelayWakeups wakeups, SchemaRegistryProperties registry) {
        this.jdbc = jdbc;
        this.wakeups = wakeups;
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registry.url()), false);
    }

    public PendingOutboxRow serialize(String topic, String key, SpecificRecord event, String traceId) {
        return new PendingOutboxRow(topic, key, serializer.serialize(topic, event), traceId);
    }

    /** One multi-row INSERT (the driver rewrites the JDBC batch: reWriteBatchedInserts). */
    public void insert(List<PendingOutboxRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into outbox_event (topic, record_key, payload, trace_id) values (?, ?, ?, ?)", rows, rows.size(),
                (ps, row) -> {
                    ps.setString(1, row.topic());
                    ps.setString(2, row.key());
                    ps.setBytes(3, row.payload());
                    ps.setString(4, row.traceId());
                });
        wakeups.afterCommitOf(jdbc);
    }
}
