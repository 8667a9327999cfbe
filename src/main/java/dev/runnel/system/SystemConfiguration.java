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
import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import dev.runnel.settings.HeapPlan;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.NodeGroup;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;
import dev.runnel.throttling.Bucket4jThrottler;
import dev.runnel.throttling.ControlPlaneLimits;
import dev.runnel.throttling.Throttler;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The clock, the live storage adapters ({@link StorageAdapters}) and the per-region services: the only place that
 * touches the system clock or knows which adapters run. The REST API and the console use the default region's services.
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
     * The storage adapters, within the budget {@link HeapPlan} allows: a start whose budgets do not fit in the heap
     * is refused here, before the server takes connections ({@link StartRefusedFailureAnalyzer} reports it).
     */
    @Bean
    StorageAdapters storageAdapters(RunnelProperties properties) {
        HeapPlan plan = HeapPlan.of(properties);
        plan.check();
        log.info(
                "Memory budgets: {} MiB of records, {} MiB of reads and {} MiB of request bodies in flight, of a {} MiB heap",
                plan.storageBytes() >> 20,
                plan.readBytes() >> 20,
                plan.requestBytes() >> 20,
                plan.maxHeapBytes() >> 20);
        return StorageAdapters.of(properties, plan);
    }

    @Bean
    ShardLogStore shardLogStore(StorageAdapters adapters) {
        return adapters.logs();
    }

    /** The lease store; with durable storage it keeps its tables in the data directory and loads them here. */
    @Bean
    LeaseStore leaseStore(RunnelProperties properties, InstantSource clock, StorageAdapters adapters) {
        return new LeaseStore(
                properties.accountId(),
                properties.kcl().maxTables(),
                properties.kcl().maxStoredBytes().toBytes(),
                clock,
                adapters.leaseTables(),
                adapters.storedRegions());
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

    /** The nodes sharing the store: this process alone, or a Kafka cluster's nodes. */
    @Bean
    NodeGroup nodeGroup(StorageAdapters adapters) {
        return adapters.nodes();
    }

    /** Per-shard limits, split evenly between the live nodes that share the store. */
    @Bean
    Throttler throttler(RunnelProperties properties, InstantSource clock, NodeGroup nodes) {
        return new Bucket4jThrottler(properties.limits(), clock, nodes::size);
    }

    /**
     * Every region's services. With durable storage, the regions that stored streams are opened at once, the shard
     * logs no stream references (debris of a crash between a log step and a catalog step) are dropped, and seals
     * of resharding changes that never published are undone, all before the first request.
     */
    @Bean
    Regions regions(
            StorageAdapters adapters,
            InstantSource clock,
            RunnelProperties properties,
            TrafficMeter traffic,
            Throttler throttler) {
        Regions regions = new Regions(
                adapters.regions(), adapters.iteratorSecret(), adapters.logs(), clock, properties, traffic, throttler);
        List<String> stored = adapters.storedRegions();
        if (!stored.isEmpty()) {
            boolean allServed = true;
            for (String region : stored) {
                if (regions.find(region).isEmpty()) {
                    allServed = false;
                    log.warn(
                            "Streams or lease tables stored for region {} are not served: it is not in runnel.regions",
                            region);
                }
            }
            int streams = 0;
            int unsealed = 0;
            for (RegionServices region : regions.all()) {
                streams += region.streams().stored().size();
                unsealed += region.resharding().repairSeals();
            }
            // Logs of an unserved region's streams, or of a stream whose file was set aside as unreadable, would look
            // unreferenced: keep everything then.
            boolean keepAll = !allServed || adapters.hasStreamFilesSetAside();
            if (keepAll) {
                log.warn("Keeping shard logs that no stream references: a region is not served or a stream file was"
                        + " set aside as unreadable");
            }
            int dropped = keepAll ? 0 : regions.dropUnreferencedLogs();
            log.info(
                    "Recovered {} streams in {} regions; dropped {} shard logs no stream referenced, unsealed {} of"
                            + " resharding changes that never published",
                    streams,
                    regions.all().size(),
                    dropped,
                    unsealed);
        }
        return regions;
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
