package io.laneway.pool.deadletter.admin;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One operator action on a dead letter: who, when, what and why. */
@Entity
@Table(name = "dead_letter_audit")
public class DeadLetterAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long deadLetterId;
    private String action;
    private String actor;
    private String reason;
    private Instant actedAt;

    protected DeadLetterAudit() {
    }

    public DeadLetterAudit(Long deadLetterId, String action, String actor, String reason) {
        this.deadLetterId = deadLetterId;
        this.action = action;
        this.actor = actor;
        this.reason = reason;
        this.actedAt = Instant.now();
    }

    public Long getId() { return id; }
    public Long getDeadLetterId() { return deadLetterId; }
    public String getAction() { return action; }
    public String getActor() { return actor; }
    public String getReason() { return reason; }
    public Instant getActedAt() { return actedAt; }
}
