package io.laneway.poolservice.demo;

import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * The example handler: {@code demo.greet} with payload {"name": "..."} stores a greeting. A name longer than a greeting
 * card is wide is a bad payload (a permanent failure: dead-lettered at once), the operator console's example of a letter
 * fixed by editing its payload and replaying it.
 */
@Component
public class GreetingHandler implements EnvelopeHandler<GreetingHandler.Greet> {

    /** Characters of a name that fit on the card. */
    public static final int CARD_WIDTH = 60;

    public record Greet(String name) {
    }

    @Override
    public String type() {
        return "demo.greet";
    }

    @Override
    public Class<Greet> payloadType() {
        return Greet.class;
    }

    @Override
    public void handle(Greet payload, HandlerContext context) {
        String name = payload.name() == null || payload.name().isBlank() ? "stranger" : payload.name();
        if (name.length() > CARD_WIDTH) {
            throw new IllegalArgumentException("a name of " + name.length() + " characters does not fit on a greeting card (at most "
                    + CARD_WIDTH + ")");
        }
        context.jdbc().sql("insert into demo_greeting (message_id, greeting) values (?, ?)")
                .params(context.envelope().getId(), "Hello, " + name + "!")
                .update();
    }
}
