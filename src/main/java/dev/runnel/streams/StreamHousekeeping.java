package dev.runnel.streams;

import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import dev.runnel.system.RunnelProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Runs {@link StreamService#housekeeping()} for every region in the background at the configured interval. */
@Component
class StreamHousekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StreamHousekeeping.class);

    private final Regions regions;
    private final RunnelProperties properties;

    StreamHousekeeping(Regions regions, RunnelProperties properties) {
        this.regions = regions;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::run, properties.streams().housekeepingInterval());
    }

    void run() {
        try {
            long freed = 0;
            for (RegionServices region : regions.all()) {
                freed += region.streams().housekeeping();
            }
            if (freed > 0) {
                log.debug("Retention freed {} bytes", freed);
            }
        } catch (RuntimeException e) {
            log.error("Housekeeping failed; it will run again", e);
        }
    }
}
