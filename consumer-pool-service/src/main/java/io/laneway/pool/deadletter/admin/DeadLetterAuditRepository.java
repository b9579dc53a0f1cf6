package io.laneway.pool.deadletter.admin;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DeadLetterAuditRepository extends JpaRepository<DeadLetterAudit, Long> {

    List<DeadLetterAudit> findByDeadLetterIdOrderById(Long deadLetterId);
}
