package dev.runnel.storage.kafka;

import dev.runnel.storage.NodeGroup;

/**
 * The Runnel nodes sharing one Kafka cluster: the node that leads is the one the metadata log made its arbiter (so
 * Kafka's group protocol elects it and hands the duty over when it stops), and the live nodes are the members of the
 * arbiter group.
 */
public final class KafkaNodeGroup implements NodeGroup {

    private final MetadataLog metadata;

    public KafkaNodeGroup(MetadataLog metadata) {
        this.metadata = metadata;
    }

    @Override
    public boolean leads() {
        return metadata.isArbiter();
    }

    @Override
    public int size() {
        return Math.max(1, metadata.liveNodes());
    }
}
