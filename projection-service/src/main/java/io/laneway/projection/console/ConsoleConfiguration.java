package io.laneway.projection.console;

import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator console: static files in {@code static/console/} (no build step, no CDN: it works offline), served at
 * {@code /console/}, and the URLs it needs as {@code /console/config.json}. The page holds no data: every view asks
 * the APIs with the operator's own credentials, so the APIs' rules decide what it may see and do.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    /** The page's own settings, not part of the API (left out of the OpenAPI document). */
    @Hidden
    @RestController
    static class ConsoleSettings {

        private final ConsoleProperties properties;

        ConsoleSettings(ConsoleProperties properties) {
            this.properties = properties;
        }

        @GetMapping(path = "/console/config.json", produces = "application/json")
        Map<String, String> config() {
            return Map.of("poolUrl", properties.poolUrl(), "routerUrl", properties.routerUrl(), "sagaUrl", properties.sagaUrl(),
                    "grafanaUrl", properties.grafanaUrl());
        }
    }
}
