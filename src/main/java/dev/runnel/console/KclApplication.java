package dev.runnel.console;

import dev.runnel.core.stream.Stream;
import dev.runnel.streams.ShardBacklog;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A KCL application reading the stream, as the stream page's "KCL applications" section shows it: its leases (one
 * per shard) with owner, checkpoint and lag, and its workers. Read-only: KCL writes the lease table.
 *
 * @param name the application's name: its lease table's
 * @param multiStream whether the table holds leases of several streams (only this stream's are shown)
 * @param matchedByShardIds whether the table was matched by shard ids that other streams have too (see {@link
 *     LeaseTableFinder})
 * @param recordsPerSecond the records per second the application processed recently, from {@link
 *     ProcessedRecordsRate}; null when unknown
 * @param leases a row per lease, by shard id
 * @param workers the workers holding leases, by id
 * @param unownedLeases leases no worker holds
 */
public record KclApplication(
        String name,
        boolean multiStream,
        boolean matchedByShardIds,
        Double recordsPerSecond,
        List<LeaseRow> leases,
        List<Worker> workers,
        int unownedLeases) {

    /** A worker of the application and how many of the stream's leases it holds. */
    public record Worker(String id, int leases) {}

    /** e.g. "12.5 records/s"; "—" when unknown. */
    public String rateText() {
        return recordsPerSecond == null ? "—" : String.format(Locale.ROOT, "%,.1f records/s", recordsPerSecond);
    }

    /**
     * @param match the lease table and its leases for the stream
     * @param recordsPerSecond the application's recent processed-records rate, or null when unknown
     */
    static KclApplication of(
            LeaseTableFinder.Match match, Stream stream, ShardBacklog backlog, Instant now, Double recordsPerSecond) {
        Map<String, KclLease> byShard =
                match.leases().stream().collect(Collectors.toMap(KclLease::shardId, Function.identity(), (a, b) -> a));
        List<LeaseRow> rows = match.leases().stream()
                .map(lease -> row(lease, byShard, stream, backlog, now))
                .toList();
        Map<String, Integer> owners = new TreeMap<>();
        int unowned = 0;
        for (KclLease lease : match.leases()) {
            if (lease.owner() == null) {
                unowned++;
            } else {
                owners.merge(lease.owner(), 1, Integer::sum);
            }
        }
        return new KclApplication(
                match.tableName(),
                match.multiStream(),
                match.matchedByShardIds(),
                recordsPerSecond,
                rows,
                owners.entrySet().stream()
                        .map(e -> new Worker(e.getKey(), e.getValue()))
                        .toList(),
                unowned);
    }

    private static LeaseRow row(
            KclLease lease, Map<String, KclLease> byShard, Stream stream, ShardBacklog backlog, Instant now) {
        boolean waiting = lease.parentShardIds().stream()
                .map(byShard::get)
                .anyMatch(parent -> parent != null && !parent.finished());
        List<String> children = List.of();
        if (lease.finished()) {
            children = lease.childShardIds().isEmpty()
                    ? lease.shardIn(stream).stream()
                            .flatMap(shard -> stream.children(shard.id()).stream())
                            .map(child -> child.id().toString())
                            .toList()
                    : lease.childShardIds();
        }
        return new LeaseRow(
                lease.shardId(),
                lease.owner(),
                lease.checkpoint(),
                LeaseRow.checkpointText(lease.checkpoint()),
                lease.leaseCounter(),
                LeaseLag.of(lease, stream, backlog, now),
                lease.parentShardIds(),
                waiting,
                children);
    }

    /**
     * One lease: one shard's progress in the application.
     *
     * @param owner the worker holding it; null when none does
     * @param checkpoint as KCL stored it; null when absent
     * @param checkpointText the checkpoint for display: a sequence number shortened to its last digits, a sentinel
     *     as words
     * @param waitingForParent whether a parent shard's lease exists and has not reached the parent's end, so KCL
     *     does not process this shard yet
     * @param childShardIds for a finished shard, the shards that replaced it; empty otherwise
     */
    public record LeaseRow(
            String shardId,
            String owner,
            String checkpoint,
            String checkpointText,
            long leaseCounter,
            LeaseLag lag,
            List<String> parentShardIds,
            boolean waitingForParent,
            List<String> childShardIds) {

        private static final int SHOWN_DIGITS = 10;

        /** Whether the checkpoint is a sequence number (shown as code), not a sentinel (shown as words). */
        public boolean checkpointIsSequenceNumber() {
            return checkpoint != null
                    && !checkpoint.isEmpty()
                    && checkpoint.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        public String ownerText() {
            return owner == null ? "unowned" : owner;
        }

        static String checkpointText(String checkpoint) {
            if (checkpoint == null) {
                return "none";
            }
            return switch (checkpoint) {
                case "TRIM_HORIZON" -> "trim horizon";
                case "LATEST" -> "latest";
                case KclLease.SHARD_END -> "shard end";
                case "AT_TIMESTAMP" -> "at timestamp";
                default ->
                    checkpoint.length() > SHOWN_DIGITS + 1
                            ? "…" + checkpoint.substring(checkpoint.length() - SHOWN_DIGITS)
                            : checkpoint;
            };
        }
    }
}
