package dev.runnel.storage.kafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/** What a Kafka-backed node reports about its cluster on the health endpoint. */
public final class KafkaHealth {

    private KafkaHealth() {}

    /**
     * Asks the cluster who it is, within the request timeout.
     *
     * @return the cluster id, its broker count, this node's id, whether it leads and how many Runnel nodes are live
     * @throws dev.runnel.core.error.ServiceUnavailableException when the brokers do not answer in time
     */
    public static Map<String, Object> details(KafkaClients clients, MetadataLog metadata) {
        DescribeClusterResult cluster = clients.admin().describeCluster();
        Collection<Node> brokers = clients.await(cluster.nodes(), "describing the cluster");
        String clusterId = clients.await(cluster.clusterId(), "describing the cluster");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", "kafka");
        details.put("bootstrapServers", clients.settings().bootstrapServers());
        details.put("clusterId", clusterId);
        details.put("brokers", brokers.size());
        details.put("node", clients.nodeId());
        details.put("leads", metadata.isArbiter());
        details.put("liveNodes", metadata.liveNodes());
        return details;
    }
}
