package io.laneway.poolservice.demo;

import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * {@code demo.work}: waits {@code millis} (a downstream call's latency) and records one effect row. Used by
 * the demo traffic, the pool benchmark and the crash tests, which count {@code demo_work} rows per message:
 * the table has no unique constraint, so a duplicated effect would show. {@code "failWith":"error"} makes it throw an
 * {@link Error} instead (the fault campaign's broken handler).
 */
@Component
public class SimulatedWorkHandler implements EnvelopeHandler<SimulatedWorkHandler.Work> {

    public record Work(long millis, String failWith) {
    }

    @Override
    public String type() {
        return "demo.work";
    }

    @Override
    public Class<Work> payloadType() {
        return Work.class;
    }

    @Override
    public void handle(Work work, HandlerContext context) throws InterruptedException {
        if ("error".equals(work.failWith())) {
            throw new AssertionError("demo.work asked to fail with an Error (" + context.envelope().getId() + ")");
        }
        if (work.millis() > 0) {
            Thread.sleep(work.millis());
        }
        // queued, not run here: the batch's envelopes write their rows in one multi-row insert before the commit
        context.deferredUpdate("insert into demo_work (message_id) values (?)", context.envelope().getId());
    }
}
