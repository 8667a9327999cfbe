package dev.runnel.aws.cloudwatch;

import dev.runnel.aws.SignedRegions;
import dev.runnel.metricsink.MetricSink;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import java.time.InstantSource;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the CloudWatch edge ({@link CloudWatchEdgeFilter}) into the servlet filter chain after the request-size limit
 * (+10) and just ahead of the Kinesis edge (+20), which then sees only the {@code POST /} calls that are not
 * CloudWatch's. A registration rather than a filter component, like the Kinesis edge's, so that web slice tests
 * leave it out. Its {@link CloudWatchRefusals} answer CloudWatch calls that the request-size limit or Tomcat refuse.
 */
@Configuration(proxyBeanMethods = false)
class CloudWatchEdgeConfiguration {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 19;

    @Bean
    FilterRegistrationBean<CloudWatchEdgeFilter> cloudWatchEdgeFilter(
            MetricSink sink, Regions regions, RunnelProperties properties, InstantSource clock) {
        CloudWatchEdgeFilter filter = new CloudWatchEdgeFilter(
                sink,
                new SignedRegions(regions, properties.region()),
                clock,
                properties.kcl().enabled(),
                properties.http().maxRequestSize().toBytes());
        FilterRegistrationBean<CloudWatchEdgeFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(ORDER);
        registration.setAsyncSupported(true);
        return registration;
    }

    /** This edge's answers to calls refused before it sees them: too large, too busy, cut short. */
    @Bean
    CloudWatchRefusals cloudWatchRefusals() {
        return new CloudWatchRefusals();
    }
}
