package dev.runnel.storage;

/**
 * The Runnel nodes that share one store: a single process alone, or the nodes of a Kafka cluster. Duties that must
 * run once for all of them (stream housekeeping, retention, the on-demand scaler) run on the node that {@link #leads};
 * per-shard limits are split by {@link #size}. Thread-safe; both answers may change at any time.
 */
public interface NodeGroup {

    /** A store no other process shares: this node always leads, alone. */
    NodeGroup SINGLE = new NodeGroup() {
        @Override
        public boolean leads() {
            return true;
        }

        @Override
        public int size() {
            return 1;
        }
    };

    /** Whether this node runs the group's run-once duties now; at most one node of a healthy group does. */
    boolean leads();

    /** How many nodes are live, at least 1. */
    int size();
}
