package io.laneway.router.catalog;

import java.time.Duration;

import io.laneway.contracts.catalog.TypeRegistration;
import io.laneway.contracts.envelope.Priority;
import io.laneway.router.classify.CostClass;
import io.laneway.router.classify.TypeCatalog;

/** Pure: a registration as the router's {@link TypeCatalog.TypeSpec}. */
final class TypeRegistrations {

    private TypeRegistrations() {
    }

    static TypeCatalog.TypeSpec specOf(TypeRegistration r) {
        return new TypeCatalog.TypeSpec(Priority.valueOf(r.getDefaultPriority()), CostClass.valueOf(r.getCostClass()),
                Duration.ofMillis(r.getExpectedDurationMillis()), r.getMaxAttempts(), Duration.ofMillis(r.getTimeoutMillis()),
                r.getOrderingKeyField(), r.getPayloadSchema(), r.getInternal(), r.getNamespace(),
                java.util.List.copyOf(r.getAllowedClients()));
    }
}
