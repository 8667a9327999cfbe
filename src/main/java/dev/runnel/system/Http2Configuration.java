package dev.runnel.system;

import dev.runnel.settings.RunnelProperties;
import org.apache.coyote.Request;
import org.apache.coyote.http2.Http2Protocol;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP/2 beside HTTP/1.1 on every connector: on the HTTPS port ({@link HttpsConnector}) always, offered through
 * ALPN as {@code h2} as on Kinesis; on the plain port as HTTP/2 cleartext with prior knowledge, unless
 * {@code runnel.http.h2c=false}: what the AWS SDK's async client (and so KCL) sends to {@code http://} endpoints. The HTTP/1.1 {@code Upgrade: h2c} route is declined (the
 * request is simply served over HTTP/1.1): Tomcat's upgrade path buffers request bodies only up to a few
 * kilobytes and drops redirects, which breaks clients such as the JDK's HttpClient that try it by default. A
 * stream's body may stall for {@code runnel.http.body-read-timeout}, as an HTTP/1.1 body may; then Tomcat resets
 * the stream (an HTTP/1.1 request gets a 408).
 */
@Configuration(proxyBeanMethods = false)
class Http2Configuration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> priorKnowledgeHttp2(RunnelProperties properties) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getSecure() || properties.http().h2c()) {
                PriorKnowledgeHttp2 http2 = new PriorKnowledgeHttp2();
                http2.setStreamReadTimeout(properties.http().bodyReadTimeout().toMillis());
                connector.addUpgradeProtocol(http2);
            }
        });
    }

    /**
     * HTTP/2 that starts only from the connection preface (or, over TLS, from ALPN), never from an HTTP/1.1
     * upgrade.
     */
    static final class PriorKnowledgeHttp2 extends Http2Protocol {
        @Override
        public boolean accept(Request request) {
            return false;
        }
    }
}
