package io.laneway.pool.idempotency;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ProcessedMessageRepository extends JpaRepository<ProcessedMessage, String> {

    /**
     * Claims the message for this transaction. Returns 1 for the first delivery, 0 for a duplicate.
     * ON CONFLICT DO NOTHING (not select-then-insert) so two concurrent deliveries cannot both win:
     * the second blocks on the first's uncommitted row and then sees the conflict.
     */
    @Modifying(flushAutomatically = true)
    @Query(value = "insert into processed_message (message_id, type) values (:id, :type) on conflict do nothing",
            nativeQuery = true)
    int claim(@Param("id") String messageId, @Param("type") String type);
}
