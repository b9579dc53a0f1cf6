package io.laneway.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The shared {@code laneway.security.*} keys and {@link EdgeSecurity}, for every Laneway service's filter chain. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(EdgeSecurityProperties.class)
public class EdgeSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EdgeSecurity edgeSecurity(EdgeSecurityProperties properties, ObjectProvider<JwtDecoder> springDecoder) {
        return new EdgeSecurity(properties, springDecoder);
    }
}
