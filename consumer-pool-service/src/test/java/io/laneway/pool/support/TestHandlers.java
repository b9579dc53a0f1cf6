package io.laneway.pool.support;

import java.util.concurrent.atomic.AtomicBoolean;

import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Handlers only the tests register: they record what ran when, or fail on demand. */
@TestConfiguration
public class TestHandlers {

    public record Step(String key, int seq, long sleepMillis) {
    }

    public record Nothing() {
    }

    /** A switch the poison test flips to "fix the cause". */
    public static final AtomicBoolean POISON_BROKEN = new AtomicBoolean(true);
    /** A switch the circuit-breaker test flips to take the downstream down and up again. */
    public static final AtomicBoolean GATEWAY_DOWN = new AtomicBoolean(false);
    /** Messages the contended handler has already made lose a lock race once. */
    public static final java.util.Set<String> LOST_A_LOCK_RACE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How often the always-contended handler was invoked, per message. */
    public static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> LOCK_RACES_LOST = new java.util.concurrent.ConcurrentHashMap<>();
    /** How often the gateway handler was invoked. */
    public static final java.util.concurrent.atomic.AtomicInteger GATEWAY_CALLS = new java.util.concurrent.atomic.AtomicInteger();
    /** How often the gateway handler was invoked, per message. */
    public static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> GATEWAY_CALLS_BY_MESSAGE = new java.util.concurrent.ConcurrentHashMap<>();

    /** test.step: records (key, seq, start, end) so order and overlap can be checked afterwards. */
    @Bean
    EnvelopeHandler<Step> stepHandler() {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return "test.step";
            }

            @Override
            public Class<Step> payloadType() {
                return Step.class;
            }

