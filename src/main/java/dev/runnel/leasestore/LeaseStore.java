package dev.runnel.leasestore;

import dev.runnel.storage.BlobStore;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runnel's built-in lease store: the part of DynamoDB that the Kinesis Client Library calls for its lease,
 * worker-metrics and coordinator-state tables, kept in memory per region ({@link RegionTables}) and, in durable
 * mode, in each region's {@link BlobStore} (one blob per table, replaced whole on every change), so that leases and
 * checkpoints survive a restart. Not a general DynamoDB: no streams, TTL, backups or PartiQL; the DynamoDB edge
 * answers other operations with UnknownOperationException. Thread-safe.
 */
public final class LeaseStore {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseStore.class);

    private final String accountId;
    private final StoreBudget budget;
    private final InstantSource clock;
    private final Function<String, BlobStore> blobs;
    private final ConcurrentMap<String, RegionTables> regions = new ConcurrentHashMap<>();

    /**
     * A store kept in memory only.
     *
     * @param maxTables tables the store may hold, all regions together ({@code runnel.kcl.max-tables})
     * @param maxStoredBytes item bytes the store may hold, all regions together ({@code runnel.kcl.max-stored-bytes})
     */
    public LeaseStore(String accountId, int maxTables, long maxStoredBytes, InstantSource clock) {
        this(accountId, maxTables, maxStoredBytes, clock, region -> BlobStore.NONE, List.of());
    }

    /**
     * A store that keeps each region's tables in its blob store, and loads at once the tables of {@code stored}
     * regions (other regions load theirs on first use), charging them to the budget.
     *
     * @param blobs the blob store of a region; called once per region
     * @param stored the regions that may have stored tables in an earlier run
     */
    public LeaseStore(
            String accountId,
            int maxTables,
            long maxStoredBytes,
            InstantSource clock,
            Function<String, BlobStore> blobs,
            Collection<String> stored) {
        this.accountId = accountId;
        this.budget = new StoreBudget(maxTables, maxStoredBytes);
        this.clock = clock;
        this.blobs = blobs;
        int tables = 0;
        for (String region : stored) {
            RegionTables loaded = region(region);
            tables += loaded.names(null, Integer.MAX_VALUE).size();
        }
        if (tables > 0) {
            LOG.info("Lease store: loaded {} tables from {} regions", tables, stored.size());
        }
        if (budget.exceeded()) {
            LOG.warn("The lease tables loaded hold more than runnel.kcl.max-tables or runnel.kcl.max-stored-bytes"
                    + " allow; they are kept, and writes that add tables or bytes are refused until they fit");
        }
    }

    /** The tables of a region Runnel serves (the caller checked the name); loaded, or created empty, on first use. */
    public RegionTables region(String region) {
        return regions.computeIfAbsent(region, r -> new RegionTables(r, accountId, budget, clock, blobs.apply(r)));
    }

    /** The regions that have tables (or had them), for the console. */
    public List<RegionTables> regions() {
        return List.copyOf(regions.values());
    }
}
