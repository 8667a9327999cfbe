package dev.runnel.console;

import dev.runnel.leasestore.NewTable;
import dev.runnel.leasestore.RegionTables;
import dev.runnel.leasestore.model.AttributeValue;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lease tables and lease items as a KCL application writes them (attribute names of KCL's {@code
 * DynamoDBLeaseSerializer}), for the KCL view's tests.
 */
final class LeaseItems {

    static final String REGION = "us-east-1";

    private LeaseItems() {}

    /** An empty region of the lease store. */
    static RegionTables region() {
        return new RegionTables(REGION, "000000000000", 32, 1 << 20, InstantSource.fixed(Instant.EPOCH));
    }

    /** Creates a table keyed by {@code key} alone (HASH, of {@code type}); KCL's lease table is "leaseKey", "S". */
    static void table(RegionTables tables, String name, String key, String type) {
        tables.create(new NewTable(
                name,
                List.of(new NewTable.KeyElement(key, "HASH")),
                Map.of(key, type),
                "PAY_PER_REQUEST",
                null,
                null,
                List.of(),
                false));
    }

    static void leaseTable(RegionTables tables, String name) {
        table(tables, name, "leaseKey", "S");
    }

    /** A lease item; {@code owner} and {@code checkpoint} may be null (left out). */
    static Map<String, AttributeValue> lease(String leaseKey, String owner, long counter, String checkpoint) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("leaseKey", AttributeValue.s(leaseKey));
        if (owner != null) {
            item.put("leaseOwner", AttributeValue.s(owner));
        }
        item.put("leaseCounter", AttributeValue.n(counter));
        if (checkpoint != null) {
            item.put("checkpoint", AttributeValue.s(checkpoint));
            item.put("checkpointSubSequenceNumber", AttributeValue.n(0));
        }
        item.put("ownerSwitchesSinceCheckpoint", AttributeValue.n(0));
        return item;
    }

    /** The lease with these parents ({@code parentShardId}, a string set). */
    static Map<String, AttributeValue> withParents(Map<String, AttributeValue> lease, String... parents) {
        return with(lease, "parentShardId", new AttributeValue.SS(Set.of(parents)));
    }

    /** The lease with these children ({@code childShardIds}, a string set). */
    static Map<String, AttributeValue> withChildren(Map<String, AttributeValue> lease, String... children) {
        return with(lease, "childShardIds", new AttributeValue.SS(Set.of(children)));
    }

    /** A multi-stream application's lease: key {@code account:stream:epoch:shardId}, with streamName and shardId. */
    static Map<String, AttributeValue> multiStreamLease(
            String streamIdentifier, String shardId, String owner, long counter, String checkpoint) {
        Map<String, AttributeValue> item = lease(streamIdentifier + ":" + shardId, owner, counter, checkpoint);
        item.put("streamName", AttributeValue.s(streamIdentifier));
        item.put("shardId", AttributeValue.s(shardId));
        return item;
    }

    static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name, AttributeValue value) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put(name, value);
        return copy;
    }

    static void put(RegionTables tables, String table, Map<String, AttributeValue> item) {
        tables.put(table, item, null, false);
    }
}
