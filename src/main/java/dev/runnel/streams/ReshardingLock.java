package dev.runnel.streams;

import java.util.function.Supplier;

/**
 * Makes the resharding changes of one region mutually exclusive, from sealing the logs of the shards a change
 * closes to publishing the stream version that closes them, so two changes never seal shards for each other and
 * the repair of interrupted changes ({@link ReshardingService#repairSeals()}) never sees one half done. Writes
 * and reads never take it.
 *
 * <p>Per-node state: {@link LocalReshardingLock} excludes the changes of one process; a deployment of several
 * nodes over shared storage replaces it with a lock they all share.
 */
public interface ReshardingLock {

    /**
     * Runs {@code change} while no other change of the region runs; waits for the one under way, if any.
     *
     * @return what {@code change} returns; what it throws propagates
     */
    <T> T exclusively(Supplier<T> change);
}
