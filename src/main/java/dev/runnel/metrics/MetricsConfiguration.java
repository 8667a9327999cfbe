package dev.runnel.metrics;

import dev.runnel.insight.TrafficMeter;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Wires {@link KinesisMetrics} and refreshes its meters at the housekeeping interval; gives the framework's meters
 * that have none a description.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    KinesisMetrics kinesisMetrics(MeterRegistry registry, Regions regions, TrafficMeter traffic) {
        return new KinesisMetrics(registry, regions, traffic);
    }

    /**
     * Spring Boot's HTTP observation filter (same name, order and dispatcher types; Boot's own backs off when a
     * filter of this type is registered), leaving out the calls of the AWS edge: see {@link HttpObservationFilter}.
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(
            ObservationRegistry registry,
            ObjectProvider<ServerRequestObservationConvention> conventions,
            ObservationProperties properties) {
        String name = properties.getHttp().getServer().getRequests().getName();
        ServerRequestObservationConvention convention =
                conventions.getIfAvailable(() -> new DefaultServerRequestObservationConvention(name));
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(new HttpObservationFilter(registry, convention));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /**
     * Descriptions for the framework's meters that come without one (Spring MVC's HTTP timers, Tomcat's session
     * gauges), so that no HELP line at {@code /actuator/prometheus} is empty. Runnel's own meters describe
     * themselves where they are registered.
     */
    @Bean
    MeterFilter describeFrameworkMeters() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = FRAMEWORK_DESCRIPTIONS.get(id.getName());
                return description == null || id.getDescription() != null
                        ? id
                        : new Meter.Id(
                                id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType());
            }
        };
    }

    static final Map<String, String> FRAMEWORK_DESCRIPTIONS = Map.of(
            "http.server.requests",
                    "HTTP requests the REST API, the console and the actuator served (calls on the "
                            + "AWS edge, POST /, are counted by runnel.aws.requests instead)",
            "http.server.requests.active", "HTTP requests of the REST API, the console and the actuator under way",
            "tomcat.sessions.active.current", "HTTP sessions active now (Runnel keeps none of its own)",
            "tomcat.sessions.active.max", "Most HTTP sessions active at once",
            "tomcat.sessions.alive.max", "Longest time an expired HTTP session had been alive",
            "tomcat.sessions.created", "HTTP sessions created",
            "tomcat.sessions.expired", "HTTP sessions expired",
            "tomcat.sessions.rejected", "HTTP sessions refused because the most allowed were active");

    @Bean
    SchedulingConfigurer kinesisMetricsRefresh(KinesisMetrics metrics, RunnelProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> registrar.addFixedDelayTask(
                metrics::refresh, properties.streams().housekeepingInterval());
    }
}
