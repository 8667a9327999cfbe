package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed update expression. Applies SET actions first (their values all evaluated on the item before the
 * update), then REMOVE (list elements from the highest index down, so indexes mean the list as it was), then ADD,
 * then DELETE. Paths of different actions never overlap (the parser refuses that), so the order only matters
 * within one list.
 */
final class UpdateExpression implements Update {

    private final List<UpdateAction> actions;
    private final Set<String> topLevel;

    UpdateExpression(List<UpdateAction> actions) {
        this.actions = List.copyOf(actions);
        Set<String> names = new LinkedHashSet<>();
        for (UpdateAction action : actions) {
            names.add(action.path().head());
        }
        this.topLevel = Collections.unmodifiableSet(names);
    }

    List<UpdateAction> actions() {
        return actions;
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        List<AttributeValue> values = new ArrayList<>();
        List<UpdateAction> sets = new ArrayList<>();
        List<UpdateAction> removes = new ArrayList<>();
        List<UpdateAction> others = new ArrayList<>();
        for (UpdateAction action : actions) {
            if (action instanceof UpdateAction.Set set) {
                sets.add(set);
                values.add(set.value().evaluate(item));
            } else if (action instanceof UpdateAction.Remove) {
                removes.add(action);
            } else {
                others.add(action);
            }
        }
        removes.sort(Comparator.comparing(UpdateAction::path, UpdateExpression::highestIndexFirst));
        others.sort(Comparator.comparing(action -> action instanceof UpdateAction.Add ? 0 : 1));
        Map<String, AttributeValue> after = new LinkedHashMap<>(item);
        for (int i = 0; i < sets.size(); i++) {
            sets.get(i).apply(after, values.get(i));
        }
        removes.forEach(action -> action.apply(after, null));
        others.forEach(action -> action.apply(after, null));
        return after;
    }

    /** A total order on paths in which, within one list, higher indexes come first. */
    private static int highestIndexFirst(Path a, Path b) {
        int common = Math.min(a.elements().size(), b.elements().size());
        for (int i = 0; i < common; i++) {
            int order = compare(a.elements().get(i), b.elements().get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.elements().size(), b.elements().size());
    }

    private static int compare(PathElement x, PathElement y) {
        if (x instanceof PathElement.Index p && y instanceof PathElement.Index q) {
            return Integer.compare(q.index(), p.index());
        }
        if (x instanceof PathElement.Field p && y instanceof PathElement.Field q) {
            return p.name().compareTo(q.name());
        }
        return x instanceof PathElement.Field ? -1 : 1;
    }

    @Override
    public Set<String> topLevelAttributes() {
        return topLevel;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String clause : List.of("SET", "REMOVE", "ADD", "DELETE")) {
            List<String> parts = new ArrayList<>();
            for (UpdateAction action : actions) {
                if (clauseOf(action).equals(clause)) {
                    parts.add(action.toString());
                }
            }
            if (!parts.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ")
                        .append(clause)
                        .append(' ')
                        .append(String.join(", ", parts));
            }
        }
        return text.toString();
    }

    static String clauseOf(UpdateAction action) {
        if (action instanceof UpdateAction.Set) {
            return "SET";
        }
        if (action instanceof UpdateAction.Remove) {
            return "REMOVE";
        }
        return action instanceof UpdateAction.Add ? "ADD" : "DELETE";
    }
}
