package io.laneway.pool.deadletter;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A dead letter as operators see it (indexed from the dead-letter topics by {@link DeadLetterIndexer}). */
@Entity
@Table(name = "dead_letter")
public class DeadLetter {

    public enum Status { OPEN, REPLAYED, DISCARDED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String dlqTopic;
    private int dlqPartition;
    private long dlqOffset;
    private String messageId;
    private String type;
    private String lane;
    private String originalTopic;
    private int originalPartition;
    private long originalOffset;
    private int attempts;
    private String errorClass;
    private String errorMessage;
    private String errorStack;
    private String fingerprint;
    private String traceId;
    private Instant firstFailedAt;
    private Instant deadLetteredAt;
    @Column(columnDefinition = "bytea")
    private byte[] envelope;
    @Enumerated(EnumType.STRING)
    private Status status = Status.OPEN;

    public Long getId() { return id; }
    public String getDlqTopic() { return dlqTopic; }
    public int getDlqPartition() { return dlqPartition; }
    public long getDlqOffset() { return dlqOffset; }
    public String getMessageId() { return messageId; }
    public String getType() { return type; }
    public String getLane() { return lane; }
    public String getOriginalTopic() { return originalTopic; }
    public int getOriginalPartition() { return originalPartition; }
    public long getOriginalOffset() { return originalOffset; }
    public int getAttempts() { return attempts; }
    public String getErrorClass() { return errorClass; }
    public String getErrorMessage() { return errorMessage; }
    public String getErrorStack() { return errorStack; }
    public String getFingerprint() { return fingerprint; }
    public String getTraceId() { return traceId; }
    public Instant getFirstFailedAt() { return firstFailedAt; }
    public Instant getDeadLetteredAt() { return deadLetteredAt; }
    public byte[] getEnvelope() { return envelope; }
    public Status getStatus() { return status; }

    public void setStatus(Status status) { this.status = status; }
}
