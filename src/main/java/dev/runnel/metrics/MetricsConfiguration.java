package dev.runnel.metrics;

import dev.runnel.insight.TrafficMeter;
import dev.runnel.regions.Regions;
import dev.runnel.system.RunnelProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Wires {@link KinesisMetrics} and refreshes its meters at the housekeeping interval. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    KinesisMetrics kinesisMetrics(MeterRegistry registry, Regions regions, TrafficMeter traffic) {
        return new KinesisMetrics(registry, regions, traffic);
    }

    @Bean
    SchedulingConfigurer kinesisMetricsRefresh(KinesisMetrics metrics, RunnelProperties properties) {
        return (ScheduledTaskRegistrar registrar) ->
                registrar.addFixedDelayTask(metrics::refresh, properties.streams().housekeepingInterval());
    }
}
