package dev.runnel.system;

import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.NodeGroup;
import dev.runnel.throttling.Throttler;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs {@link dev.runnel.streams.StreamService#housekeeping()}, the recovery rule of interrupted resharding
 * ({@link dev.runnel.streams.ReshardingService#repairSeals()}) and {@link
 * dev.runnel.streams.OnDemandScaling#scaleUp()} for every region in the background at the configured interval: on
 * the node that {@link NodeGroup#leads leads} the nodes sharing the store (every node forgets the traffic and limits of
 * deleted streams itself).
 */
@Component
class StreamHousekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StreamHousekeeping.class);

    private final Regions regions;
    private final TrafficMeter traffic;
    private final Throttler throttler;
    private final RunnelProperties properties;
    private final NodeGroup nodes;
    private final StorageAdapters adapters;

    StreamHousekeeping(
            Regions regions,
            TrafficMeter traffic,
            Throttler throttler,
            RunnelProperties properties,
            NodeGroup nodes,
            StorageAdapters adapters) {
        this.regions = regions;
        this.traffic = traffic;
        this.throttler = throttler;
        this.properties = properties;
        this.nodes = nodes;
        this.adapters = adapters;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::run, properties.streams().housekeepingInterval());
    }

    void run() {
        try {
            long freed = 0;
            Set<Long> live = new HashSet<>();
            boolean leads = nodes.leads();
            if (leads) {
                adapters.regionsInUse().forEach(regions::find); // regions only other nodes have used so far
            }
            for (RegionServices region : regions.all()) {
                if (leads) {
                    freed += region.streams().housekeeping();
                    region.consumers().removeGone();
                    int repaired = region.resharding().repairSeals();
                    if (repaired > 0) {
                        log.warn("Unsealed {} shard logs of resharding changes that were never published", repaired);
                    }
                    region.onDemand().scaleUp();
                }
                region.streams().live().forEach(stream -> live.add(stream.incarnation()));
            }
            traffic.retainOnly(live);
            throttler.retainOnly(live);
            if (freed > 0) {
                log.debug("Retention freed {} bytes", freed);
            }
        } catch (ServiceUnavailableException storeAway) {
            log.warn("Housekeeping skipped, the store does not answer; it will run again: {}", storeAway.getMessage());
        } catch (RuntimeException e) {
            log.error("Housekeeping failed; it will run again", e);
        }
    }
}
