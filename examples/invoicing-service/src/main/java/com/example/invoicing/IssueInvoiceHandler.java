package com.example.invoicing;

import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import io.laneway.pool.handler.NonRetryableProcessingException;
import org.springframework.stereotype.Component;

/**
 * {@code invoicing.issue}: records an invoice. Runs in the batch's transaction with the pool's idempotency claim, so a
 * redelivered message writes nothing twice; a second message for the same invoice id is refused (dead letter with the
 * reason), because an invoice is issued once.
 */
@Component
public class IssueInvoiceHandler implements EnvelopeHandler<IssueInvoiceHandler.IssueInvoice> {

    /** The payload, as {@code payload-schemas/laneway.payload.invoicing.issue.avsc} describes it. */
    public record IssueInvoice(String invoiceId, String customer, long amountCents, String currency) {
    }

    @Override
    public String type() {
        return "invoicing.issue";
    }

    @Override
    public Class<IssueInvoice> payloadType() {
        return IssueInvoice.class;
    }

    @Override
    public void handle(IssueInvoice invoice, HandlerContext context) {
        int written = context.jdbc().sql("""
                        insert into invoice (invoice_id, customer, amount_cents, currency, message_id)
                        values (?, ?, ?, ?, ?) on conflict (invoice_id) do nothing""")
                .params(invoice.invoiceId(), invoice.customer(), invoice.amountCents(), invoice.currency(),
                        context.envelope().getId())
                .update();
        if (written == 0) {
            throw new NonRetryableProcessingException("Invoice " + invoice.invoiceId() + " was already issued");
        }
    }
}
