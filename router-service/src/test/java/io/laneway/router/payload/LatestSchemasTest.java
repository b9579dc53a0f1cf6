package io.laneway.router.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.laneway.infra.Await;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests never wait for a schema re-read, one re-read runs however many ask, and a failed re-read keeps the schema. */
class LatestSchemasTest {

    private static final Duration REFRESH = Duration.ofMinutes(1);
    private static final Schema V1 = SchemaBuilder.record("Greet").fields().requiredString("name").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Greet").fields().requiredString("name")
            .optionalString("greeting").endRecord();

    private final AtomicLong nanos = new AtomicLong();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopRefresher() {
        refresher.shutdownNow();
    }

    private LatestSchemas<Schema> schemas(Function<String, Schema> registry) {
        return new LatestSchemas<>(registry, REFRESH, refresher, nanos::get);
    }

    @Test
    void aFreshSchemaIsNotReadAgain() {
        AtomicInteger reads = new AtomicInteger();
        LatestSchemas<Schema> schemas = schemas(subject -> {
            reads.incrementAndGet();
            return V1;
        });

        assertThat(schemas.latest("greet")).isEqualTo(V1);
        nanos.addAndGet(REFRESH.minusSeconds(1).toNanos());
        assertThat(schemas.latest("greet")).isEqualTo(V1);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aStaleSchemaIsServedWhileOneReReadRunsThenTheNewOneApplies() throws Exception {
        CountDownLatch registryAnswers = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        LatestSchemas<Schema> schemas = schemas(subject -> {
            if (reads.incrementAndGet() == 1) {
                return V1;
            }
            await(registryAnswers); // a slow registry
            return V2;
        });
        schemas.latest("greet");
        nanos.addAndGet(REFRESH.plusSeconds(1).toNanos());

        List<Future<Schema>> answers = new ArrayList<>();
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(requests.submit(() -> schemas.latest("greet")));
            }
            for (Future<Schema> answer : answers) {
                // every request is answered while the registry has not answered yet
                assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(V1);
            }
        }
        // the re-read runs on the refresher thread: it may reach the registry only after every request was answered
        Await.until("one re-read reached the registry", Duration.ofSeconds(10), () -> reads.get() == 2);
        // single flight: 50 requests found the schema stale while the registry was slow, one re-read was started
        assertThat(reads).hasValue(2);

        registryAnswers.countDown();
        // No exact count after this point: around the re-read's completion a request may start one more (seen once in
        // CI: 3 reads; the mechanism inside Caffeine was not pinned down). What the router relies on is single flight
        // while a re-read runs, checked above, not how many re-reads a refresh period ends up with.
        Await.until("the re-read schema applies", Duration.ofSeconds(10), () -> schemas.latest("greet").equals(V2));
    }

    @Test
    void aFailedReReadKeepsTheSchemaWeHave() {
        AtomicInteger reads = new AtomicInteger();
        LatestSchemas<Schema> schemas = schemas(answersOnceThenFails(reads));
        schemas.latest("greet");
        nanos.addAndGet(REFRESH.plusSeconds(1).toNanos());

        assertThat(schemas.latest("greet")).isEqualTo(V1);
        Await.until("the re-read was tried", Duration.ofSeconds(10), () -> reads.get() == 2);
        assertThat(schemas.latest("greet")).isEqualTo(V1);
    }

    @Test
    void afterAFailedReReadTheNextIsTriedOnlyAfterAnotherRefreshPeriod() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        LatestSchemas<Schema> schemas = schemas(answersOnceThenFails(reads));
        schemas.latest("greet");
        nanos.addAndGet(REFRESH.plusSeconds(1).toNanos());
        schemas.latest("greet");
        Await.until("the first re-read was tried", Duration.ofSeconds(10), () -> reads.get() == 2);
        refresher.submit(() -> { }).get(5, TimeUnit.SECONDS); // the refresher has finished the failed re-read

        for (int i = 0; i < 20; i++) {
            assertThat(schemas.latest("greet")).isEqualTo(V1);
        }
        refresher.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertThat(reads).as("no re-read while the failed one is fresh").hasValue(2);

        nanos.addAndGet(REFRESH.plusSeconds(1).toNanos());
        schemas.latest("greet");
        Await.until("the next re-read, one period later", Duration.ofSeconds(10), () -> reads.get() == 3);
    }

    @Test
    void aSubjectNeverLoadedFailsWithTheRegistrysError() {
        LatestSchemas<Schema> schemas = schemas(subject -> {
            throw new IllegalStateException("registry unreachable");
        });

        assertThatThrownBy(() -> schemas.latest("greet")).hasMessageContaining("registry unreachable");
    }

    /** A registry that gives V1 at the first read and is unreachable from then on; counts the reads. */
    private static Function<String, Schema> answersOnceThenFails(AtomicInteger reads) {
        return subject -> {
            if (reads.incrementAndGet() == 1) {
                return V1;
            }
            throw new IllegalStateException("registry unreachable");
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
