package io.laneway.pool.deadletter;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface DeadLetterRepository extends JpaRepository<DeadLetter, Long> {

    /** Every filter is optional (null = any). */
    @Query("""
            select d from DeadLetter d
            where (:status is null or d.status = :status)
              and (:type is null or d.type = :type)
              and (:lane is null or d.lane = :lane)
              and (:fingerprint is null or d.fingerprint = :fingerprint)
              and (:errorClass is null or d.errorClass = :errorClass)
            order by d.id""")
    Page<DeadLetter> find(@Param("status") DeadLetter.Status status, @Param("type") String type, @Param("lane") String lane,
                          @Param("fingerprint") String fingerprint, @Param("errorClass") String errorClass, Pageable page);

    long countByStatus(DeadLetter.Status status);

    List<DeadLetter> findByMessageId(String messageId);
}
