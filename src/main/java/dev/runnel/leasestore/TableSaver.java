package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.InternalServerErrorException;
import dev.runnel.storage.BlobStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one region's tables in its {@link BlobStore}, one blob per table named as the table ({@link TableCodec}
 * gives the bytes), and reads them back at start. {@link RegionTables} calls it under its write lock, before it
 * applies a change in memory: the change is saved first, and applied only if saving succeeded, so what is stored
 * changes in the order the region applies changes, and a change that fails to save is not applied, and not
 * acknowledged ({@link InternalServerErrorException}). With {@link BlobStore#NONE} (the memory mode) it encodes
 * nothing. Not thread-safe: the caller holds the region's write lock.
 *
 * <p><b>Cost.</b> Every change writes its whole table and forces it (file and directory) while the region's write
 * lock is held, so the region's reads wait for that too: fine for KCL's tables, which hold a few hundred bytes per
 * lease, not for large tables.
 *
 * <p><b>Crashes.</b> Each table's blob always holds one whole state of the table, the last acknowledged or the one
 * being saved. A TransactWriteItems over several tables saves them one by one: a crash between two of them leaves
 * the first saved with the transaction and the next without (within one table a transaction is all or nothing).
 */
final class TableSaver {

    private static final Logger LOG = LoggerFactory.getLogger(TableSaver.class);

    /** A table's next state: its definition and items after the change; {@code current} before it (null if new). */
    record Change(TableDefinition definition, Collection<Map<String, AttributeValue>> items, Table current) {}

    private final BlobStore blobs;
    private final boolean keeps;

    TableSaver(BlobStore blobs) {
        this.blobs = blobs;
        this.keeps = blobs != BlobStore.NONE;
    }

    /**
     * Every table the store holds. A blob that is not a table (or holds another table than its name says) is logged
     * at ERROR, set aside and left out, so one bad blob never stops a start.
     */
    List<Table> load(String region) {
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, byte[]> blob : blobs.loadAll().entrySet()) {
            try {
                Table table = TableCodec.decode(blob.getValue());
                if (!table.definition().name().equals(blob.getKey())) {
                    throw new IllegalArgumentException(
                            "it holds table " + table.definition().name());
                }
                tables.add(table);
            } catch (RuntimeException e) {
                LOG.error(
                        "Stored lease table {} of {} cannot be read ({}); setting it aside",
                        blob.getKey(),
                        region,
                        e.toString());
                try {
                    blobs.setAside(blob.getKey());
                } catch (RuntimeException again) {
                    LOG.error("Setting lease table {} of {} aside failed", blob.getKey(), region, again);
                }
            }
        }
        return tables;
    }

    /** Saves a table with a new definition (and the same items). */
    void save(Table current, TableDefinition changed) {
        save(List.of(new Change(changed, current.items().values(), current)));
    }

    /** Saves the tables that {@code writes} (checked, not yet applied) change; condition checks change nothing. */
    void save(PendingWrite... writes) {
        if (!keeps) {
            return;
        }
        Map<Table, TreeMap<PrimaryKey, Map<String, AttributeValue>>> after = new LinkedHashMap<>();
        for (PendingWrite write : writes) {
            if (write.after() == write.before()) {
                continue;
            }
            TreeMap<PrimaryKey, Map<String, AttributeValue>> items =
                    after.computeIfAbsent(write.table(), t -> new TreeMap<>(t.items()));
            if (write.after() == null) {
                items.remove(write.key());
            } else {
                items.put(write.key(), write.after());
            }
        }
        List<Change> changes = new ArrayList<>();
        after.forEach((table, items) -> changes.add(new Change(table.definition(), items.values(), table)));
        save(changes);
    }

    /**
     * Saves each change in order. When one fails, the tables saved so far and the failed one are put back as they
     * are in memory (a failure of that is logged: the blob then holds the refused state until the table's next
     * change), and the call fails.
     *
     * @throws InternalServerErrorException if a table could not be saved
     */
    void save(List<Change> changes) {
        if (!keeps) {
            return;
        }
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            try {
                blobs.put(change.definition().name(), TableCodec.encode(change.definition(), change.items()));
            } catch (RuntimeException e) {
                for (Change saved : changes.subList(0, i + 1)) {
                    putBack(saved.definition().name(), saved.current());
                }
                throw failure("save", change.definition().name(), e);
            }
        }
    }

    /** Deletes a table's blob. @throws InternalServerErrorException if that failed (the blob is put back) */
    void remove(Table current) {
        if (!keeps) {
            return;
        }
        String name = current.definition().name();
        try {
            blobs.delete(name);
        } catch (RuntimeException e) {
            putBack(name, current);
            throw failure("delete", name, e);
        }
    }

    private void putBack(String name, Table current) {
        try {
            if (current == null) {
                blobs.delete(name);
            } else {
                blobs.put(
                        name,
                        TableCodec.encode(current.definition(), current.items().values()));
            }
        } catch (RuntimeException again) {
            LOG.error(
                    "Lease table {} could not be put back after a failed change; until its next change, a restart"
                            + " may find the refused change",
                    name,
                    again);
        }
    }

    private static InternalServerErrorException failure(String action, String table, RuntimeException e) {
        LOG.error("The lease store could not {} table {}; the table is unchanged", action, table, e);
        return new InternalServerErrorException(
                "Internal server error: Runnel could not " + action + " table " + table + " in its data directory");
    }
}
