package dev.runnel.system;

import dev.runnel.settings.RunnelProperties;
import dev.runnel.system.tls.ServerCertificate;
import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The HTTPS port ({@code runnel.https.*}), unless {@code runnel.https.enabled=false}: its certificate is settled
 * (configured, kept from an earlier start, or made now) while the web server is being made, so that a certificate
 * that cannot be had stops the start before any port opens ({@link StartRefusedFailureAnalyzer} reports it).
 *
 * <p>The setting is read when the bean is made, not by a {@code @Conditional}: Spring AOT (the start
 * {@code bin/runnel} makes) fixes conditions when the jar is built, and the HTTPS port is chosen at each start.
 */
@Configuration(proxyBeanMethods = false)
class HttpsConfiguration {

    @Bean
    HttpsConnector httpsConnector(
            RunnelProperties properties, InstantSource clock, ConfigurableEnvironment environment) {
        if (!properties.https().enabled()) {
            return HttpsConnector.off();
        }
        return new HttpsConnector(
                properties.https().port(), ServerCertificate.of(properties.https(), clock.instant()), environment);
    }
}
