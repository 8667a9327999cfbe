package dev.runnel.web;

import dev.runnel.settings.RequestThreads;
import dev.runnel.settings.RunnelProperties;
import java.time.Duration;
import java.util.Locale;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * What Runnel's edges need of Tomcat: the {@link ProtocolErrorValve} as the host's only error report valve, so
 * that no answer is ever Tomcat's HTML page (Spring Boot adds a plain one of its own, which is replaced);
 * {@code runnel.http.body-read-timeout} as the HTTP/1.1 connector's timeout while a request body is read (HTTP/2
 * gets it where its protocol is made, in {@code system}); {@code runnel.http.write-buffer}, each connection's
 * buffer for the answers it writes; and {@code runnel.http.threads}, the threads that run the requests
 * ({@link RequestThreads}). Connector customizers reach the HTTPS port too ({@code PlainPortSettings}).
 */
@Configuration(proxyBeanMethods = false)
class ContainerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ContainerConfiguration.class);

    @Bean
    RequestExecutor requestExecutor(RunnelProperties properties, Environment environment) {
        RequestThreads threads = properties.http().threads();
        int java = RequestThreads.runningJava();
        RequestExecutor executor = new RequestExecutor(
                threads, java, environment.getProperty("server.tomcat.threads.max", Integer.class, 200));
        log.info(
                "HTTP requests run on {} (runnel.http.threads={}, Java {})",
                executor.describe(),
                threads.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                java);
        return executor;
    }

    /**
     * Outermost, with {@link CrossOriginFilter} and Spring Boot's character encoding filter (same order), which do
     * nothing once the chain has returned; the filters that do (HTTP observations) come later, so they never see the
     * request turned asynchronous. Left out of the chain where requests do not queue for a pool of Runnel's.
     */
    @Bean
    FilterRegistrationBean<ConnectionTurnFilter> connectionTurnFilter(RequestExecutor requests) {
        FilterRegistrationBean<ConnectionTurnFilter> registration =
                new FilterRegistrationBean<>(new ConnectionTurnFilter(requests));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setAsyncSupported(true);
        registration.setEnabled(requests.takesTurns());
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> runnelContainer(
            RunnelProperties properties, ObjectProvider<ProtocolErrorAnswer> edges, RequestExecutor requests) {
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
                connector.setProperty(
                        "socket.appWriteBufSize",
                        Long.toString(properties.http().writeBuffer().toBytes()));
                if (requests.executor() != null) {
                    connector.getProtocolHandler().setExecutor(requests.executor());
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
