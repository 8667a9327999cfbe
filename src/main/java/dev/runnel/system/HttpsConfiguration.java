package dev.runnel.system;

import dev.runnel.settings.RunnelProperties;
import dev.runnel.system.tls.ServerCertificate;
import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The HTTPS port ({@code runnel.https.*}), unless {@code runnel.https.enabled=false}: its certificate is settled
 * (configured, kept from an earlier start, or made now) while the web server is being made, so that a certificate
 * that cannot be had stops the start before any port opens ({@link StartRefusedFailureAnalyzer} reports it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "runnel.https.enabled", matchIfMissing = true)
class HttpsConfiguration {

    @Bean
    HttpsConnector httpsConnector(
            RunnelProperties properties, InstantSource clock, ConfigurableEnvironment environment) {
        return new HttpsConnector(
                properties.https().port(), ServerCertificate.of(properties.https(), clock.instant()), environment);
    }
}
