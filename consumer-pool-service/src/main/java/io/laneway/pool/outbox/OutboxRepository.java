package io.laneway.pool.outbox;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OutboxRepository extends JpaRepository<OutboxEvent, Long> {

    /** Oldest first: publishing in id order keeps each key's events in commit order. */
    @Query(value = "select * from outbox_event order by id limit :limit", nativeQuery = true)
    List<OutboxEvent> oldest(@Param("limit") int limit);

    /**
     * Only one relay (across all pool instances) publishes at a time, so per-key order survives
     * scaling out. Transaction-scoped advisory lock: released at commit, or when a crashed relay's
     * connection drops.
     */
    @Query(value = "select pg_try_advisory_xact_lock(7350029)", nativeQuery = true)
    boolean tryBecomeRelay();

    /** By id list, not range: a row with a lower id may commit after the batch was read. */
    @Modifying
    @Query(value = "delete from outbox_event where id in (:ids)", nativeQuery = true)
    int deletePublished(@Param("ids") List<Long> ids);
}
