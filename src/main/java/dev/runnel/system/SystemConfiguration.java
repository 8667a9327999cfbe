package dev.runnel.system;

import dev.runnel.faults.FaultInjection;
import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.insight.Insights;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.leasestore.LeaseStore;
import dev.runnel.metricsink.MetricSink;
import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.records.Subscriptions;
import dev.runnel.regions.Regions;
import dev.runnel.settings.HeapPlan;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.settings.Storage;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;
import dev.runnel.throttling.Bucket4jThrottler;
import dev.runnel.throttling.ControlPlaneLimits;
import dev.runnel.throttling.Throttler;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The clock, the live storage adapter and the per-region services: the only place that touches the system
 * clock or knows which adapter runs. The REST API and the console use the default region's services.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunnelProperties.class)
@EnableScheduling
public class SystemConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SystemConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    InstantSource clock() {
        return InstantSource.system();
    }

    /**
     * The store, within the budget {@link HeapPlan} allows: a start whose budgets do not fit in the heap is refused
     * here, before the server takes connections ({@link HeapTooSmallFailureAnalyzer} reports it).
     */
    @Bean
    ShardLogStore shardLogStore(RunnelProperties properties) {
        HeapPlan plan = HeapPlan.of(properties);
        plan.check();
        log.info(
                "Memory budgets: {} MiB of records, {} MiB of reads and {} MiB of request bodies in flight, of a {} MiB heap",
                plan.storageBytes() >> 20,
                plan.readBytes() >> 20,
                plan.requestBytes() >> 20,
                plan.maxHeapBytes() >> 20);
        Storage storage = properties.storage();
        return new InMemoryShardLogStore(
                plan.storageBytes(), (int) storage.segmentSize().toBytes(), storage.segmentRecords());
    }

    @Bean
    LeaseStore leaseStore(RunnelProperties properties, InstantSource clock) {
        return new LeaseStore(
                properties.accountId(),
                properties.kcl().maxTables(),
                properties.kcl().maxStoredBytes().toBytes(),
                clock);
    }

    @Bean
    TrafficMeter trafficMeter() {
        return new InMemoryTrafficMeter();
    }

    @Bean
    FaultInjection faultInjection(RunnelProperties properties) {
        return new FaultInjection(properties.faults());
    }

    @Bean
    ControlPlaneLimits controlPlaneLimits(RunnelProperties properties, InstantSource clock) {
        return new ControlPlaneLimits(properties.limits().controlPlane(), clock);
    }

    @Bean
    Insights insights(TrafficMeter traffic, RunnelProperties properties) {
        return new Insights(traffic, properties.insight().hotShare());
    }

    @Bean
    Throttler throttler(RunnelProperties properties, InstantSource clock) {
        return new Bucket4jThrottler(properties.limits(), clock);
    }

    @Bean
    Regions regions(
            ShardLogStore logs,
            InstantSource clock,
            RunnelProperties properties,
            TrafficMeter traffic,
            Throttler throttler) {
        return new Regions(region -> new InMemoryStreamCatalog(), logs, clock, properties, traffic, throttler);
    }

    /** The CloudWatch edge's store of the metric data KCL applications put, per region. */
    @Bean
    MetricSink metricSink(RunnelProperties properties, InstantSource clock) {
        return MetricSink.of(properties.kcl(), clock);
    }

    @Bean
    StreamService streamService(Regions regions) {
        return regions.defaultRegion().streams();
    }

    @Bean
    StreamSettingsService streamSettingsService(Regions regions) {
        return regions.defaultRegion().settings();
    }

    @Bean
    ReshardingService reshardingService(Regions regions) {
        return regions.defaultRegion().resharding();
    }

    @Bean
    ShardIteratorService shardIteratorService(Regions regions) {
        return regions.defaultRegion().iterators();
    }

    @Bean
    RecordService recordService(Regions regions) {
        return regions.defaultRegion().records();
    }

    @Bean
    Subscriptions subscriptions(Regions regions) {
        return regions.defaultRegion().subscriptions();
    }
}
