package dev.runnel.web;

import dev.runnel.settings.RunnelProperties;
import java.time.Duration;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Runnel's edges need of Tomcat: the {@link ProtocolErrorValve} as the host's only error report valve, so
 * that no answer is ever Tomcat's HTML page (Spring Boot adds a plain one of its own, which is replaced); and
 * {@code runnel.http.body-read-timeout} as the HTTP/1.1 connector's timeout while a request body is read (HTTP/2
 * gets it where its protocol is made, in {@code system}).
 */
@Configuration(proxyBeanMethods = false)
class ContainerConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> runnelContainer(
            RunnelProperties properties, ObjectProvider<ProtocolErrorAnswer> edges) {
        Duration timeout = properties.http().bodyReadTimeout();
        ProtocolErrorValve valve = new ProtocolErrorValve(
                new ProtocolErrors(timeout), () -> edges.orderedStream().toList());
        return factory -> {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        install(host, valve);
                    }
                });
            });
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    http.setDisableUploadTimeout(false);
                    http.setConnectionUploadTimeout((int) timeout.toMillis());
                }
            });
        };
    }

    /** Replaces every error report valve of the host (Spring Boot's, Tomcat's default) by Runnel's. */
    private static void install(Host host, ProtocolErrorValve valve) {
        for (Valve existing : host.getPipeline().getValves()) {
            if (existing instanceof ErrorReportValve && existing != valve) {
                host.getPipeline().removeValve(existing);
            }
        }
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(ProtocolErrorValve.class.getName());
        }
        if (!java.util.List.of(host.getPipeline().getValves()).contains(valve)) {
            host.getPipeline().addValve(valve);
        }
    }
}