            @Override
            public void handle(Step step, HandlerContext context) throws InterruptedException {
                long started = System.nanoTime();
                Thread.sleep(step.sleepMillis()); // simulated downstream latency inside the handler
                context.jdbc().sql("insert into test_step (message_id, step_key, seq, started_nanos, ended_nanos) values (?, ?, ?, ?, ?)")
                        .params(context.envelope().getId(), step.key(), step.seq(), started, System.nanoTime()).update();
            }
        };
    }

    /** test.poison: fails (transiently, so it is retried) while {@link #POISON_BROKEN} is set; then writes an effect. */
    @Bean
    EnvelopeHandler<Nothing> poisonHandler() {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return "test.poison";
            }

            @Override
            public Class<Nothing> payloadType() {
                return Nothing.class;
            }

            @Override
            public void handle(Nothing payload, HandlerContext context) {
                if (POISON_BROKEN.get()) {
                    throw new IllegalStateException("downstream rejected message " + context.envelope().getId());
                }
                context.jdbc().sql("insert into test_effect (message_id) values (?)").param(context.envelope().getId()).update();
            }
        };
    }

    /** test.gateway: calls the "flaky-gateway" downstream, guarded by its circuit breaker. */
    @Bean
    EnvelopeHandler<Nothing> gatewayHandler() {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return "test.gateway";
            }

            @Override
            public Class<Nothing> payloadType() {
                return Nothing.class;
            }

            @Override
            public String downstream() {
                return "flaky-gateway";
            }

            @Override
            public void handle(Nothing payload, HandlerContext context) {
                GATEWAY_CALLS.incrementAndGet();
                GATEWAY_CALLS_BY_MESSAGE.computeIfAbsent(context.envelope().getId(), id -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                if (GATEWAY_DOWN.get()) {
                    throw new IllegalStateException("gateway unavailable");
                }
                context.jdbc().sql("insert into test_effect (message_id) values (?)").param(context.envelope().getId()).update();
            }
        };
    }

    /** test.error: throws an Error (as a failed assertion or a missing class in a handler would). */
    @Bean
    EnvelopeHandler<Nothing> errorHandler() {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return "test.error";
            }

            @Override
            public Class<Nothing> payloadType() {
                return Nothing.class;
            }

            @Override
            public void handle(Nothing payload, HandlerContext context) {
                throw new AssertionError("handler invariant broken for " + context.envelope().getId());
            }
        };
    }

    /** test.contended: loses a race for rows once per message (as PostgreSQL reports a broken deadlock), then writes an effect. */
    @Bean
    EnvelopeHandler<Nothing> contendedHandler() {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return "test.contended";
            }

            @Override
            public Class<Nothing> payloadType() {
                return Nothing.class;
            }

            @Override
            public void handle(Nothing payload, HandlerContext context) {
                if (LOST_A_LOCK_RACE.add(context.envelope().getId())) {
                    throw new org.springframework.dao.PessimisticLockingFailureException("deadlock detected",
                            new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
                }
                context.jdbc().sql("insert into test_effect (message_id) values (?)").param(context.envelope().getId()).update();
            }
        };
    }

    /** test.txid: records the transaction it ran in; shares the poll's transaction like most handlers. */
    @Bean
    EnvelopeHandler<Nothing> sharedTransactionHandler() {
        return transactionRecorder("test.txid", io.laneway.pool.handler.TransactionScope.BATCH);
    }

    /** test.txid-alone: records the transaction it ran in; asks for a transaction of its own. */
    @Bean
    EnvelopeHandler<Nothing> ownTransactionHandler() {
        return transactionRecorder("test.txid-alone", io.laneway.pool.handler.TransactionScope.ENVELOPE);
    }

    private static EnvelopeHandler<Nothing> transactionRecorder(String type, io.laneway.pool.handler.TransactionScope scope) {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<Nothing> payloadType() {
                return Nothing.class;
            }

            @Override
            public io.laneway.pool.handler.TransactionScope transactionScope() {
                return scope;
            }

            @Override
            public void handle(Nothing payload, HandlerContext context) {
                context.jdbc().sql("insert into test_transaction (message_id, txid) values (?, txid_current())")
                        .param(context.envelope().getId()).update();
            }
        };
    }

    /** test.always-contended: loses every race for rows (as a handler that deadlocks with itself would). */
    @Bean
    EnvelopeHandler<Nothing> alwaysContendedHandler() {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return "test.always-contended";
            }

            @Override
            public Class<Nothing> payloadType() {
                return Nothing.class;
            }

            @Override
            public void handle(Nothing payload, HandlerContext context) {
                LOCK_RACES_LOST.computeIfAbsent(context.envelope().getId(), id -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                throw new org.springframework.dao.PessimisticLockingFailureException("deadlock detected",
                        new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
            }
        };
    }

    /** test.checkpoint-blind: saves progress but never reads {@code last()} (a handler that does not resume). */
    @Bean
    EnvelopeHandler<Nothing> checkpointBlindHandler() {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return "test.checkpoint-blind";
            }

            @Override
            public Class<Nothing> payloadType() {
                return Nothing.class;
            }

            @Override
            public void handle(Nothing payload, HandlerContext context) {
                context.checkpoints().save("done", 100); // quick, so skipped by the pacing: nothing written
                context.jdbc().sql("insert into test_effect (message_id) values (?)").param(context.envelope().getId()).update();
            }
        };
    }

    /** Per message: whether a database transaction was open on the handler's thread before its first database call. */
    public static final java.util.Map<String, Boolean> TRANSACTION_BEFORE_DATABASE = new java.util.concurrent.ConcurrentHashMap<>();
    /** Runs in test.slow-start before its first database call (a test's hook to act while the handler "waits"). */
    public static volatile java.util.function.Consumer<io.laneway.contracts.envelope.Envelope> BEFORE_DATABASE = envelope -> { };
    /** How often test.slow-start was invoked, per message. */
    public static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> SLOW_START_CALLS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * test.slow-start: own transaction; does its slow part first (the {@link #BEFORE_DATABASE} hook, standing for a
     * remote call or a wait), notes whether a transaction was open meanwhile, then writes its effect.
     */
    @Bean
    EnvelopeHandler<Nothing> slowStartHandler() {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return "test.slow-start";
            }

            @Override
            public Class<Nothing> payloadType() {
                return Nothing.class;
            }

            @Override
            public io.laneway.pool.handler.TransactionScope transactionScope() {
                return io.laneway.pool.handler.TransactionScope.ENVELOPE;
            }

            @Override
            public void handle(Nothing payload, HandlerContext context) {
                SLOW_START_CALLS.computeIfAbsent(context.envelope().getId(), id -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                TRANSACTION_BEFORE_DATABASE.put(context.envelope().getId(),
                        org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive());
                BEFORE_DATABASE.accept(context.envelope());
                context.jdbc().sql("insert into test_effect (message_id) values (?)").param(context.envelope().getId()).update();
            }
        };
    }

    public record Deferred(String value, boolean throwAfterQueueing) {
    }

    /** Per message: whether the handler's own queued write was visible to a read before it returned. */
    public static final java.util.Map<String, Boolean> DEFERRED_VISIBLE_TO_HANDLER = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * test.deferred: queues its effect with {@code deferredUpdate} (value 'refused' breaks the table's check when it
     * runs), reads whether it is visible yet, and throws after queueing when asked.
     */
    @Bean
    EnvelopeHandler<Deferred> deferredHandler() {
        return deferredHandler("test.deferred", io.laneway.pool.handler.TransactionScope.BATCH);
    }

    /** test.deferred-alone: the same in a transaction of its own. */
    @Bean
    EnvelopeHandler<Deferred> deferredAloneHandler() {
        return deferredHandler("test.deferred-alone", io.laneway.pool.handler.TransactionScope.ENVELOPE);
    }

    private static EnvelopeHandler<Deferred> deferredHandler(String type, io.laneway.pool.handler.TransactionScope scope) {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<Deferred> payloadType() {
                return Deferred.class;
            }

            @Override
            public io.laneway.pool.handler.TransactionScope transactionScope() {
                return scope;
            }

            @Override
            public void handle(Deferred payload, HandlerContext context) {
                String id = context.envelope().getId();
                context.deferredUpdate("insert into test_deferred (message_id, value) values (?, ?)", id, payload.value());
                DEFERRED_VISIBLE_TO_HANDLER.put(id, context.jdbc().sql("select count(*) from test_deferred where message_id = ?")
                        .param(id).query(Long.class).single() > 0);
                if (payload.throwAfterQueueing()) {
                    throw new IllegalStateException("test.deferred asked to fail after queueing (" + id + ")");
                }
            }
        };
    }
}
