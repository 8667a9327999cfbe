package dev.runnel.support;

import dev.runnel.faults.FaultInjection;
import dev.runnel.insight.Insights;
import dev.runnel.leasestore.LeaseStore;
import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.records.Subscriptions;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A controller slice: the controllers under test and the web layer {@code @WebMvcTest} picks up by itself (the
 * REST and console exception handlers, the request-size filter, the Jackson setup with {@code RestTimestamps},
 * Thymeleaf), over Mockito mocks of every service, the insights, the fault injection and the lease store. Nothing
 * runs behind the controllers: a test stubs the answers it needs (see {@link CannedStreams}) and verifies the
 * command a request became. The settings are bound only for the request-size filter, whose limit is
 * {@link #MAX_REQUEST_BYTES} here so the 413 path is cheap to reach. The full application runs in the
 * {@code *IT} tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@EnableConfigurationProperties(RunnelProperties.class)
@MockitoBean(
        types = {
            StreamService.class,
            StreamSettingsService.class,
            ReshardingService.class,
            RecordService.class,
            ShardIteratorService.class,
            Subscriptions.class,
            Insights.class,
            FaultInjection.class,
            LeaseStore.class
        })
@TestPropertySource(properties = "runnel.http.max-request-size=" + RestSliceTest.MAX_REQUEST_BYTES + "B")
public @interface RestSliceTest {

    long MAX_REQUEST_BYTES = 64 * 1024;

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
