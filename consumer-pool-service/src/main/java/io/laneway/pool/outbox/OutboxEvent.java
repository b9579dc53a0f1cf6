package io.laneway.pool.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event waiting to be published; the payload is already in the Confluent wire format. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String topic;

    @Column(name = "record_key")
    private String recordKey;

    private byte[] payload;

    @Column(name = "trace_id")
    private String traceId;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected OutboxEvent() {
    }

    public OutboxEvent(String topic, String recordKey, byte[] payload, String traceId) {
        this.topic = topic;
        this.recordKey = recordKey;
        this.payload = payload;
        this.traceId = traceId;
    }

    public Long getId() {
        return id;
    }

    public String getTopic() {
        return topic;
    }

    public String getRecordKey() {
        return recordKey;
    }

    public byte[] getPayload() {
        return payload;
    }

    public String getTraceId() {
        return traceId;
    }
}
