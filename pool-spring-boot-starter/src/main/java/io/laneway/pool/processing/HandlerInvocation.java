package io.laneway.pool.processing;

import java.time.Instant;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * Decodes an envelope's payload into the handler's type ({@link PayloadDecoding}) and calls the handler; a payload that does not fit is
 * permanent. An envelope past its deadline is not started, and a handler still running at the deadline is interrupted
 * and fails with {@link DeadlineExceededException} (its transaction then rolls back like any failure's).
 */
@Component
class HandlerInvocation {

    private final PayloadDecoding payloads;
    private final DeadlineWatchdog watchdog;

    HandlerInvocation(PayloadDecoding payloads, DeadlineWatchdog watchdog) {
        this.payloads = payloads;
        this.watchdog = watchdog;
    }

    <P> void invoke(EnvelopeHandler<P> handler, Envelope envelope, HandlerContext context) throws Exception {
        P payload = payloads.decode(envelope, handler.payloadType());
        Instant deadline = envelope.getRouting().getDeadline();
        if (deadline == null) {
            call(handler, payload, context, envelope);
            return;
        }
        if (!Instant.now().isBefore(deadline)) {
            throw new DeadlineExceededException(envelope.getId(), deadline, "before its handler started");
        }
        try (DeadlineWatchdog.Guard guard = watchdog.watch(deadline)) {
            try {
                call(handler, payload, context, envelope);
            } catch (Exception e) {
                if (guard.fired()) {
                    DeadlineExceededException timeout = new DeadlineExceededException(envelope.getId(), deadline,
                            "while its handler ran: stopped and rolled back");
                    timeout.addSuppressed(e);
                    throw timeout;
                }
                throw e;
            }
            if (guard.fired()) { // the handler swallowed the interrupt and finished late: its effects do not count
                throw new DeadlineExceededException(envelope.getId(), deadline, "while its handler ran: finished late, rolled back");
            }
        }
    }

    /**
     * An {@link Error} a handler throws (an assertion, a missing class, a stack overflow) fails its envelope like an
     * exception: its transaction rolls back, its key is released and it is retried or dead-lettered. Only a
     * {@link VirtualMachineError} (out of memory, internal error) is left to end the process.
     */
    private static <P> void call(EnvelopeHandler<P> handler, P payload, HandlerContext context, Envelope envelope) throws Exception {
        try {
            handler.handle(payload, context);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Error error) {
            throw new HandlerFailedException(envelope, error);
        }
    }
}
