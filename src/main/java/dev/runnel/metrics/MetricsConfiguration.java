package dev.runnel.metrics;

import dev.runnel.insight.TrafficMeter;
import dev.runnel.regions.Regions;
import dev.runnel.system.RunnelProperties;
import dev.runnel.web.AwsEdgeRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Wires {@link KinesisMetrics} and refreshes its meters at the housekeeping interval. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    KinesisMetrics kinesisMetrics(MeterRegistry registry, Regions regions, TrafficMeter traffic) {
        return new KinesisMetrics(registry, regions, traffic);
    }

    /**
     * Calls on the AWS edge ({@code POST /}) are counted by the Kinesis metrics already; timing each one again
     * as {@code http.server.requests} cost about a quarter of PutRecord's throughput (docs/BENCHMARKS.md). REST
     * and console requests keep their HTTP metrics.
     */
    @Bean
    ObservationPredicate awsEdgeNotTimedTwice() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && AwsEdgeRequests.isAwsRequest(server.getCarrier()));
    }

    @Bean
    SchedulingConfigurer kinesisMetricsRefresh(KinesisMetrics metrics, RunnelProperties properties) {
        return (ScheduledTaskRegistrar registrar) ->
                registrar.addFixedDelayTask(metrics::refresh, properties.streams().housekeepingInterval());
    }
}
