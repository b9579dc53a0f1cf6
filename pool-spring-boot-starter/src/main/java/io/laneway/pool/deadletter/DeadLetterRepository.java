package io.laneway.pool.deadletter;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface DeadLetterRepository extends JpaRepository<DeadLetter, Long> {

    /** Every filter is optional (null = any); {@code since} and {@code until} bound when the letter was dead-lettered. */
    @Query("""
            select d from DeadLetter d
            where (:status is null or d.status = :status)
              and (:type is null or d.type = :type)
              and (:lane is null or d.lane = :lane)
              and (:fingerprint is null or d.fingerprint = :fingerprint)
              and (:errorClass is null or d.errorClass = :errorClass)
              and (:messageId is null or d.messageId = :messageId)
              and (cast(:since as java.time.Instant) is null or d.deadLetteredAt >= :since)
              and (cast(:until as java.time.Instant) is null or d.deadLetteredAt < :until)
            order by d.id""")
    Page<DeadLetter> find(@Param("status") DeadLetter.Status status, @Param("type") String type, @Param("lane") String lane,
                          @Param("fingerprint") String fingerprint, @Param("errorClass") String errorClass,
                          @Param("messageId") String messageId, @Param("since") Instant since, @Param("until") Instant until,
                          Pageable page);

    /** Letters with the same fingerprint (type, error class, masked message), most recently seen first. */
    @Query("""
            select new io.laneway.pool.deadletter.FingerprintGroup(d.fingerprint, min(d.type), min(d.lane), min(d.errorClass),
                   max(d.errorMessage), count(d), min(d.deadLetteredAt), max(d.deadLetteredAt))
            from DeadLetter d
            where (:status is null or d.status = :status)
              and (:type is null or d.type = :type)
              and (:lane is null or d.lane = :lane)
              and (:errorClass is null or d.errorClass = :errorClass)
              and (cast(:since as java.time.Instant) is null or d.deadLetteredAt >= :since)
              and (cast(:until as java.time.Instant) is null or d.deadLetteredAt < :until)
            group by d.fingerprint
            order by max(d.deadLetteredAt) desc""")
    List<FingerprintGroup> groups(@Param("status") DeadLetter.Status status, @Param("type") String type, @Param("lane") String lane,
                                  @Param("errorClass") String errorClass, @Param("since") Instant since, @Param("until") Instant until);

    long countByStatus(DeadLetter.Status status);

    List<DeadLetter> findByMessageId(String messageId);
}
