package dev.runnel.storage.kafka;

import dev.runnel.core.error.ResourceNotFoundException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The store-wide admin calls of the Kafka shard-log store: which shard topics exist under the prefix, the bytes they
 * hold on the brokers, and their retention. Thread-safe; every call waits at most the request timeout, then throws
 * {@link dev.runnel.core.error.ServiceUnavailableException}.
 */
final class PartitionTopics {

    private final KafkaClients clients;
    private final PartitionAdmin admin;
    private final String topicPrefix;

    PartitionTopics(KafkaClients clients, PartitionAdmin admin) {
        this.clients = clients;
        this.admin = admin;
        this.topicPrefix = admin.topicPrefix();
    }

    /** The partition counts of every shard topic under the prefix, by incarnation. */
    Map<Long, Integer> topics() {
        Set<String> names = clients.await(clients.admin().listTopics().names(), "listing topics");
        List<String> ours = names.stream()
                .filter(name -> name.startsWith(topicPrefix))
                .filter(name -> incarnationOf(name).isPresent())
                .toList();
        Map<Long, Integer> counts = new HashMap<>();
        if (ours.isEmpty()) {
            return counts;
        }
        Map<String, KafkaFuture<TopicDescription>> described =
                clients.admin().describeTopics(ours).topicNameValues();
        described.forEach((name, future) -> {
            try {
                TopicDescription description = clients.await(future, "describing " + name, PartitionAdmin.NOT_FOUND);
                counts.put(
                        incarnationOf(name).orElseThrow(),
                        description.partitions().size());
            } catch (ResourceNotFoundException deletedMeanwhile) {
                // not ours any more
            }
        });
        return counts;
    }

    private Optional<Long> incarnationOf(String topic) {
        try {
            return Optional.of(Long.parseUnsignedLong(topic.substring(topicPrefix.length())));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    /** Bytes of every replica of the shard topics on every broker's log directories. */
    long usedBytes() {
        Collection<Node> nodes = clients.await(clients.admin().describeCluster().nodes(), "describing the cluster");
        List<Integer> brokers = nodes.stream().map(Node::id).toList();
        var dirs =
                clients.await(clients.admin().describeLogDirs(brokers).allDescriptions(), "describing log directories");
        long total = 0;
        for (var byDir : dirs.values()) {
            for (var dir : byDir.values()) {
                for (var replica : dir.replicaInfos().entrySet()) {
                    if (replica.getKey().topic().startsWith(topicPrefix)) {
                        total += replica.getValue().size();
                    }
                }
            }
        }
        return total;
    }

    /** Sets the topic's {@code retention.ms}. */
    void setRetention(long incarnation, Duration retention) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, admin.topic(incarnation));
        AlterConfigOp op = new AlterConfigOp(
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())),
                AlterConfigOp.OpType.SET);
        clients.await(
                clients.admin()
                        .incrementalAlterConfigs(Map.of(resource, List.of(op)))
                        .all(),
                "setting the retention of " + admin.topic(incarnation),
                PartitionAdmin.NOT_FOUND);
    }
}
