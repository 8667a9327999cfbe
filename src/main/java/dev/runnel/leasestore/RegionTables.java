package dev.runnel.leasestore;

import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.expression.Update;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ResourceInUseException;
import dev.runnel.leasestore.model.ResourceNotFoundException;
import dev.runnel.leasestore.model.TransactionCanceledException;
import dev.runnel.leasestore.model.ValidationException;
import dev.runnel.storage.BlobStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The tables of one account and region, in memory, and kept in the region's {@link BlobStore} (one blob per table,
 * saved whole before every change is applied: see {@link TableSaver}; reads never touch it). Thread-safe: one
 * read-write lock guards them all, so every write — a transaction over several tables included — is atomic and
 * isolated, and every read sees a consistent state (strongly consistent reads; an eventually consistent read is
 * answered the same way). Tables are ACTIVE as soon as they are created, and so are indexes added by UpdateTable.
 *
 * <p>Bounded by the {@link StoreBudget} it shares with the other regions: tables and item bytes (as DynamoDB
 * counts them); writes past either get LimitExceededException and change nothing. A change that cannot be saved gets
 * InternalServerErrorException and changes nothing either.
 */
public final class RegionTables {

    private final String region;
    private final String accountId;
    private final StoreBudget budget;
    private final InstantSource clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, Table> tables = new TreeMap<>();
    private final TableSaver saver;

    /**
     * Loads the tables {@code blobs} holds, charging them to the budget even past its limits (a store that holds
     * more than a lowered limit keeps its tables, and refuses growth until it is back under).
     */
    public RegionTables(String region, String accountId, StoreBudget budget, InstantSource clock, BlobStore blobs) {
        this.region = region;
        this.accountId = accountId;
        this.budget = budget;
        this.clock = clock;
        this.saver = new TableSaver(blobs);
        for (Table table : saver.load(region)) {
            budget.chargeLoaded(table.bytes());
            tables.put(table.definition().name(), table);
        }
    }

    /** A region kept in memory only. */
    public RegionTables(String region, String accountId, StoreBudget budget, InstantSource clock) {
        this(region, accountId, budget, clock, BlobStore.NONE);
    }

    /** A region with a budget of its own, for tests. */
    public RegionTables(String region, String accountId, int maxTables, long maxStoredBytes, InstantSource clock) {
        this(region, accountId, new StoreBudget(maxTables, maxStoredBytes), clock);
    }

    public String region() {
        return region;
    }

    /** @throws ResourceInUseException if the table exists; ValidationException for a bad definition */
    public TableView create(NewTable request) {
        String name = TableRules.checkName(request.name(), "tableName");
        Map<String, String> definitions = request.attributeDefinitions();
        KeySchema key = TableRules.keySchema(request.keySchema(), definitions);
        String billing = TableRules.billingMode(request.billingMode());
        long[] capacity = TableRules.capacity(billing, request.readCapacity(), request.writeCapacity(), "");
        List<IndexDefinition> indexes = TableRules.indexes(request.indexes(), definitions, billing, List.of());
        TableRules.checkDefinitionsUsed(definitions, key, indexes);
        return write(() -> {
            if (tables.containsKey(name)) {
                throw new ResourceInUseException("Table already exists: " + name);
            }
            budget.takeTable();
            String arn = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
            Table table = new Table(new TableDefinition(
                    name,
                    arn,
                    UUID.randomUUID().toString(),
                    key,
                    definitions,
                    billing,
                    capacity[0],
                    capacity[1],
                    indexes,
                    clock.instant(),
                    request.deletionProtection(),
                    false));
            try {
                saver.save(List.of(new TableSaver.Change(table.definition(), List.of(), null)));
            } catch (RuntimeException e) {
                budget.releaseTable(0);
                throw e;
            }
            tables.put(name, table);
            return TableView.of(table, "ACTIVE");
        });
    }

    public TableView update(String tableName, TableUpdate update) {
        return write(() -> {
            Table table = table(tableName);
            TableDefinition definition = table.definition();
            Map<String, String> definitions = new LinkedHashMap<>(definition.attributeDefinitions());
            if (update.attributeDefinitions() != null) {
                definitions.putAll(update.attributeDefinitions());
            }
            String billing = update.billingMode() == null
                    ? definition.billingMode()
                    : TableRules.billingMode(update.billingMode());
            List<IndexDefinition> indexes = new ArrayList<>(definition.indexes());
            for (String deleted : update.deleteIndexes()) {
                if (!indexes.removeIf(i -> i.name().equals(deleted))) {
                    throw new ResourceNotFoundException(
                            "Requested resource not found: Index: " + deleted + " not found for table: " + tableName);
                }
            }
            indexes = TableRules.indexes(update.createIndexes(), definitions, billing, indexes);
            definitions.keySet().retainAll(usedNames(definition.keySchema(), indexes));
            TableDefinition changed = definition.withIndexes(indexes, definitions);
            if (update.billingMode() != null || update.readCapacity() != null) {
                long[] capacity = TableRules.capacity(
                        billing,
                        update.readCapacity() == null && billing.equals("PROVISIONED")
                                ? (Long) definition.readCapacity()
                                : update.readCapacity(),
                        update.writeCapacity() == null && billing.equals("PROVISIONED")
                                ? (Long) definition.writeCapacity()
                                : update.writeCapacity(),
                        "");
                changed = changed.withBilling(billing, capacity[0], capacity[1]);
            }
            if (update.deletionProtection() != null) {
                changed = changed.withDeletionProtection(update.deletionProtection());
            }
            saver.save(table, changed);
            table.redefine(changed);
            return TableView.of(table, "ACTIVE");
        });
    }

