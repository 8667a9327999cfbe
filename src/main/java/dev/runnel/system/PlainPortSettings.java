package dev.runnel.system;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.springframework.boot.tomcat.CompressionConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.Compression;
import org.springframework.util.StringUtils;

/**
 * Gives another connector everything the web server factory gives its main (plain) connector, so that a second port
 * behaves as the first: the bind address ({@code server.address}), the server header, the URI encoding and
 * compression, then every protocol-handler and connector customizer registered on the factory, in the factory's
 * order. Those are Spring Boot's ({@code server.tomcat.*}, {@code server.max-http-request-header-size}, …) and
 * Runnel's own (the body read timeout, HTTP/2). Spring Boot applies none of these to an additional connector.
 *
 * <p>Call {@link #applyTo} once, after every customizer is registered and before the connector is initialised.
 */
final class PlainPortSettings {

    private PlainPortSettings() {}

    static void applyTo(Connector connector, TomcatWebServerFactory factory) {
        ProtocolHandler handler = connector.getProtocolHandler();
        if (handler instanceof AbstractProtocol<?> protocol && factory.getAddress() != null) {
            protocol.setAddress(factory.getAddress());
        }
        if (StringUtils.hasText(factory.getServerHeader())) {
            connector.setProperty("server", factory.getServerHeader());
        }
        if (factory.getUriEncoding() != null) {
            connector.setURIEncoding(factory.getUriEncoding().name());
        }
        Compression compression = factory.getCompression();
        if (compression != null && compression.getEnabled()) {
            new CompressionConnectorCustomizer(compression).customize(connector);
        }
        invokeProtocolHandlerCustomizers(handler, factory);
        for (TomcatConnectorCustomizer customizer : factory.getConnectorCustomizers()) {
            customizer.customize(connector);
        }
    }

    @SuppressWarnings("unchecked")
    private static void invokeProtocolHandlerCustomizers(ProtocolHandler handler, TomcatWebServerFactory factory) {
        LambdaSafe.callbacks(TomcatProtocolHandlerCustomizer.class, factory.getProtocolHandlerCustomizers(), handler)
                .invoke(customizer -> customizer.customize(handler));
    }
}
