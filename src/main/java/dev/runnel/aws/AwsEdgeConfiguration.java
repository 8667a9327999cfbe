package dev.runnel.aws;

import dev.runnel.faults.FaultInjection;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.throttling.ControlPlaneLimits;
import dev.runnel.web.BusyRequestAnswer;
import dev.runnel.web.OversizedRequestAnswer;
import dev.runnel.web.ProtocolErrorAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the AWS edge ({@link AwsEdgeFilter}) into the servlet filter chain: after the request-size limit (order
 * +10), ahead of everything Spring MVC adds, and gives that limit the AWS edge's answers to oversized calls and to
 * calls refused while too many request bodies are in flight (and Tomcat's error valve its answer to calls Tomcat
 * refused or could not read). A
 * registration rather than a filter component, so that web slice tests of the REST API and the console do not
 * pull in the AWS operations.
 */
@Configuration(proxyBeanMethods = false)
class AwsEdgeConfiguration {

    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<AwsEdgeFilter> awsEdgeFilter(
            AwsOperations operations,
            Regions regions,
            RunnelProperties properties,
            FaultInjection faults,
            ControlPlaneLimits controlPlane,
            SubscriptionStreamer streamer,
            AwsRequestMetrics metrics) {
        FilterRegistrationBean<AwsEdgeFilter> registration = new FilterRegistrationBean<>(
                new AwsEdgeFilter(operations, regions, properties, faults, controlPlane, streamer, metrics));
        registration.setOrder(ORDER);
        registration.setAsyncSupported(true);
        return registration;
    }

    /** Two threads produce the events of every enhanced fan-out subscription. */
    @Bean
    SubscriptionStreamer subscriptionStreamer(RunnelProperties properties) {
        return new SubscriptionStreamer(2, properties.fanOut().idleEventInterval());
    }

    @Bean
    AwsRequestMetrics awsRequestMetrics(MeterRegistry registry) {
        return new AwsRequestMetrics(registry);
    }

    @Bean
    OversizedRequestAnswer awsOversizedRequestAnswer(AwsRequestMetrics metrics) {
        return new AwsOversizedRequestAnswer(metrics);
    }

    @Bean
    ProtocolErrorAnswer awsProtocolErrorAnswer(AwsRequestMetrics metrics) {
        return new AwsProtocolErrorAnswer(metrics);
    }

    @Bean
    BusyRequestAnswer awsBusyRequestAnswer(AwsRequestMetrics metrics) {
        return new AwsBusyRequestAnswer(metrics);
    }
}
