package io.laneway.launcher.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.laneway.contracts.Topics;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import io.laneway.infra.TopicContents;
import org.apache.avro.generic.GenericRecord;

/**
 * The nothing-lost check every fault scenario ends with: each published envelope id is accounted for exactly once,
 * as COMPLETED or as DEAD_LETTERED on the lifecycle topic (read committed), and its effect rows in PostgreSQL
 * ({@code demo_work}, which has no unique constraint, so a doubled effect shows) number one if it completed and
 * none if it was dead-lettered.
 */
public final class NothingLost {

    /** What a scenario reports; {@link #lost()} and {@link #duplicated()} must both be 0. */
    public record Report(String scenario, int published, int completed, int deadLettered, int lost, int duplicatedEffects,
                         int duplicatedEvents, List<String> examples) {

        public int duplicated() {
            return duplicatedEffects + duplicatedEvents;
        }

        @Override
        public String toString() {
            return "fault scenario '%s': published %,d, completed %,d, dead-lettered %,d, lost %d, duplicated effects %d, duplicated events %d%s"
                    .formatted(scenario, published, completed, deadLettered, lost, duplicatedEffects, duplicatedEvents,
                            examples.isEmpty() ? "" : " (for example " + String.join("; ", examples) + ")");
        }
    }

    private final String bootstrapServers;
    private final String registryUrl;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    public NothingLost(String bootstrapServers, String registryUrl, Map<String, String> datasource) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.jdbcUrl = datasource.get("spring.datasource.url");
        this.user = datasource.get("spring.datasource.username");
        this.password = datasource.get("spring.datasource.password");
    }

    /** Waits until every id has an outcome (or the deadline passes), then counts; prints the report. */
    public Report awaitReport(String scenario, Collection<String> ids, Duration timeout) {
        Set<String> published = new HashSet<>(ids);
        try {
            Await.until("an outcome for each of the " + published.size() + " envelopes of '" + scenario + "'", timeout,
                    () -> report(scenario, published).lost() == 0);
        } catch (IllegalStateException timedOut) {
            // report what is missing instead of only the timeout: the assertion on lost names the count
        }
        Report report = report(scenario, published);
        System.out.println(report);
        return report;
    }

    private Report report(String scenario, Set<String> ids) {
        Map<String, Integer> completed = new HashMap<>();
        Map<String, Integer> deadLettered = new HashMap<>();
        var decoder = new AvroRegistryDeserializer<GenericRecord>();
        decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);
        for (byte[] value : TopicContents.values(bootstrapServers, Topics.LIFECYCLE)) {
            GenericRecord event = decoder.deserialize(Topics.LIFECYCLE, value);
            String id = event.get("messageId").toString();
            if (!ids.contains(id)) {
                continue;
            }
            switch (event.get("status").toString()) {
                case "COMPLETED" -> completed.merge(id, 1, Integer::sum);
                case "DEAD_LETTERED" -> deadLettered.merge(id, 1, Integer::sum);
                default -> { }
            }
        }
        Map<String, Integer> effects = effectsPerId(ids);
        int lost = 0;
        int duplicatedEffects = 0;
        int duplicatedEvents = 0;
        List<String> examples = new ArrayList<>();
        for (String id : ids) {
            int done = completed.getOrDefault(id, 0);
            int dead = deadLettered.getOrDefault(id, 0);
            int effect = effects.getOrDefault(id, 0);
            if (done + dead == 0 || (done > 0 && effect == 0)) {
                lost++;
            }
            if (effect > 1 || (dead > 0 && effect > 0)) {
                duplicatedEffects++;
            }
            if (done + dead > 1) {
                duplicatedEvents++;
            }
            if ((done + dead != 1 || effect != (done > 0 ? 1 : 0)) && examples.size() < 5) {
                examples.add("%s: %d COMPLETED, %d DEAD_LETTERED, %d effect rows".formatted(id, done, dead, effect));
            }
        }
        return new Report(scenario, ids.size(), completed.size(), deadLettered.size(), lost, duplicatedEffects, duplicatedEvents,
                List.copyOf(examples));
    }

    /** Effect rows of these envelopes so far (-1 while the pool has not created its tables yet). */
    public long effects(Collection<String> ids) {
        try {
            return effectsPerId(new HashSet<>(ids)).values().stream().mapToLong(Integer::longValue).sum();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    private Map<String, Integer> effectsPerId(Set<String> ids) {
        Map<String, Integer> effects = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             var statement = c.prepareStatement("select message_id, count(*) from demo_work where message_id = any(?) group by message_id")) {
            statement.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    effects.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot count effects in " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return effects;
    }
}
