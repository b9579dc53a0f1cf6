package io.laneway.projection.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code laneway.console.*}: where the operator console (served here, at /console/) finds what it does not read from this
 * service. Both are URLs as the operator's browser reaches them.
 *
 * @param poolUrl    the consumer pool's dead-letter and lane API; its {@code laneway.security.cors-allowed-origins} must
 *                   name this service's origin
 * @param routerUrl  the router, where a message is found by its idempotency key (the same CORS setting there); empty:
 *                   the console finds messages by id and orders only
 * @param sagaUrl    the saga orchestrator, where an order's current step and deadline are read (the same CORS setting)
 * @param grafanaUrl Grafana with Laneway's dashboards; empty: the console shows no links to it
 */
@ConfigurationProperties("laneway.console")
public record ConsoleProperties(String poolUrl, String routerUrl, String sagaUrl, String grafanaUrl) {

    public ConsoleProperties {
        poolUrl = poolUrl == null ? "" : poolUrl.replaceAll("/+$", "");
        routerUrl = routerUrl == null ? "" : routerUrl.replaceAll("/+$", "");
        sagaUrl = sagaUrl == null ? "" : sagaUrl.replaceAll("/+$", "");
        grafanaUrl = grafanaUrl == null ? "" : grafanaUrl.replaceAll("/+$", "");
    }
}
