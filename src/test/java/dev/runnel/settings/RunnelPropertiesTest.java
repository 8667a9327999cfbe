package dev.runnel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** How {@code runnel.region} and {@code runnel.regions} bind, and which values refuse to start. */
class RunnelPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RunnelProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void regionsDefaultToAwsRegions() {
        runner.run(context -> {
            RunnelProperties properties = context.getBean(RunnelProperties.class);
            assertThat(properties.region()).isEqualTo("us-east-1");
            assertThat(properties.regions()).isEqualTo(AwsRegionNames.ALL);
        });
    }

    @Test
    void regionsCanBeNamed() {
        runner.withPropertyValues("runnel.region=local", "runnel.regions=eu-west-1,test-1")
                .run(context -> {
                    RunnelProperties properties = context.getBean(RunnelProperties.class);
                    assertThat(properties.region()).isEqualTo("local");
                    assertThat(properties.regions()).containsExactly("eu-west-1", "test-1");
                });
    }

    @Test
    void requestThreadsAreChosenByJavaUnlessTold() {
        runner.run(context -> assertThat(
                        context.getBean(RunnelProperties.class).http().threads())
                .isEqualTo(RequestThreads.AUTO));
        runner.withPropertyValues("runnel.http.threads=platform")
                .run(context -> assertThat(
                                context.getBean(RunnelProperties.class).http().threads())
                        .isEqualTo(RequestThreads.PLATFORM));
        runner.withPropertyValues("runnel.http.threads=per-core")
                .run(context -> assertThat(
                                context.getBean(RunnelProperties.class).http().threads())
                        .isEqualTo(RequestThreads.PER_CORE));
        runner.withPropertyValues("runnel.http.threads=virtual").run(context -> {
            if (RequestThreads.runningJava() >= RequestThreads.VIRTUAL_SINCE) {
                assertThat(context.getBean(RunnelProperties.class).http().threads())
                        .isEqualTo(RequestThreads.VIRTUAL);
            } else {
                assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("runnel.http.threads=virtual needs Java 21 or later");
            }
        });
    }

    @Test
    void corsAllowsLoopbackPagesUnlessTold() {
        runner.run(context -> assertThat(
                        context.getBean(RunnelProperties.class).http().cors().allowedOrigins())
                .isEqualTo(Cors.DEFAULTS.allowedOrigins())
                .contains("http://localhost:[*]", "https://127.0.0.1:[*]", "http://[::1]:[*]"));
        runner.withPropertyValues("runnel.http.cors.allowed-origins=https://app.example.com,https://*.example.org")
                .run(context -> assertThat(context.getBean(RunnelProperties.class)
                                .http()
                                .cors()
                                .allowedOrigins())
                        .containsExactly("https://app.example.com", "https://*.example.org"));
        runner.withPropertyValues("runnel.http.cors.allowed-origins=")
                .run(context -> assertThat(context.getBean(RunnelProperties.class)
                                .http()
                                .cors()
                                .allowedOrigins())
                        .isEmpty());
    }

    @Test
    void connectionsWriteThrough32KiBUnlessToldAndTheBufferStaysBetween1KiBAnd1MiB() {
        runner.run(context -> assertThat(
                        context.getBean(RunnelProperties.class).http().writeBuffer())
                .isEqualTo(DataSize.ofKilobytes(32))
                .isEqualTo(Http.DEFAULTS.writeBuffer()));
        runner.withPropertyValues("runnel.http.write-buffer=1MB")
                .run(context -> assertThat(
                                context.getBean(RunnelProperties.class).http().writeBuffer())
                        .isEqualTo(DataSize.ofMegabytes(1)));
        for (String bad : new String[] {"runnel.http.write-buffer=1023B", "runnel.http.write-buffer=1025KB"}) {
            runner.withPropertyValues(bad)
                    .run(context -> assertThat(context)
                            .as(bad)
                            .getFailure()
                            .rootCause()
                            .hasMessageContaining("runnel.http.write-buffer must be from 1KB to 1MB"));
        }
    }

    @Test
    void regionNamesAreShortLowerCaseWords() {
        for (String bad : new String[] {
            "runnel.regions=eu-west-1,EU_WEST",
            "runnel.region=a".concat("b".repeat(40)),
            "runnel.regions=" + "a".repeat(7_000),
            "runnel.region=eu west 1",
            "runnel.region="
        }) {
            runner.withPropertyValues(bad)
                    .run(context -> assertThat(context).as(bad).hasFailed());
        }
    }
}
