package io.laneway.pool.idempotency;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Idempotency rows (claimed in bulk by the batch processor); here: lookups and retention. */
public interface ProcessedMessageRepository extends JpaRepository<ProcessedMessage, String> {

    /** Deletes up to {@code limit} rows older than {@code before}; small chunks keep locks and WAL bursts short. */
    @Modifying
    @Transactional
    @Query(value = """
            delete from processed_message where message_id in (
                select message_id from processed_message where processed_at < :before limit :limit)""", nativeQuery = true)
    int deleteOlderThan(@Param("before") Instant before, @Param("limit") int limit);
}
