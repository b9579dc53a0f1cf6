package io.laneway.pool.processing;

import io.laneway.pool.handler.EnvelopeHandler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Every {@link EnvelopeHandler} bean, by type. Two handlers for one type is a startup error. */
@Component
public class HandlerRegistry {

    private final Map<String, EnvelopeHandler<?>> byType;

    public HandlerRegistry(List<EnvelopeHandler<?>> handlers) {
        this.byType = handlers.stream().collect(Collectors.toMap(EnvelopeHandler::type, Function.identity(), (a, b) -> {
            throw new IllegalStateException("Two handlers for type " + a.type() + ": " + a.getClass() + " and " + b.getClass());
        }));
    }

    public Optional<EnvelopeHandler<?>> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }
}
