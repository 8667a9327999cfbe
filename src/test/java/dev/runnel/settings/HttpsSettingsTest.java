package dev.runnel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** How {@code runnel.https.*} binds, and which half-configured certificates refuse to start, saying why. */
class HttpsSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RunnelProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsToPort4568WithAGeneratedCertificateInTheHomeDirectory() {
        runner.run(context -> {
            Https https = context.getBean(RunnelProperties.class).https();
            assertThat(https.enabled()).isTrue();
            assertThat(https.port()).isEqualTo(4568);
            assertThat(https.certificate()).isNull();
            assertThat(https.keyStore()).isNull();
            assertThat(https.hostnames()).isEmpty();
            assertThat(https.dirOrDefault()).isEqualTo(Path.of(System.getProperty("user.home"), ".runnel", "tls"));
            assertThat(RunnelProperties.defaults().https()).isEqualTo(Https.DEFAULTS);
        });
    }

    @Test
    void bindsAConfiguredCertificateAndNames() {
        runner.withPropertyValues(
                        "runnel.https.port=0",
                        "runnel.https.certificate=/etc/runnel/server.crt",
                        "runnel.https.private-key=/etc/runnel/server.key",
                        "runnel.https.dir=/var/runnel/tls",
                        "runnel.https.hostnames=runnel.local,10.0.0.5")
                .run(context -> {
                    Https https = context.getBean(RunnelProperties.class).https();
                    assertThat(https.port()).isZero();
                    assertThat(https.certificate()).isEqualTo(Path.of("/etc/runnel/server.crt"));
                    assertThat(https.privateKey()).isEqualTo(Path.of("/etc/runnel/server.key"));
                    assertThat(https.dirOrDefault()).isEqualTo(Path.of("/var/runnel/tls"));
                    assertThat(https.hostnames()).containsExactly("runnel.local", "10.0.0.5");
                });
        runner.withPropertyValues("runnel.https.key-store=server.p12", "runnel.https.key-store-password=secret")
                .run(context -> assertThat(
                                context.getBean(RunnelProperties.class).https().keyStore())
                        .isEqualTo(Path.of("server.p12")));
    }

    @Test
    void halfAPairOrTwoKindsOfCertificateRefuseToStart() {
        String pem = "runnel.https.certificate and runnel.https.private-key go together";
        String store = "runnel.https.key-store and runnel.https.key-store-password go together";
        String both = "either as PEM files";
        assertRefused(pem, "runnel.https.certificate=server.crt");
        assertRefused(pem, "runnel.https.private-key=server.key");
        assertRefused(store, "runnel.https.key-store=server.p12");
        assertRefused(store, "runnel.https.key-store-password=secret");
        assertRefused(
                both,
                "runnel.https.certificate=server.crt",
                "runnel.https.private-key=server.key",
                "runnel.https.key-store=server.p12",
                "runnel.https.key-store-password=secret");
    }

    @Test
    void portsOutsideTheRangeAndBlankNamesRefuseToStart() {
        assertRefused("runnel.https.port", "runnel.https.port=65536");
        assertRefused("runnel.https.port", "runnel.https.port=-1");
        assertRefused("runnel.https.hostnames", "runnel.https.hostnames[0]= ");
    }

    private void assertRefused(String message, String... settings) {
        runner.withPropertyValues(settings).run(context -> {
            assertThat(context).as(String.join(" ", settings)).hasFailed();
            assertThat(context.getStartupFailure())
                    .as(String.join(" ", settings))
                    .rootCause()
                    .hasMessageContaining(message);
        });
    }
}
