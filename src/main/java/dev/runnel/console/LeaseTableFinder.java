package dev.runnel.console;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.leasestore.KeySchema;
import dev.runnel.leasestore.RegionTables;
import dev.runnel.leasestore.TableView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the KCL applications reading a stream: the lease tables in the region's lease store that hold leases for
 * it. A KCL application keeps one lease per shard in a table named after the application (by default); the rule:
 *
 * <ol>
 *   <li>The table's key is {@code leaseKey} alone, a string (HASH, type S). Other tables — KCL 3's {@code
 *       <app>-WorkerMetricStats} and {@code <app>-CoordinatorState} among them — are not lease tables. Items
 *       without a string {@code leaseKey} or with an {@code entityType} (KCL 3.5's non-lease items) are not
 *       leases; a table without leases matches no stream.
 *   <li>Multi-stream: when a lease carries a {@code streamName} attribute ({@code account:stream:creationEpoch}),
 *       the table's leases whose stream name part is this stream's name belong to it (the account and creation
 *       epoch are not compared: local setups often make them up). The table matches if there is at least one.
 *   <li>Single-stream: otherwise the table matches if every lease key is the id of a shard of this stream, open
 *       or closed (closed shards stay in the stream until their records expire).
 *   <li>When other live streams match a single-stream table too, the streams with an enhanced fan-out consumer
 *       named like the table win (KCL names its consumer after the application). If none of them has one, or
 *       several do, the table shows under each of those streams, noted as matched by shard ids.
 * </ol>
 */
final class LeaseTableFinder {

    private static final String LEASE_KEY_TYPE = "S";

    /**
     * A lease table holding leases for the stream.
     *
     * @param leases the table's leases for the stream, by shard index
     * @param matchedByShardIds whether other streams' shard ids match too, so the table is only a guess for this one
     */
    record Match(String tableName, boolean multiStream, boolean matchedByShardIds, List<KclLease> leases) {}

    private LeaseTableFinder() {}

    /**
     * @param live every live stream of the region, for the single-stream rule (the stream itself may be among them)
     * @param now for which consumers are still registered
     * @return the matching tables in name order
     */
    static List<Match> find(RegionTables tables, Stream stream, List<Stream> live, Instant now) {
        List<Match> matches = new ArrayList<>();
        for (TableView table : tables.tables()) {
            if (!isLeaseTable(table.definition().keySchema())) {
                continue;
            }
            String name = table.definition().name();
            List<KclLease> leases = tables.items(name).stream()
                    .map(KclLease::of)
                    .flatMap(Optional::stream)
                    .toList();
            match(name, leases, stream, live, now).ifPresent(matches::add);
        }
        return List.copyOf(matches);
    }

    static boolean isLeaseTable(KeySchema key) {
        return key.sortKey().isEmpty()
                && key.partitionKey().name().equals(KclLease.LEASE_KEY)
                && key.partitionKey().type().equals(LEASE_KEY_TYPE);
    }

    static Optional<Match> match(
            String tableName, List<KclLease> leases, Stream stream, List<Stream> live, Instant now) {
        if (leases.isEmpty()) {
            return Optional.empty();
        }
        if (leases.stream().anyMatch(KclLease::multiStream)) {
            List<KclLease> mine = leases.stream()
                    .filter(lease -> stream.name().value().equals(lease.streamName()))
                    .toList();
            return mine.isEmpty() ? Optional.empty() : Optional.of(new Match(tableName, true, false, sorted(mine)));
        }
        Set<String> keys = leases.stream().map(KclLease::leaseKey).collect(Collectors.toSet());
        if (!coversAll(stream, keys)) {
            return Optional.empty();
        }
        List<Stream> matching = new ArrayList<>(List.of(stream));
        live.stream()
                .filter(other -> !other.name().equals(stream.name()) && coversAll(other, keys))
                .forEach(matching::add);
        boolean ambiguous = matching.size() > 1;
        if (ambiguous) {
            List<Stream> named = matching.stream()
                    .filter(s -> hasConsumerNamed(s, tableName, now))
                    .toList();
            if (!named.isEmpty() && !named.contains(stream)) {
                return Optional.empty();
            }
            ambiguous = named.size() != 1;
        }
        return Optional.of(new Match(tableName, false, ambiguous, sorted(leases)));
    }

    private static boolean coversAll(Stream stream, Set<String> leaseKeys) {
        Set<String> shardIds =
                stream.shards().stream().map(Shard::id).map(Object::toString).collect(Collectors.toSet());
        return shardIds.containsAll(leaseKeys);
    }

    private static boolean hasConsumerNamed(Stream stream, String name, Instant now) {
        return stream.consumers().stream().anyMatch(c -> c.name().equals(name) && !c.isGoneAt(now));
    }

    /** Shard ids sort by their digits (KCL's and Runnel's are zero-padded, so text order is index order). */
    private static List<KclLease> sorted(List<KclLease> leases) {
        return leases.stream()
                .sorted(Comparator.comparing(KclLease::shardId).thenComparing(KclLease::leaseKey))
                .toList();
    }
}
