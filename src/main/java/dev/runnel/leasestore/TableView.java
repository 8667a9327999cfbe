package dev.runnel.leasestore;

import java.util.Map;

/**
 * A table as DescribeTable shows it: its definition, status, how many items and bytes it holds, and per index how
 * many items it holds.
 *
 * @param status {@code ACTIVE}, or {@code DELETING} in the answer to DeleteTable
 */
public record TableView(
        TableDefinition definition, String status, long itemCount, long bytes, Map<String, Long> indexItemCounts) {}
