package io.laneway.pool.idempotency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The idempotency claim of one envelope (read side; the claim itself is an INSERT ... ON CONFLICT). */
@Entity
@Table(name = "processed_message")
public class ProcessedMessage {

    @Id
    @Column(name = "message_id")
    private String messageId;

    private String type;

    @Column(name = "processed_at")
    private Instant processedAt;

    protected ProcessedMessage() {
    }

    public String getMessageId() {
        return messageId;
    }

    public String getType() {
        return type;
    }

    public Instant getProcessedAt() {
        return processedAt;
    }
}
