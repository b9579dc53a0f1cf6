package io.laneway.router.dedupe;

import io.laneway.router.config.RouterProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A retried POST with the same idempotency key (per client, within the window) gets the original answer
 * and enqueues nothing, on whichever replica it lands: the claim lives in PostgreSQL, not in memory.
 *
 * <p>The claim row and the Kafka write share one database transaction: if Kafka refuses, the claim rolls
 * back and a retry may try again; a concurrent retry blocks on the uncommitted row and, once it commits,
 * reads the original answer.
 */
@Component
public class IngestIdempotency {

    private static final Logger log = LoggerFactory.getLogger(IngestIdempotency.class);

    /** What the first request was told. */
    public record OriginalAnswer(String messageId, String lane) {
    }

    /** A repeated key: the first request's answer, and whether this request is the same one (else the key was reused). */
    public record Repeat(OriginalAnswer original, boolean sameRequest) {
    }

    /**
     * What {@link #once} did: published (repeat null) or found a repeat; {@code recorded} false when it published but
     * the key could not be recorded (then a retry with this key could publish again).
     */
    public record Outcome(Repeat repeat, boolean recorded) {
        static Outcome published(boolean recorded) {
            return new Outcome(null, recorded);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration window;
    private final MeterRegistry meters;

    public IngestIdempotency(JdbcClient jdbc, TransactionTemplate tx, MeterRegistry meters, RouterProperties router) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.window = router.idempotencyWindow();
        this.meters = meters;
    }

    /** A message accepted under an idempotency key, within the window. */
    public record Claim(String client, String messageId, String lane, java.time.Instant acceptedAt) {
    }

    /** The messages accepted under {@code key}: the client's own, or every client's when {@code client} is null. */
    public java.util.List<Claim> find(String client, String key) {
        return jdbc.sql("""
                        select client_id, message_id, lane, accepted_at from ingest_idempotency
                        where idempotency_key = :key and (cast(:client as varchar) is null or client_id = :client)
                        order by accepted_at""")
                .param("key", key).param("client", client)
                .query((rs, row) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())).list();
    }

    /**
     * Runs {@code publish} once per (client, key) within the window.
     *
     * @param requestHash what identifies the request ({@link RequestHash}): a repeat with another hash is not a retry
     * @return whether this call published (and recorded the key) or found a repeat
     */
    public Outcome once(String clientId, String key, String requestHash, OriginalAnswer candidate, Supplier<?> publish) {
        boolean[] published = {false};
        try {
            Optional<Repeat> repeat = claimAndPublish(clientId, key, requestHash, candidate, () -> {
                publish.get();
                published[0] = true;
                return null;
            });
            return repeat.map(r -> new Outcome(r, true)).orElse(Outcome.published(true));
        } catch (RuntimeException e) {
            if (!published[0]) {
                throw e; // nothing was sent: the caller's answer is the failure
            }
            // Kafka has the message; only the claim's commit failed. The caller must hear "accepted", not an error it
            // would retry into a second message: record the claim again on its own, or say it is not recorded.
            return Outcome.published(recordAfterTheFact(clientId, key, requestHash, candidate, e));
        }
    }

    private Optional<Repeat> claimAndPublish(String clientId, String key, String requestHash, OriginalAnswer candidate, Supplier<?> publish) {
        return tx.execute(status -> {
            // Insert, or take over a row whose window has passed; 0 rows = a live claim exists.
            int claimed = jdbc.sql("""
                            insert into ingest_idempotency (client_id, idempotency_key, message_id, lane, request_hash)
                            values (:client, :key, :id, :lane, :hash)
                            on conflict (client_id, idempotency_key) do update
                               set message_id = excluded.message_id, lane = excluded.lane, request_hash = excluded.request_hash,
                                   accepted_at = now()
                             where ingest_idempotency.accepted_at < now() - make_interval(secs => :windowSeconds)
                            """)
                    .param("client", clientId).param("key", key)
                    .param("id", candidate.messageId()).param("lane", candidate.lane()).param("hash", requestHash)
                    .param("windowSeconds", (double) window.toSeconds())
                    .update();
            if (claimed == 0) {
                Repeat repeat = jdbc.sql("select message_id, lane, request_hash from ingest_idempotency where client_id = ? and idempotency_key = ?")
                        .params(clientId, key)
                        .query((rs, n) -> new Repeat(new OriginalAnswer(rs.getString(1), rs.getString(2)),
                                rs.getString(3) == null || rs.getString(3).equals(requestHash)))
                        .single();
                if (repeat.sameRequest()) {
                    meters.counter("laneway.router.messages.deduplicated", "client", clientId).increment();
                }
                return Optional.of(repeat);
            }
            publish.get();
            return Optional.empty();
        });
    }

    /**
     * After a publish whose claim did not commit: up to three tries to record the claim alone. If none succeeds the
     * message stays accepted (it is in Kafka) and {@link UnrecordedClaimException} is not thrown: the miss is counted
     * ({@code laneway.router.idempotency.unrecorded}) and logged, and a retry with this key could publish again.
     */
    private boolean recordAfterTheFact(String clientId, String key, String requestHash, OriginalAnswer candidate, RuntimeException cause) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                tx.executeWithoutResult(status -> jdbc.sql("""
                                insert into ingest_idempotency (client_id, idempotency_key, message_id, lane, request_hash)
                                values (?, ?, ?, ?, ?) on conflict (client_id, idempotency_key) do nothing""")
                        .params(clientId, key, candidate.messageId(), candidate.lane(), requestHash).update());
                return true;
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        meters.counter("laneway.router.idempotency.unrecorded", "client", clientId).increment();
        log.error("Message {} was accepted by Kafka but its idempotency key '{}' of {} could not be recorded", candidate.messageId(),
                key, clientId, cause);
        return false;
    }

    /** Claims older than the window no longer protect anything. */
    @Scheduled(fixedDelayString = "${laneway.router.idempotency-cleanup-interval:10m}")
    void forgetExpiredClaims() {
        int removed = jdbc.sql("delete from ingest_idempotency where accepted_at < now() - make_interval(secs => ?)")
                .param((double) window.toSeconds()).update();
        if (removed > 0) {
            log.info("Forgot {} idempotency claims older than {}", removed, window);
        }
    }
}
