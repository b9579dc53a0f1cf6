package io.laneway.projection.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code laneway.console.*}: where the operator console (served here, at /console/) finds what it does not read from this
 * service. Both are URLs as the operator's browser reaches them.
 *
 * @param poolUrl    the consumer pool's dead-letter and lane API; its {@code laneway.security.cors-allowed-origins} must
 *                   name this service's origin
 * @param grafanaUrl Grafana with Laneway's dashboards; empty: the console shows no links to it
 */
@ConfigurationProperties("laneway.console")
public record ConsoleProperties(String poolUrl, String grafanaUrl) {

    public ConsoleProperties {
        poolUrl = poolUrl == null ? "" : poolUrl.replaceAll("/+$", "");
        grafanaUrl = grafanaUrl == null ? "" : grafanaUrl.replaceAll("/+$", "");
    }
}
