package dev.runnel.leasestore;

import static dev.runnel.leasestore.model.AttributeValue.n;
import static dev.runnel.leasestore.model.AttributeValue.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.expression.KeyCondition;
import dev.runnel.leasestore.expression.Update;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ConditionalCheckFailedException;
import dev.runnel.leasestore.model.LimitExceededException;
import dev.runnel.leasestore.model.ResourceInUseException;
import dev.runnel.leasestore.model.ResourceNotFoundException;
import dev.runnel.leasestore.model.TransactionCanceledException;
import dev.runnel.leasestore.model.ValidationException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegionTablesTest {

    private static final String TABLE = "leases";
    private final RegionTables tables =
            new RegionTables("us-east-1", "123456789012", 4, 64 * 1024, InstantSource.fixed(Instant.EPOCH));

    private static NewTable leaseTable(String name, List<NewTable.NewIndex> indexes, Map<String, String> extra) {
        Map<String, String> definitions = new LinkedHashMap<>(Map.of("leaseKey", "S"));
        definitions.putAll(extra);
        return new NewTable(
                name,
                List.of(new NewTable.KeyElement("leaseKey", "HASH")),
                definitions,
                "PAY_PER_REQUEST",
                null,
                null,
                indexes,
                false);
    }

    private static NewTable.NewIndex ownerIndex() {
        return new NewTable.NewIndex(
                "owners",
                List.of(new NewTable.KeyElement("leaseOwner", "HASH"), new NewTable.KeyElement("leaseKey", "RANGE")),
                "KEYS_ONLY",
                List.of(),
                null,
                null);
    }

    private static Map<String, AttributeValue> lease(String key, String owner) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("leaseKey", s(key));
        if (owner != null) {
            item.put("leaseOwner", s(owner));
        }
        item.put("leaseCounter", n(1));
        return item;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("leaseKey", s(key));
    }

    private static Condition absent() {
        return item -> !item.containsKey("leaseKey");
    }

    @Test
    void aTableIsCreatedOnceWithItsDefinitionAndArn() {
        TableView created = tables.create(leaseTable(TABLE, List.of(), Map.of()));
        assertThat(created.definition().arn()).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/leases");
        assertThat(created.status()).isEqualTo("ACTIVE");
        assertThatThrownBy(() -> tables.create(leaseTable(TABLE, List.of(), Map.of())))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Table already exists: leases");
        assertThat(tables.names(null, 10)).containsExactly(TABLE);
    }

    @Test
    void definitionsMustMatchTheKeysExactly() {
        assertThatThrownBy(() -> tables.create(leaseTable(TABLE, List.of(), Map.of("unused", "S"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("does not exactly match number of attributes defined in AttributeDefinitions");
        assertThatThrownBy(() -> tables.create(new NewTable(
                        TABLE,
                        List.of(new NewTable.KeyElement("leaseKey", "RANGE")),
                        Map.of("leaseKey", "S"),
                        "PAY_PER_REQUEST",
                        null,
                        null,
                        List.of(),
                        false)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        assertThatThrownBy(() -> tables.create(new NewTable(
                        TABLE,
                        List.of(new NewTable.KeyElement("leaseKey", "HASH")),
                        Map.of("leaseKey", "S"),
                        "PROVISIONED",
                        null,
                        null,
                        List.of(),
                        false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must both be specified when BillingMode is PROVISIONED");
    }

    @Test
    void conditionsGuardWritesAndAFailureCarriesTheStoredItemWhenAsked() {
        tables.create(leaseTable(TABLE, List.of(), Map.of()));
        tables.put(TABLE, lease("shard-0", "a"), absent(), false);
        assertThatThrownBy(() -> tables.put(TABLE, lease("shard-0", "b"), absent(), true))
                .isInstanceOfSatisfying(
                        ConditionalCheckFailedException.class,
                        e -> assertThat(e.item())
                                .hasValueSatisfying(item -> assertThat(item).containsEntry("leaseOwner", s("a"))));
        assertThatThrownBy(() -> tables.delete(TABLE, key("shard-0"), item -> false, false))
                .isInstanceOfSatisfying(
                        ConditionalCheckFailedException.class,
                        e -> assertThat(e.item()).isEmpty());
        assertThat(tables.get(TABLE, key("shard-0")))
                .hasValueSatisfying(i -> assertThat(i).containsEntry("leaseOwner", s("a")));
        WriteOutcome deleted = tables.delete(TABLE, key("shard-0"), null, false);
        assertThat(deleted.oldItem()).isPresent();
        assertThat(tables.get(TABLE, key("shard-0"))).isEmpty();
    }

    @Test
    void anUpdateCreatesTheItemFromItsKeyAndMayNotTouchTheKey() {
        tables.create(leaseTable(TABLE, List.of(), Map.of()));
        Update setOwner = update(Set.of("leaseOwner"), item -> with(item, "leaseOwner", s("w")));
        WriteOutcome created = tables.update(TABLE, key("shard-1"), setOwner, null, false);
        assertThat(created.oldItem()).isEmpty();
        assertThat(created.newItem()).hasValue(Map.of("leaseKey", s("shard-1"), "leaseOwner", s("w")));
        Update setKey = update(Set.of("leaseKey"), item -> with(item, "leaseKey", s("other")));
        assertThatThrownBy(() -> tables.update(TABLE, key("shard-1"), setKey, null, false))
                .isInstanceOf(ValidationException.class)
                .hasMessage("One or more parameter values were invalid: Cannot update attribute leaseKey. This"
                        + " attribute is part of the key");
    }

    @Test
    void keysMustMatchTheSchema() {
        tables.create(leaseTable(TABLE, List.of(), Map.of()));
        assertThatThrownBy(() -> tables.get(TABLE, Map.of("leaseKey", n(1))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("The provided key element does not match the schema");
        assertThatThrownBy(() -> tables.put(TABLE, Map.of("other", s("x")), null, false))
                .isInstanceOf(ValidationException.class)
                .hasMessage("One or more parameter values were invalid: Missing the key leaseKey in the item");
        assertThatThrownBy(() -> tables.get("missing", key("x")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Requested resource not found: Table: missing not found");
    }

    @Test
    void scansPageByLimitAndSegmentsSplitTheTable() {
        tables.create(leaseTable(TABLE, List.of(), Map.of()));
        for (int i = 0; i < 10; i++) {
            tables.put(TABLE, lease("shard-" + i, "w"), null, false);
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ReadPage page = tables.read(TABLE, scan(3, start, Optional.empty()));
            page.items().forEach(item -> seen.add(((AttributeValue.S) item.get("leaseKey")).value()));
            start = page.lastEvaluatedKey();
        } while (start != null);
        assertThat(seen).hasSize(10).doesNotHaveDuplicates();
        Set<String> segmented = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            ReadPage page = tables.read(TABLE, scan(100, null, Optional.of(new ReadSpec.Segment(segment, 4))));
            total += page.count();
            page.items().forEach(item -> segmented.add(item.get("leaseKey").toString()));
        }
        assertThat(total).isEqualTo(10);
        assertThat(segmented).hasSize(10);
    }

    @Test
    void aQueryOnAnIndexSeesOnlyItemsWithItsKeysProjectedToKeys() {
        tables.create(leaseTable(TABLE, List.of(ownerIndex()), Map.of("leaseOwner", "S")));
        tables.put(TABLE, lease("shard-2", "a"), null, false);
        tables.put(TABLE, lease("shard-1", "a"), null, false);
        tables.put(TABLE, lease("shard-3", "b"), null, false);
        tables.put(TABLE, lease("shard-4", null), null, false);
        KeyCondition ownerA = new KeyCondition("leaseOwner", s("a"), Optional.empty());
        ReadPage page = tables.read(
                TABLE, new ReadSpec("owners", ownerA, null, null, 100, true, null, Optional.empty(), false));
        assertThat(page.items())
                .containsExactly(
                        Map.of("leaseKey", s("shard-1"), "leaseOwner", s("a")),
                        Map.of("leaseKey", s("shard-2"), "leaseOwner", s("a")));
        assertThat(tables.describe(TABLE).indexItemCounts()).containsEntry("owners", 3L);
        assertThatThrownBy(() -> tables.put(TABLE, with(lease("shard-5", null), "leaseOwner", n(5)), null, false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Type mismatch for Index Key leaseOwner Expected: S Actual: N");
    }

    @Test
    void aTransactionAppliesAllOrNothing() {
        tables.create(leaseTable(TABLE, List.of(), Map.of()));
        tables.put(TABLE, lease("shard-0", "a"), null, false);
        List<TransactAction> failing = List.of(
                new TransactAction.Put(TABLE, lease("shard-1", "a"), absent(), false),
                new TransactAction.Check(TABLE, key("shard-0"), item -> false, true));
        assertThatThrownBy(() -> tables.transact(failing))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.reasons())
                            .extracting(TransactionCanceledException.Reason::code)
                            .containsExactly("None", "ConditionalCheckFailed");
                    assertThat(e.reasons().get(1).item()).containsEntry("leaseOwner", s("a"));
                });
        assertThat(tables.get(TABLE, key("shard-1"))).isEmpty();
        assertThatThrownBy(() -> tables.transact(List.of(
                        new TransactAction.Delete(TABLE, key("shard-0"), null, false),
                        new TransactAction.Check(TABLE, key("shard-0"), item -> true, false))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Transaction request cannot include multiple operations on one item");
        tables.transact(List.of(
                new TransactAction.Put(TABLE, lease("shard-1", "a"), absent(), false),
                new TransactAction.Delete(TABLE, key("shard-0"), null, false)));
        assertThat(tables.items(TABLE)).extracting(i -> i.get("leaseKey")).containsExactly(s("shard-1"));
    }

    @Test
    void theRegionStaysWithinItsTableCountAndByteBudget() {
        for (int i = 0; i < 4; i++) {
            tables.create(leaseTable("table-" + i, List.of(), Map.of()));
        }
        assertThatThrownBy(() -> tables.create(leaseTable("table-4", List.of(), Map.of())))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("runnel.kcl.max-tables");
        Map<String, AttributeValue> big = with(lease("big", "a"), "payload", s("x".repeat(40 * 1024)));
        tables.put("table-0", big, null, false);
        assertThatThrownBy(() -> tables.put("table-1", big, null, false))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("runnel.kcl.max-stored-bytes");
        assertThat(tables.items("table-1")).isEmpty();
        tables.delete("table-0");
        tables.put("table-1", big, null, false);
        assertThat(tables.items("table-1")).hasSize(1);
    }

    @Test
    void deletionProtectionKeepsATable() {
        tables.create(leaseTable(TABLE, List.of(), Map.of()));
        tables.update(TABLE, new TableUpdate(null, List.of(), List.of(), null, null, null, true));
        assertThatThrownBy(() -> tables.delete(TABLE))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("protected against deletion");
        tables.update(TABLE, new TableUpdate(null, List.of(), List.of(), null, null, null, false));
        assertThat(tables.delete(TABLE).status()).isEqualTo("DELETING");
        assertThat(tables.names(null, 10)).isEmpty();
    }

    private static ReadSpec scan(int limit, Map<String, AttributeValue> start, Optional<ReadSpec.Segment> segment) {
        return new ReadSpec(null, null, null, null, limit, true, start, segment, false);
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name, AttributeValue v) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put(name, v);
        return copy;
    }

    private static Update update(
            Set<String> attributes, java.util.function.UnaryOperator<Map<String, AttributeValue>> change) {
        return new Update() {
            @Override
            public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
                return change.apply(item);
            }

            @Override
            public Set<String> topLevelAttributes() {
                return attributes;
            }
        };
    }
}
