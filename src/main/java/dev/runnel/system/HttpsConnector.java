package dev.runnel.system;

import dev.runnel.system.tls.HttpsSetupException;
import dev.runnel.system.tls.ServerCertificate;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The HTTPS port: a second Tomcat connector beside the plain one, serving TLS with HTTP/2 (ALPN {@code h2}) and
 * HTTP/1.1 from the same application, and set up exactly as the plain port ({@link PlainPortSettings}, which also
 * brings the HTTP/2 protocol of {@link Http2Configuration}). Spring Boot's graceful shutdown closes it with the
 * plain one.
 *
 * <p>Its port is tried while the server is being made, before either port opens: when it is taken, the start
 * fails with Spring Boot's "Port … was already in use" report (a {@link PortInUseException}). Tomcat itself would
 * only log the failure of an additional connector, with its stack trace, and Spring Boot would then fail the start
 * for a connector that did not start; that remains the answer should the port be taken between the two. The
 * plain port's own number is refused at once ({@link HttpsSetupException}).
 *
 * <p>Once the server runs, the port it listens on is logged with the certificate to trust, and published as
 * {@value #LOCAL_PORT_PROPERTY} (as Spring Boot publishes {@code local.server.port}).
 */
final class HttpsConnector
        implements WebServerFactoryCustomizer<TomcatWebServerFactory>, ApplicationListener<WebServerInitializedEvent> {

    static final String LOCAL_PORT_PROPERTY = "local.runnel.https.port";

    private static final Logger log = LoggerFactory.getLogger(HttpsConnector.class);

    private final int port;
    private final ServerCertificate certificate;
    private final ConfigurableEnvironment environment;
    private Connector connector;

    HttpsConnector(int port, ServerCertificate certificate, ConfigurableEnvironment environment) {
        this.port = port;
        this.certificate = certificate;
        this.environment = environment;
    }

    /** No HTTPS port ({@code runnel.https.enabled=false}): adds no connector and publishes no port. */
    static HttpsConnector off() {
        return new HttpsConnector(0, null, null);
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        if (certificate == null) {
            return; // off()
        }
        if (port != 0 && port == factory.getPort()) {
            throw new HttpsSetupException(
                    "runnel.https.port and server.port are both " + port + ".",
                    "Give the HTTPS port a port of its own (runnel.https.port; 0 for any free port), or turn it off"
                            + " (runnel.https.enabled=false).",
                    null);
        }
        refuseIfTaken(factory.getAddress(), port);
        Connector https = new Connector(factory.getProtocol());
        https.setPort(port);
        https.setScheme("https");
        https.setSecure(true);
        if (!(https.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)) {
            throw new IllegalStateException("HTTPS needs an HTTP/1.1 protocol handler, not " + factory.getProtocol());
        }
        protocol.setSSLEnabled(true);
        SSLHostConfig host = new SSLHostConfig();
        host.setHostName(protocol.getDefaultSSLHostConfigName());
        certificate.configure(host);
        protocol.addSslHostConfig(host);
        // Customizers are complete only when the server is made: take them then, before the protocol initialises.
        https.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_INIT_EVENT.equals(event.getType())) {
                PlainPortSettings.applyTo(https, factory);
            }
        });
        factory.addAdditionalConnectors(https);
        this.connector = https;
    }

    /** Throws {@link PortInUseException} when {@code port} (not 0) cannot be bound on {@code address}. */
    static void refuseIfTaken(InetAddress address, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Tomcat binds: a port left in TIME_WAIT is free
            probe.bind(new InetSocketAddress(address, port));
        } catch (BindException taken) {
            throw new PortInUseException(port, taken);
        } catch (IOException other) {
            // not a sign that the port is taken: Tomcat's own bind decides
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (connector == null || connector.getLocalPort() <= 0) {
            return;
        }
        int local = connector.getLocalPort();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("runnel.https.local", Map.of(LOCAL_PORT_PROPERTY, local)));
        log.info("HTTPS (HTTP/2 and HTTP/1.1) on port {}, serving {}", local, certificate.describe());
    }
}
