package dev.runnel.leasestore;

import static dev.runnel.leasestore.model.AttributeValue.n;
import static dev.runnel.leasestore.model.AttributeValue.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.leasestore.expression.Update;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.InternalServerErrorException;
import dev.runnel.leasestore.model.LimitExceededException;
import dev.runnel.storage.BlobStore;
import dev.runnel.storage.file.FileBlobStore;
import dev.runnel.storage.memory.InMemoryBlobStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease store kept in blob stores: a restart finds every table as it was, and a failed save changes nothing. */
class DurableLeaseStoreTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2025-03-04T05:06:07.123456789Z"));
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    @TempDir
    Path root;

    private LeaseStore open(int maxTables, long maxBytes) {
        return new LeaseStore(
                "123456789012", maxTables, maxBytes, CLOCK, r -> new FileBlobStore(root.resolve(r)), REGIONS);
    }

    private static NewTable.KeyElement hash(String name) {
        return new NewTable.KeyElement(name, "HASH");
    }

    private static NewTable.KeyElement range(String name) {
        return new NewTable.KeyElement(name, "RANGE");
    }

    private static NewTable leaseTable(String name) {
        return new NewTable(
                name,
                List.of(hash("leaseKey")),
                Map.of("leaseKey", "S", "leaseOwner", "S", "counter", "N"),
                "PAY_PER_REQUEST",
                null,
                null,
                List.of(
                        new NewTable.NewIndex(
                                "owners",
                                List.of(hash("leaseOwner"), range("leaseKey")),
                                "KEYS_ONLY",
                                List.of(),
                                null,
                                null),
                        new NewTable.NewIndex(
                                "byCounter",
                                List.of(hash("counter")),
                                "INCLUDE",
                                List.of("checkpoint", "owner"),
                                null,
                                null)),
                true);
    }

    private static NewTable plainTable(String name) {
        return new NewTable(
                name,
                List.of(hash("leaseKey")),
                Map.of("leaseKey", "S"),
                "PAY_PER_REQUEST",
                null,
                null,
                List.of(),
                false);
    }

    private static NewTable metricsTable(String name) {
        return new NewTable(
                name,
                List.of(hash("id"), range("sk")),
                Map.of("id", "N", "sk", "B"),
                "PROVISIONED",
                5L,
                7L,
                List.of(),
                false);
    }

    /** One item with every attribute type, nested ones and edge values included. */
    private static Map<String, AttributeValue> everyType(String key, int variant) {
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("z", n("1E+125"));
        inner.put("a", new AttributeValue.L(List.of(new AttributeValue.Null(), AttributeValue.bool(false))));
        inner.put("empty", new AttributeValue.M(Map.of()));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("leaseKey", s(key));
        item.put("leaseOwner", s("worker-" + variant));
        item.put("counter", n(variant));
        item.put("text", s("ünïcödé ✓ \uD83D\uDE00 lone \uD800 surrogate, \"quotes\" \\ and \n newline"));
        item.put("emptyText", s(""));
        item.put("exact", n("-12345678901234567890.123456789012345670"));
        item.put("tiny", n("0.0000000000000000000000000000001"));
        item.put("binary", AttributeValue.b(new byte[] {0, -1, 127, -128, (byte) variant}));
        item.put("emptyBinary", AttributeValue.b(new byte[0]));
        item.put("yes", AttributeValue.bool(true));
        item.put("nothing", new AttributeValue.Null());
        item.put("strings", new AttributeValue.SS(new LinkedHashSet<>(List.of("b", "a", "c"))));
        item.put(
                "numbers",
                new AttributeValue.NS(new LinkedHashSet<>(
                        List.of(new BigDecimal("3.10"), new BigDecimal("-2"), new BigDecimal("1E+3")))));
        item.put(
                "binaries",
                new AttributeValue.BS(new LinkedHashSet<>(List.of(
                        new AttributeValue.Bytes(new byte[] {2}), new AttributeValue.Bytes(new byte[] {1, 0})))));
        item.put(
                "list",
                new AttributeValue.L(
                        List.of(s("x"), n(2), new AttributeValue.M(inner), new AttributeValue.L(List.of()))));
        item.put("map", new AttributeValue.M(inner));
        return item;
    }

    private static Update set(String attribute, AttributeValue value) {
        return new Update() {
            @Override
            public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
                Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
                copy.put(attribute, value);
                return copy;
            }

            @Override
            public Set<String> topLevelAttributes() {
                return Set.of(attribute);
            }
        };
    }

    private static Map<String, AttributeValue> metric(long id, int sk, String value) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", n(id));
        item.put("sk", AttributeValue.b(new byte[] {(byte) sk}));
        item.put("value", s(value));
        return item;
    }

    /**
     * Every table of every region as DescribeTable shows it (its view, compared by equality), and every item as the
     * wire would write it (its JSON text: exact types, number texts and attribute order).
     */
    private static List<Object> snapshot(LeaseStore store) {
        List<Object> lines = new java.util.ArrayList<>();
        for (String region : REGIONS) {
            RegionTables tables = store.region(region);
            for (TableView view : tables.tables()) {
                lines.add(List.of(region, view));
                for (Map<String, AttributeValue> item :
                        tables.items(view.definition().name())) {
                    lines.add("  " + AttributeValueJson.write(item));
                }
            }
        }
        return lines;
    }

    @Test
    void aRestartFindsEveryTableDefinitionAndItemExactlyAsTheyWere() {
        LeaseStore store = open(10, 1 << 20);
        RegionTables east = store.region("us-east-1");
        RegionTables west = store.region("eu-west-1");
        east.create(leaseTable("leases"));
        east.create(metricsTable("Metrics.Table-1"));
        east.create(metricsTable("doomed"));
        west.create(leaseTable("Coordinator"));
        for (int i = 0; i < 5; i++) {
            east.put("leases", everyType("shardId-00000000000" + i, i), null, false);
            west.put("Coordinator", everyType("lease-" + i, i), null, false);
            east.put("Metrics.Table-1", metric(i, 10 - i, "v" + i), null, false);
        }
        east.put("doomed", metric(1, 1, "x"), null, false);
        east.update(
                "leases",
                Map.of("leaseKey", s("shardId-000000000001")),
                set("checkpoint", s("TRIM_HORIZON")),
                null,
                false);
        east.update("leases", Map.of("leaseKey", s("shardId-000000000009")), set("owner", s("new")), null, false);
        east.delete("leases", Map.of("leaseKey", s("shardId-000000000002")), null, false);
        east.transact(List.of(
                new TransactAction.Put("leases", everyType("shardId-000000000007", 7), null, false),
                new TransactAction.UpdateItem(
                        "Metrics.Table-1",
                        Map.of("id", n(3), "sk", AttributeValue.b(new byte[] {7})),
                        set("value", n("42.50")),
                        null,
                        false),
                new TransactAction.Delete(
                        "Metrics.Table-1", Map.of("id", n(0), "sk", AttributeValue.b(new byte[] {10})), null, false),
                new TransactAction.Check(
                        "leases", Map.of("leaseKey", s("shardId-000000000000")), item -> true, false)));
        east.update(
                "Metrics.Table-1",
                new TableUpdate(
                        Map.of("value", "S"),
                        List.of(new NewTable.NewIndex("byValue", List.of(hash("value")), "ALL", List.of(), 3L, 4L)),
                        List.of(),
                        null,
                        9L,
                        11L,
                        true));
        east.update("leases", new TableUpdate(null, List.of(), List.of("byCounter"), null, null, null, null));
        east.pointInTimeRecovery("leases", true);
        east.update("doomed", new TableUpdate(null, List.of(), List.of(), null, null, null, false));
        east.delete("doomed");
        List<Object> before = snapshot(store);
        // Three tables: leases (6 items), Metrics.Table-1 (4) and, in eu-west-1, Coordinator (5).
        assertThat(before).hasSize(3 + 6 + 4 + 5);

        LeaseStore reopened = open(10, 1 << 20);

        assertThat(snapshot(reopened)).containsExactlyElementsOf(before);
        assertThat(reopened.regions()).extracting(RegionTables::region).containsExactlyInAnyOrderElementsOf(REGIONS);
        TableDefinition leases = reopened.region("us-east-1").describe("leases").definition();
        assertThat(leases).isEqualTo(east.describe("leases").definition());
        assertThat(leases.pointInTimeRecovery()).isTrue();
        assertThat(leases.deletionProtection()).isTrue();
        assertThat(leases.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(reopened.region("us-east-1").get("leases", Map.of("leaseKey", s("shardId-000000000001"))))
                .hasValueSatisfying(item -> assertThat(item.get("checkpoint")).isEqualTo(s("TRIM_HORIZON")));
        assertThat(reopened.region("us-east-1").names(null, 10)).containsExactly("Metrics.Table-1", "leases");

        // The reloaded store carries on, and a second restart finds that too.
        reopened.region("us-east-1").put("leases", everyType("shardId-000000000002", 2), null, false);
        List<Object> after = snapshot(reopened);
        assertThat(snapshot(open(10, 1 << 20))).containsExactlyElementsOf(after);
    }

    @Test
    void theBudgetIsChargedWithWhatWasLoaded() {
        LeaseStore store = open(2, 4096);
        store.region("us-east-1").create(plainTable("leases"));
        store.region("eu-west-1").create(plainTable("leases"));
        store.region("us-east-1").put("leases", Map.of("leaseKey", s("a"), "pad", s("x".repeat(3000))), null, false);

        LeaseStore reopened = open(2, 4096);

        assertThatThrownBy(() -> reopened.region("us-east-1").create(plainTable("third")))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> reopened.region("eu-west-1")
                        .put("leases", Map.of("leaseKey", s("b"), "pad", s("y".repeat(1500))), null, false))
                .isInstanceOf(LimitExceededException.class);
        reopened.region("eu-west-1").put("leases", Map.of("leaseKey", s("b"), "pad", s("y".repeat(500))), null, false);
        reopened.region("eu-west-1").delete("leases");
        reopened.region("eu-west-1").create(plainTable("third"));
    }

    @Test
    void storesOverALoweredBudgetKeepTheirTablesButRefuseGrowth() {
        LeaseStore store = open(3, 1 << 20);
        store.region("us-east-1").create(plainTable("one"));
        store.region("us-east-1").create(plainTable("two"));
        store.region("us-east-1").create(plainTable("three"));

        LeaseStore lowered = open(2, 1 << 20);

        assertThat(lowered.region("us-east-1").names(null, 10)).containsExactly("one", "three", "two");
        assertThatThrownBy(() -> lowered.region("eu-west-1").create(plainTable("four")))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aStoredTableThatCannotBeReadIsSetAsideAndTheOthersLoad() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        LeaseStore store = new LeaseStore("1", 5, 1 << 20, CLOCK, eastOnly(blobs), List.of("us-east-1"));
        store.region("us-east-1").create(leaseTable("good"));
        store.region("us-east-1").create(leaseTable("moved"));
        blobs.put("broken", "{\"format\": 1, \"name\": \"broken\"}".getBytes(StandardCharsets.UTF_8));
        blobs.put("future", "{\"format\": 2}".getBytes(StandardCharsets.UTF_8));
        blobs.put("renamed", blobs.loadAll().get("moved"));

        LeaseStore reopened = new LeaseStore("1", 5, 1 << 20, CLOCK, eastOnly(blobs), List.of("us-east-1"));

        assertThat(reopened.region("us-east-1").names(null, 10)).containsExactly("good", "moved");
        assertThat(blobs.setAsideCount()).isEqualTo(3);
        assertThat(blobs.loadAll()).containsOnlyKeys("good", "moved");
    }

    @Test
    void aChangeThatCannotBeSavedIsRefusedWithA500AndChangesNothing() {
        FailingBlobStore blobs = new FailingBlobStore();
        LeaseStore store = new LeaseStore("1", 3, 2048, CLOCK, eastOnly(blobs), List.of());
        RegionTables tables = store.region("us-east-1");
        tables.create(leaseTable("leases"));
        tables.create(metricsTable("metrics"));
        tables.put("leases", Map.of("leaseKey", s("a"), "counter", n(1)), null, false);
        tables.put("metrics", metric(1, 1, "one"), null, false);
        List<Object> before = snapshot(store);
        Map<String, byte[]> saved = blobs.loadAll();
        Map<String, AttributeValue> big = Map.of("leaseKey", s("big"), "pad", s("p".repeat(1500)));

        blobs.failing.addAll(Set.of("leases", "metrics", "new"));
        List<Runnable> changes = List.of(
                () -> tables.create(leaseTable("new")),
                () -> tables.update(
                        "leases", new TableUpdate(null, List.of(), List.of("owners"), null, null, null, false)),
                () -> tables.pointInTimeRecovery("leases", true),
                () -> tables.delete("metrics"),
                () -> tables.put("leases", big, null, false),
                () -> tables.update("leases", Map.of("leaseKey", s("a")), set("counter", n(2)), null, false),
                () -> tables.delete("leases", Map.of("leaseKey", s("a")), null, false),
                () -> tables.transact(List.of(new TransactAction.Put("leases", big, null, false))));
        for (Runnable change : changes) {
            assertThatThrownBy(change::run).isInstanceOfSatisfying(InternalServerErrorException.class, e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.wireType()).isEqualTo("com.amazonaws.dynamodb.v20120810#InternalServerError");
            });
            assertThat(snapshot(store)).containsExactlyElementsOf(before);
        }
        // A transaction whose first table saves and second fails: the first is put back, in memory and stored.
        blobs.failing.clear();
        blobs.failing.add("metrics");
        assertThatThrownBy(() -> tables.transact(List.of(
                        new TransactAction.Put("leases", Map.of("leaseKey", s("b")), null, false),
                        new TransactAction.Put("metrics", metric(2, 2, "two"), null, false))))
                .isInstanceOf(InternalServerErrorException.class);
        assertThat(snapshot(store)).containsExactlyElementsOf(before);
        assertThat(blobs.loadAll()).containsOnlyKeys(saved.keySet());
        saved.forEach(
                (name, bytes) -> assertThat(blobs.loadAll().get(name)).as(name).isEqualTo(bytes));

        // Nothing refused was charged: the budget still takes the big item and a third table.
        blobs.failing.clear();
        tables.put("leases", big, null, false);
        tables.create(leaseTable("new"));
        assertThat(snapshot(new LeaseStore("1", 3, 2048, CLOCK, eastOnly(blobs), List.of("us-east-1"))))
                .containsExactlyElementsOf(snapshot(store));
    }

    @Test
    void aShrinkingWriteThatCannotBeSavedOverALoweredBudgetIsStillA500() {
        FailingBlobStore blobs = new FailingBlobStore();
        new LeaseStore("1", 3, 8192, CLOCK, eastOnly(blobs), List.of())
                .region("us-east-1")
                .create(plainTable("leases"));
        new LeaseStore("1", 3, 8192, CLOCK, eastOnly(blobs), List.of("us-east-1"))
                .region("us-east-1")
                .put("leases", Map.of("leaseKey", s("a"), "pad", s("x".repeat(3000))), null, false);
        RegionTables over =
                new LeaseStore("1", 3, 1024, CLOCK, eastOnly(blobs), List.of("us-east-1")).region("us-east-1");
        blobs.failing.add("leases");

        assertThatThrownBy(() -> over.delete("leases", Map.of("leaseKey", s("a")), null, false))
                .isInstanceOf(InternalServerErrorException.class);

        blobs.failing.clear();
        assertThatThrownBy(() -> over.put("leases", Map.of("leaseKey", s("b")), null, false))
                .isInstanceOf(LimitExceededException.class);
        over.delete("leases", Map.of("leaseKey", s("a")), null, false);
        over.put("leases", Map.of("leaseKey", s("b")), null, false);
    }

    private static java.util.function.Function<String, BlobStore> eastOnly(BlobStore blobs) {
        return region -> region.equals("us-east-1") ? blobs : BlobStore.NONE;
    }

    /** Keeps blobs in memory; a put or delete of a name in {@link #failing} throws, as a full disk would. */
    private static final class FailingBlobStore implements BlobStore {

        final Set<String> failing = new HashSet<>();
        private final InMemoryBlobStore blobs = new InMemoryBlobStore();

        @Override
        public Map<String, byte[]> loadAll() {
            return blobs.loadAll();
        }

        @Override
        public void put(String name, byte[] bytes) {
            fail(name);
            blobs.put(name, bytes);
        }

        @Override
        public void delete(String name) {
            fail(name);
            blobs.delete(name);
        }

        @Override
        public void setAside(String name) {
            blobs.setAside(name);
        }

        private void fail(String name) {
            if (failing.contains(name)) {
                throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
            }
        }
    }
}
