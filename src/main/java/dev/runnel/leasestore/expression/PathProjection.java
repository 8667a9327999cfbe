package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A projection onto document paths that neither overlap nor conflict (the parser makes sure of that). */
final class PathProjection implements Projection {

    private final List<Path> paths;

    PathProjection(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    List<Path> paths() {
        return paths;
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Node root = new Node();
        for (Path path : paths) {
            AttributeValue value = path.resolve(item);
            if (value != null) {
                root.put(path.elements(), 0, value);
            }
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        root.fields.forEach((name, node) -> result.put(name, node.value()));
        return result;
    }

    /** The projected document, built up path by path, then turned into values. */
    private static final class Node {
        private AttributeValue leaf;
        private final Map<String, Node> fields = new LinkedHashMap<>();
        private final Map<Integer, Node> indexes = new TreeMap<>();

        void put(List<PathElement> elements, int position, AttributeValue value) {
            if (position == elements.size()) {
                leaf = value;
                return;
            }
            PathElement element = elements.get(position);
            Node child = element instanceof PathElement.Field field
                    ? fields.computeIfAbsent(field.name(), name -> new Node())
                    : indexes.computeIfAbsent(((PathElement.Index) element).index(), index -> new Node());
            child.put(elements, position + 1, value);
        }

        AttributeValue value() {
            if (leaf != null) {
                return leaf;
            }
            if (!indexes.isEmpty()) {
                List<AttributeValue> values = new ArrayList<>();
                indexes.values().forEach(node -> values.add(node.value()));
                return new AttributeValue.L(values);
            }
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            fields.forEach((name, node) -> values.put(name, node.value()));
            return new AttributeValue.M(values);
        }
    }

    @Override
    public String toString() {
        List<String> texts = new ArrayList<>();
        paths.forEach(path -> texts.add(path.toString()));
        return String.join(", ", texts);
    }
}
