package dev.runnel.streams;

import dev.runnel.core.stream.ScalingEvent;
import java.util.List;

/**
 * Scales ON_DEMAND streams to their write traffic, as Kinesis does: housekeeping asks it to look at every
 * ON_DEMAND stream of a region once per run. Steps go through {@link ReshardingService#scaleOnDemand}, so they
 * obey the shard limit and are recorded in the stream's scaling events.
 *
 * <p>Per-node state: {@link LocalOnDemandScaling} judges from the traffic this process saw; a deployment of
 * several nodes replaces it with one that sees the traffic of all of them (and scales a stream on one node
 * only).
 */
public interface OnDemandScaling {

    /**
     * Looks at every ON_DEMAND stream once and scales those whose traffic calls for it. A stream that cannot
     * scale (shard limit, a concurrent change) is skipped until the next look.
     *
     * @return the steps taken, in the order taken
     */
    List<ScalingEvent> scaleUp();
}
