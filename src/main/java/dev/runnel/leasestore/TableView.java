package dev.runnel.leasestore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table as DescribeTable shows it: its definition, status, how many items and bytes it holds, and per index how
 * many items it holds.
 *
 * @param status {@code ACTIVE}, or {@code DELETING} in the answer to DeleteTable
 */
public record TableView(
        TableDefinition definition, String status, long itemCount, long bytes, Map<String, Long> indexItemCounts) {

    /** The view of a table as it is now; the caller holds its region's lock. */
    static TableView of(Table table, String status) {
        Map<String, Long> indexCounts = new LinkedHashMap<>();
        for (IndexDefinition index : table.definition().indexes()) {
            indexCounts.put(
                    index.name(),
                    table.items().values().stream()
                            .filter(i -> index.keySchema().indexKeyOf(i).isPresent())
                            .count());
        }
        return new TableView(table.definition(), status, table.itemCount(), table.bytes(), indexCounts);
    }
}