    private static Set<String> usedNames(KeySchema key, List<IndexDefinition> indexes) {
        Set<String> used = new HashSet<>(key.names());
        indexes.forEach(i -> used.addAll(i.keySchema().names()));
        return used;
    }

    public TableView describe(String tableName) {
        return read(() -> TableView.of(table(tableName), "ACTIVE"));
    }

    /** @throws ValidationException if deletion protection is on */
    public TableView delete(String tableName) {
        return write(() -> {
            Table table = table(tableName);
            if (table.definition().deletionProtection()) {
                throw new ValidationException("Resource cannot be deleted as it is currently protected against"
                        + " deletion. Disable deletion protection first.");
            }
            saver.remove(table);
            tables.remove(tableName);
            budget.releaseTable(table.bytes());
            return TableView.of(table, "DELETING");
        });
    }

    public TableView pointInTimeRecovery(String tableName, boolean enabled) {
        return write(() -> {
            Table table = table(tableName);
            TableDefinition changed = table.definition().withPointInTimeRecovery(enabled);
            saver.save(table, changed);
            table.redefine(changed);
            return TableView.of(table, "ACTIVE");
        });
    }

    /** Table names in order, starting after {@code exclusiveStart} (if given), at most {@code limit}. */
    public List<String> names(String exclusiveStart, int limit) {
        return read(() -> {
            Map<String, Table> after = exclusiveStart == null ? tables : tables.tailMap(exclusiveStart, false);
            return after.keySet().stream().limit(limit).toList();
        });
    }

    /** Every table, for the console. */
    public List<TableView> tables() {
        return read(() ->
                tables.values().stream().map(t -> TableView.of(t, "ACTIVE")).toList());
    }

    /** Every item of a table in key order, for the console; empty if the table does not exist. */
    public List<Map<String, AttributeValue>> items(String tableName) {
        return read(() -> {
            Table table = tables.get(tableName);
            return table == null
                    ? List.<Map<String, AttributeValue>>of()
                    : List.copyOf(table.items().values());
        });
    }

    public Optional<Map<String, AttributeValue>> get(String tableName, Map<String, AttributeValue> key) {
        return read(() -> table(tableName).get(key));
    }

    public ReadPage read(String tableName, ReadSpec spec) {
        return read(() -> TableReads.read(table(tableName), spec));
    }

    public WriteOutcome put(
            String tableName, Map<String, AttributeValue> item, Condition condition, boolean returnOnFailure) {
        return write(() -> commit(table(tableName).preparePut(item, condition, returnOnFailure)));
    }

    public WriteOutcome update(
            String tableName,
            Map<String, AttributeValue> key,
            Update update,
            Condition condition,
            boolean returnOnFailure) {
        return write(() -> commit(table(tableName).prepareUpdate(key, update, condition, returnOnFailure)));
    }

    public WriteOutcome delete(
            String tableName, Map<String, AttributeValue> key, Condition condition, boolean returnOnFailure) {
        return write(() -> commit(table(tableName).prepareDelete(key, condition, returnOnFailure)));
    }

    /**
     * All of {@code actions} or none: each is checked against the state before any is applied.
     *
     * @throws TransactionCanceledException with one reason per action if a condition fails
     * @throws ValidationException if two actions name one item, or an action is malformed
     */
    public void transact(List<TransactAction> actions) {
        write(() -> commit(Transaction.prepare(actions, this::table).toArray(PendingWrite[]::new)));
    }

    /** Saves and applies checked writes, all or none: none past the byte budget, or when saving fails. */
    private WriteOutcome commit(PendingWrite... writes) {
        long delta = 0;
        for (PendingWrite write : writes) {
            delta += write.byteDelta();
        }
        budget.takeBytes(delta);
        try {
            saver.save(writes);
        } catch (RuntimeException e) {
            budget.untakeBytes(delta);
            throw e;
        }
        for (PendingWrite write : writes) {
            write.table().apply(write);
        }
        return writes.length == 1 ? writes[0].outcome() : null;
    }

    private Table table(String tableName) {
        Table table = tables.get(tableName);
        if (table == null) {
            throw ResourceNotFoundException.table(tableName);
        }
        return table;
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
