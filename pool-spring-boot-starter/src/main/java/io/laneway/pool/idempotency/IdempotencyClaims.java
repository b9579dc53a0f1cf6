package io.laneway.pool.idempotency;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.laneway.contracts.envelope.Envelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The idempotency rows ({@code processed_message}) both processors claim, release and look up; each call runs on the
 * caller's transaction when there is one.
 */
@Component
public class IdempotencyClaims {

    private final JdbcTemplate jdbc;

    public IdempotencyClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims all envelopes in one statement, in id order so two overlapping batches cannot deadlock; returns the ids
     * claimed now (an id whose row exists was processed before).
     */
    public Set<String> claim(List<Envelope> envelopes) {
        List<Envelope> sorted = envelopes.stream().sorted(Comparator.comparing(Envelope::getId)).toList();
        String[] ids = sorted.stream().map(Envelope::getId).toArray(String[]::new);
        String[] types = sorted.stream().map(Envelope::getType).toArray(String[]::new);
        Set<String> claimed = new HashSet<>(ids.length * 2);
        jdbc.query(con -> {
            var ps = con.prepareStatement("insert into processed_message (message_id, type) "
                    + "select * from unnest(?::varchar[], ?::varchar[]) on conflict do nothing returning message_id");
            ps.setArray(1, con.createArrayOf("varchar", ids));
            ps.setArray(2, con.createArrayOf("varchar", types));
            return ps;
        }, rs -> {
            claimed.add(rs.getString(1));
        });
        return claimed;
    }

    /** Removes claims again (their envelopes failed and will be retried). */
    public void release(List<String> ids) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("delete from processed_message where message_id = any(?)");
            ps.setArray(1, con.createArrayOf("varchar", ids.toArray()));
            return ps;
        });
    }

    /** Which of these envelopes were processed already (read only, one statement). */
    public Set<String> alreadyProcessed(List<Envelope> envelopes) {
        Set<String> processed = new HashSet<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("select message_id from processed_message where message_id = any(?)");
            ps.setArray(1, con.createArrayOf("varchar", envelopes.stream().map(Envelope::getId).toArray()));
            return ps;
        }, rs -> {
            processed.add(rs.getString(1));
        });
        return processed;
    }
}
