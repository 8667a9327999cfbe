package dev.runnel.leasestore;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Runnel's built-in lease store: the part of DynamoDB that the Kinesis Client Library calls for its lease,
 * worker-metrics and coordinator-state tables, kept in memory per region ({@link RegionTables}). Not a general
 * DynamoDB: no streams, TTL, backups or PartiQL; the DynamoDB edge answers other operations with
 * UnknownOperationException. Thread-safe.
 */
public final class LeaseStore {

    private final String accountId;
    private final StoreBudget budget;
    private final InstantSource clock;
    private final ConcurrentMap<String, RegionTables> regions = new ConcurrentHashMap<>();

    /**
     * @param maxTables tables the store may hold, all regions together ({@code runnel.kcl.max-tables})
     * @param maxStoredBytes item bytes the store may hold, all regions together ({@code runnel.kcl.max-stored-bytes})
     */
    public LeaseStore(String accountId, int maxTables, long maxStoredBytes, InstantSource clock) {
        this.accountId = accountId;
        this.budget = new StoreBudget(maxTables, maxStoredBytes);
        this.clock = clock;
    }

    /** The tables of a region Runnel serves (the caller checked the name); created empty on first use. */
    public RegionTables region(String region) {
        return regions.computeIfAbsent(region, r -> new RegionTables(r, accountId, budget, clock));
    }

    /** The regions that have tables (or had them), for the console. */
    public List<RegionTables> regions() {
        return List.copyOf(regions.values());
    }
}
