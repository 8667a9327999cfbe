package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.RunnelApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starting, serving and stopping the HTTPS port as a whole application: a taken port or a missing certificate file
 * stops the start with a report that says which; a configured PKCS #12 key store is served; HTTPS can be turned
 * off; stopping Runnel closes the HTTPS port; and both ports write through {@code runnel.http.write-buffer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpsPortIT {

    @TempDir
    Path dir;

    /** Starts Runnel on loopback with {@code more} arguments; the plain port is any free one unless they name one. */
    private ConfigurableApplicationContext start(String... more) {
        List<String> arguments = new ArrayList<>(
                List.of("--server.address=127.0.0.1", "--runnel.https.dir=" + dir.resolve("generated")));
        if (List.of(more).stream().noneMatch(argument -> argument.startsWith("--server.port="))) {
            arguments.add("--server.port=0");
        }
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(RunnelApplication.class).run(arguments.toArray(String[]::new));
    }

    @Test
    void aTakenPortStopsTheStartSayingWhich(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            Throwable failure =
                    org.assertj.core.api.Assertions.catchThrowable(() -> start("--runnel.https.port=" + port));
            Throwable cause = failure;
            while (cause != null && !(cause instanceof PortInUseException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("a PortInUseException in %s", failure).isInstanceOf(PortInUseException.class);
            assertThat(((PortInUseException) cause).getPort()).isEqualTo(port);
            assertThat(output.getOut()).contains("Port " + port + " was already in use.");
        }
    }

    @Test
    void theHttpsPortCannotBeThePlainOne(CapturedOutput output) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int plain = port;

        assertThatThrownBy(() -> start("--server.port=" + plain, "--runnel.https.port=" + plain))
                .hasStackTraceContaining("HttpsSetupException");
        assertThat(output.getOut()).contains("runnel.https.port and server.port are both " + plain + ".");
    }

    @Test
    void aMissingCertificateFileStopsTheStartSayingWhich(CapturedOutput output) {
        Path missing = dir.resolve("missing.crt");

        assertThatThrownBy(() -> start(
                        "--runnel.https.port=0",
                        "--runnel.https.certificate=" + missing,
                        "--runnel.https.private-key=" + dir.resolve("missing.key")))
                .hasStackTraceContaining("HttpsSetupException");
        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .contains("The file " + missing + " (runnel.https.certificate) does not exist or cannot be read.");
    }

    @Test
    void servesAConfiguredKeyStoreAndStoppingClosesThePort() throws Exception {
        Path generated = dir.resolve("generated");
        int port;
        try (ConfigurableApplicationContext first = start("--runnel.https.port=0")) {
            assertThat(first.getEnvironment().getProperty("local.runnel.https.port", Integer.class))
                    .isPositive();
        }
        Certificate certificate = certificate(generated.resolve("runnel.crt"));
        Path keyStore = dir.resolve("server.p12");
        KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
        pkcs12.load(null, null);
        pkcs12.setKeyEntry(
                "runnel", privateKey(generated.resolve("runnel.key")), "secret".toCharArray(), new Certificate[] {
                    certificate
                });
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            pkcs12.store(out, "secret".toCharArray());
        }

        ConfigurableApplicationContext context = start(
                "--runnel.https.port=0",
                "--runnel.https.key-store=" + keyStore,
                "--runnel.https.key-store-password=secret");
        try {
            port = context.getEnvironment().getProperty("local.runnel.https.port", Integer.class);
            HttpResponse<String> health = HttpClient.newBuilder()
                    .sslContext(trusting(certificate))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
        } finally {
            context.close();
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void bothPortsWriteThroughTheConfiguredBufferAndServeAnswersLargerThanIt() throws Exception {
        Path generated = dir.resolve("generated");
        try (ConfigurableApplicationContext context =
                start("--runnel.https.port=0", "--runnel.http.write-buffer=16KB")) {
            Connector[] connectors = ((TomcatWebServer) ((WebServerApplicationContext) context).getWebServer())
                    .getTomcat()
                    .getService()
                    .findConnectors();
            assertThat(connectors).hasSize(2);
            for (Connector connector : connectors) {
                assertThat(connector.getProperty("socket.appWriteBufSize"))
                        .as("port %d", connector.getLocalPort())
                        .isEqualTo("16384");
            }

            int plain = context.getEnvironment().getProperty("local.server.port", Integer.class);
            int https = context.getEnvironment().getProperty("local.runnel.https.port", Integer.class);
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(trusting(certificate(generated.resolve("runnel.crt"))))
                    .build();
            String expected = client.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain + "/v3/api-docs"))
                                    .version(HttpClient.Version.HTTP_1_1)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(expected).hasSizeGreaterThan(64 * 1024).endsWith("}");
            // The document names the server it was fetched from.
            expected = expected.replace("http://127.0.0.1:" + plain, "https://localhost:" + https);
            for (HttpClient.Version version : HttpClient.Version.values()) {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/v3/api-docs"))
                                .version(version)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.version()).isEqualTo(version);
                assertThat(answer.body()).as("over HTTPS, %s", version).isEqualTo(expected);
            }
        }
    }

    @Test
    void httpsCanBeTurnedOff() {
        try (ConfigurableApplicationContext context = start("--runnel.https.enabled=false")) {
            assertThat(context.getEnvironment().getProperty("local.runnel.https.port"))
                    .isNull();
            assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class))
                    .isPositive();
        }
    }

    private static Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 =
                Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static SSLContext trusting(Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("runnel", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
