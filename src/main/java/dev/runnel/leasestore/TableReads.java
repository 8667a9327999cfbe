package dev.runnel.leasestore;

import dev.runnel.leasestore.expression.KeyCondition;
import dev.runnel.leasestore.expression.SortKeyCondition;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scan and Query over a table or one of its global secondary indexes, a page at a time. A page ends after
 * {@link ReadSpec#limit} items or about 1 MB of items evaluated, as DynamoDB's pages do; its LastEvaluatedKey holds
 * the table's key attributes (and the index's, when reading an index) of the last item evaluated. Items are read
 * in key order: a table's by primary key, an index's by index key, then primary key.
 */
final class TableReads {

    /** DynamoDB's page size limit: 1 MB of items evaluated. */
    static final long MAX_PAGE_BYTES = 1024 * 1024;

    private record Entry(PrimaryKey indexKey, PrimaryKey tableKey, Map<String, AttributeValue> item) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparing(Entry::indexKey).thenComparing(Entry::tableKey);

    private TableReads() {}

    static ReadPage read(Table table, ReadSpec spec) {
        TableDefinition definition = table.definition();
        KeySchema tableKey = definition.keySchema();
        IndexDefinition index = spec.indexName() == null
                ? null
                : definition
                        .index(spec.indexName())
                        .orElseThrow(() -> new ValidationException(
                                "The table does not have the specified index: " + spec.indexName()));
        KeySchema key = index == null ? tableKey : index.keySchema();
        KeyCondition keyCondition = spec.keyCondition();
        if (keyCondition != null) {
            checkKeyCondition(keyCondition, key);
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<PrimaryKey, Map<String, AttributeValue>> stored :
                table.items().entrySet()) {
            Map<String, AttributeValue> item = stored.getValue();
            PrimaryKey indexKey =
                    index == null ? stored.getKey() : key.indexKeyOf(item).orElse(null);
            if (indexKey == null || !inSegment(spec, stored.getKey()) || !matches(keyCondition, indexKey)) {
                continue;
            }
            entries.add(new Entry(indexKey, stored.getKey(), index == null ? item : index.project(item, tableKey)));
        }
        if (index != null) {
            entries.sort(ORDER); // a table's items come in key order already; an index's do not
        }
        if (!spec.forward()) {
            Collections.reverse(entries);
        }
        Iterator<Entry> cursor = entries.iterator();
        if (spec.exclusiveStartKey() != null) {
            cursor = after(entries, start(spec.exclusiveStartKey(), key, tableKey, index != null), spec.forward());
        }
        return page(cursor, spec, key, tableKey);
    }

    private static ReadPage page(Iterator<Entry> cursor, ReadSpec spec, KeySchema key, KeySchema tableKey) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int scanned = 0;
        int count = 0;
        long bytes = 0;
        Entry last = null;
        while (cursor.hasNext() && scanned < spec.limit() && bytes < MAX_PAGE_BYTES) {
            last = cursor.next();
            scanned++;
            bytes += ItemSize.of(last.item());
            if (spec.filter() == null || spec.filter().test(last.item())) {
                count++;
                if (!spec.countOnly()) {
                    items.add(
                            spec.projection() == null
                                    ? last.item()
                                    : spec.projection().apply(last.item()));
                }
            }
        }
        Map<String, AttributeValue> lastKey = null;
        if (last != null && cursor.hasNext()) {
            lastKey = new LinkedHashMap<>(tableKey.keyAttributes(last.item()));
            lastKey.putAll(key.keyAttributes(last.item()));
        }
        return new ReadPage(items, count, scanned, lastKey);
    }

    private static Entry start(
            Map<String, AttributeValue> startKey, KeySchema key, KeySchema tableKey, boolean onIndex) {
        Map<String, AttributeValue> tablePart = new LinkedHashMap<>(startKey);
        tablePart.keySet().retainAll(tableKey.names());
        try {
            PrimaryKey primary = tableKey.keyOf(tablePart);
            PrimaryKey indexKey = onIndex ? key.indexKeyOf(startKey).orElseThrow(() -> invalidStart()) : primary;
            return new Entry(indexKey, primary, startKey);
        } catch (ValidationException e) {
            throw invalidStart();
        }
    }

    private static ValidationException invalidStart() {
        return new ValidationException(
                "The provided starting key is invalid: The provided key element does not match" + " the schema");
    }

    private static Iterator<Entry> after(List<Entry> entries, Entry start, boolean forward) {
        int i = 0;
        while (i < entries.size()) {
            int order = ORDER.compare(entries.get(i), start);
            if (forward ? order > 0 : order < 0) {
                break;
            }
            i++;
        }
        return entries.subList(i, entries.size()).iterator();
    }

    private static boolean inSegment(ReadSpec spec, PrimaryKey key) {
        return spec.segment()
                .map(s -> Math.floorMod(key.partition().hashCode(), s.total()) == s.segment())
                .orElse(true);
    }

    private static boolean matches(KeyCondition condition, PrimaryKey key) {
        if (condition == null) {
            return true;
        }
        if (!condition.partitionValue().equals(key.partition())) {
            return false;
        }
        return condition.sortKey().map(c -> c.test(key.sort())).orElse(true);
    }

    private static void checkKeyCondition(KeyCondition condition, KeySchema key) {
        if (!condition.partitionKey().equals(key.partitionKey().name())) {
            throw new ValidationException("Query condition missed key schema element: "
                    + key.partitionKey().name());
        }
        if (!key.partitionKey().accepts(condition.partitionValue())) {
            throw new ValidationException(
                    "One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
        if (condition.sortKey().isPresent()) {
            SortKeyCondition sort = condition.sortKey().get();
            if (key.sortKey().isEmpty() || !key.sortKey().get().name().equals(sort.attribute())) {
                throw new ValidationException("Query key condition not supported");
            }
            for (AttributeValue operand : sort.operands()) {
                if (!key.sortKey().get().accepts(operand)) {
                    throw new ValidationException("One or more parameter values were invalid: Condition parameter"
                            + " type does not match schema type");
                }
            }
        }
    }
}
