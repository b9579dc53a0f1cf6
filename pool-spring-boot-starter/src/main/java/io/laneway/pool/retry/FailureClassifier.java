package io.laneway.pool.retry;

import java.util.List;

/**
 * Transient or permanent, by exception type (configurable). The exception and its causes are checked
 * against the permanent list first, then the transient list; anything unlisted is {@code fallback}
 * (transient by default: a retry costs little, a wrongly dead-lettered envelope costs an operator). Pure.
 */
public record FailureClassifier(List<Class<? extends Throwable>> permanent, List<Class<? extends Throwable>> transientTypes,
                                FailureKind fallback) {

    public FailureKind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (matches(permanent, t)) {
                return FailureKind.PERMANENT;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (matches(transientTypes, t)) {
                return FailureKind.TRANSIENT;
            }
        }
        return fallback;
    }

    private static boolean matches(List<Class<? extends Throwable>> types, Throwable t) {
        return types.stream().anyMatch(type -> type.isInstance(t));
    }
}
