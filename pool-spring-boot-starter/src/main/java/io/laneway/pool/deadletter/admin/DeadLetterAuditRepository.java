package io.laneway.pool.deadletter.admin;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DeadLetterAuditRepository extends JpaRepository<DeadLetterAudit, Long> {

    List<DeadLetterAudit> findByDeadLetterIdOrderById(Long deadLetterId);

    /** How often a message was replayed, over all its dead letters (each failure after a replay is a new letter). */
    @org.springframework.data.jpa.repository.Query(nativeQuery = true, value = """
            select count(*) from dead_letter_audit a join dead_letter d on d.id = a.dead_letter_id
            where d.message_id = :messageId and a.action = 'REPLAY'""")
    long countReplaysOfMessage(@org.springframework.data.repository.query.Param("messageId") String messageId);
}
