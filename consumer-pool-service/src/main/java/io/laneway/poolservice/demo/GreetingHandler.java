package io.laneway.poolservice.demo;

import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/** The example handler: {@code demo.greet} with payload {"name": "..."} stores a greeting. */
@Component
public class GreetingHandler implements EnvelopeHandler<GreetingHandler.Greet> {

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
        context.jdbc().sql("insert into demo_greeting (message_id, greeting) values (?, ?)")
                .params(context.envelope().getId(), "Hello, " + name + "!")
                .update();
    }
}
