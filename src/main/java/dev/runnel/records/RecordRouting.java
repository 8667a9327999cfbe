package dev.runnel.records;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.PartitionKeys;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.Stream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which hash key a record goes to, by its stream's record distribution strategy. Under USER_PARTITION_KEY it is
 * the explicit hash key, or else the MD5 of the partition key, which is then required. Under AUTO partition keys
 * and explicit hash keys are ignored and may be left out: each record takes a uniformly random hash key, so
 * records spread evenly over the open shards in proportion to their hash-key ranges (equal for the uniform layouts
 * of ON_DEMAND streams), with no state to share between writers. Stateless.
 */
final class RecordRouting {

    private RecordRouting() {}

    /**
     * The record ready to route: a record without a partition key is stored with an empty one under AUTO (and
     * read back without one); under USER_PARTITION_KEY its missing key is a violation added to {@code check}.
     *
     * @param prefix the record's member path, empty or {@code records.3.}
     */
    static RecordInput keyed(Stream stream, RecordInput record, Constraints check, String prefix) {
        if (record.partitionKey() != null) {
            return record;
        }
        if (isAuto(stream)) {
            return new RecordInput("", record.data(), record.explicitHashKey());
        }
        check.required(prefix + "partitionKey", null);
        return record;
    }

    /** The record's hash key; a record routed by its keys must have passed {@link #keyed}. */
    static HashKey hashKeyOf(Stream stream, RecordInput record) {
        if (isAuto(stream)) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return new HashKey(random.nextLong(), random.nextLong());
        }
        return record.explicitHashKey() != null
                ? HashKey.parseExplicit(record.explicitHashKey())
                : PartitionKeys.hashKey(record.partitionKey());
    }

    private static boolean isAuto(Stream stream) {
        return stream.features().recordDistribution() == RecordDistribution.AUTO;
    }
}
