package dev.runnel.aws.dynamodb;

import dev.runnel.aws.SignedRegions;
import dev.runnel.leasestore.LeaseStore;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the DynamoDB edge ({@link DynamoDbEdgeFilter}) into the servlet filter chain just ahead of the Kinesis
 * edge, after the request-size limit.
 */
@Configuration(proxyBeanMethods = false)
class DynamoDbEdgeConfiguration {

    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 18;

    @Bean
    FilterRegistrationBean<DynamoDbEdgeFilter> dynamoDbEdgeFilter(
            LeaseStore store, Regions regions, RunnelProperties properties, MeterRegistry registry) {
        FilterRegistrationBean<DynamoDbEdgeFilter> registration = new FilterRegistrationBean<>(new DynamoDbEdgeFilter(
                store,
                new SignedRegions(regions, properties.region()),
                properties.kcl().enabled(),
                new DynamoDbRequestMetrics(registry)));
        registration.setOrder(ORDER);
        return registration;
    }
}
