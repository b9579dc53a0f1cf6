package io.laneway.poolservice.demo;

import java.security.MessageDigest;

import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * Example of heavy-lane work ({@code report.render}): burns CPU proportional to {@code pages}, as rendering
 * would. Its effect is the digest it computed, stored like the greeting.
 */
@Component
public class ReportRenderHandler implements EnvelopeHandler<ReportRenderHandler.Render> {

    public record Render(String reportId, int pages) {
    }

    @Override
    public String type() {
        return "report.render";
    }

    @Override
    public Class<Render> payloadType() {
        return Render.class;
    }

    @Override
    public void handle(Render payload, HandlerContext context) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] page = new byte[64 * 1024];
        for (int i = 0; i < Math.max(1, Math.min(payload.pages(), 500)); i++) {
            page[0] = (byte) i;
            digest.update(page);
        }
        context.jdbc().sql("insert into demo_greeting (message_id, greeting) values (?, ?)")
                .params(context.envelope().getId(), "report " + payload.reportId() + " rendered: "
                        + java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16))
                .update();
    }
}
