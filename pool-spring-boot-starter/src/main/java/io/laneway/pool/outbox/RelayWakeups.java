package io.laneway.pool.outbox;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a transaction that wrote outbox rows wakes the relay once it commits.
 *
 * <ul>
 * <li><b>The relay runs in this JVM</b> (it holds the relay lock here): an after-commit callback wakes it directly.
 *     No NOTIFY is sent.</li>
 * <li><b>It runs in another replica, or nowhere yet:</b> {@code NOTIFY} on {@link OutboxChannel#NAME}, which PostgreSQL
 *     delivers to the relay's LISTEN connection only if the transaction commits.</li>
 * </ul>
 *
 * <p>Why not always NOTIFY: a notifying transaction takes a lock on the notification queue, one for the whole cluster,
 * from its pre-commit step until its commit record is flushed (PostgreSQL's {@code PreCommit_Notify}). Every
 * committing batch of every pool thread then waits in line behind the others' fsyncs, instead of sharing one flush
 * (group commit). Besides, that is a statement (a round trip) per transaction. In the usual deployment the relay
 * leader is one of the pools, so its own commits need no NOTIFY at all.
 *
 * <p>If the relay loses the lock between a commit's check and its callback, the rows wait for the new leader: its
 * first pass, any later NOTIFY, or its fallback poll (see {@code OutboxRelay}).
 */
@Component
public class RelayWakeups {

    /** At most one permit: many commits while the relay works wake it once. */
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean localRelayLeads;
    private final Counter directly;
    private final Counter notified;

    public RelayWakeups(MeterRegistry meters) {
        // how committing transactions reached the relay: all "notify" on a leader's pool means the relay is elsewhere
        this.directly = meters.counter("laneway.outbox.wakeups", "via", "in-process");
        this.notified = meters.counter("laneway.outbox.wakeups", "via", "notify");
    }

    /**
     * Called inside the transaction that wrote outbox rows: wakes the local relay after the commit, or NOTIFYs the
     * relay elsewhere. Outside a Spring-managed transaction (no synchronization to hook into) it always NOTIFYs.
     */
    public void afterCommitOf(JdbcTemplate currentTransaction) {
        if (localRelayLeads && TransactionSynchronizationManager.isSynchronizationActive()) {
            directly.increment();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            notified.increment();
            currentTransaction.execute("select pg_notify('" + OutboxChannel.NAME + "', '')");
        }
    }

    /** The relay in this JVM took the lock (true) or gave it up (false). */
    public void localRelayLeads(boolean leads) {
        localRelayLeads = leads;
    }

    /** Wakes the local relay (a commit here, or a NOTIFY its listener received). */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release(); // a race between two callers leaves two permits at worst: one spurious pass of the relay
        }
    }

    /** @return whether something woke the relay within the timeout (then the permits are used up) */
    public boolean await(long timeoutMillis) throws InterruptedException {
        boolean woken = wake.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        wake.drainPermits();
        return woken;
    }
}
