package dev.runnel.storage.kafka;

import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.error.ServiceUnavailableException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The admin calls of the Kafka shard-log store: topics named after stream incarnations ({@code shards.<incarnation>}
 * under the prefix, the incarnation unsigned), one partition per shard index, and the offsets of those partitions.
 *
 * <p>Thread-safe (the shared admin client is). Every call waits at most the request timeout, then throws {@link
 * ServiceUnavailableException}; a topic or partition Kafka does not know is a {@link ResourceNotFoundException}.
 */
final class PartitionAdmin {

    /** A record batch the broker takes: a PutRecords batch of one shard (5 MiB) plus framing. */
    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private static final Function<Throwable, RuntimeException> NOT_FOUND =
            cause -> cause instanceof UnknownTopicOrPartitionException
                    ? new ResourceNotFoundException("The shard's log was deleted with its stream.")
                    : null;

    private final KafkaClients clients;
    private final String topicPrefix;

    PartitionAdmin(KafkaClients clients) {
        this.clients = clients;
        this.topicPrefix = clients.topic("shards.");
    }

    String topic(long incarnation) {
        return topicPrefix + Long.toUnsignedString(incarnation);
    }

    TopicPartition partition(long incarnation, int shard) {
        return new TopicPartition(topic(incarnation), shard);
    }

    private Admin admin() {
        return clients.admin();
    }

    /** The topic's partition count, 0 when it does not exist. */
    int partitions(long incarnation) {
        String topic = topic(incarnation);
        try {
            TopicDescription description = clients.await(
                    admin().describeTopics(List.of(topic)).topicNameValues().get(topic),
                    "describing " + topic,
                    NOT_FOUND);
            return description.partitions().size();
        } catch (ResourceNotFoundException missing) {
            return 0;
        }
    }

    /**
     * Makes the topic hold at least {@code count} partitions: creates it, or adds partitions. Another node doing the
     * same at once is no failure; neither is a topic that already has them.
     *
     * @return the partition count now, at least {@code count}
     */
    int ensurePartitions(long incarnation, int count) {
        String topic = topic(incarnation);
        long deadline = System.nanoTime() + clients.requestTimeout().toNanos();
        while (true) {
            int have = partitions(incarnation);
            if (have >= count) {
                return have;
            }
            boolean made;
            if (have == 0) {
                NewTopic newTopic = new NewTopic(
                                topic, count, clients.settings().replicationFactor())
                        .configs(Map.of(
                                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                                "LogAppendTime",
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                "-1",
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                Integer.toString(MAX_MESSAGE_BYTES)));
                made = awaitTolerating(
                        admin().createTopics(List.of(newTopic)).all(), "creating " + topic, TopicExistsException.class);
            } else {
                made = awaitTolerating(
                        admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(count)))
                                .all(),
                        "adding partitions to " + topic,
                        InvalidPartitionsException.class);
            }
            if (made) {
                return count;
            }
            // Another node got there first; its partitions show in a moment (or the topic is still being deleted).
            if (System.nanoTime() > deadline) {
                throw new ServiceUnavailableException(
                        "Kafka did not make " + count + " partitions of " + topic + " in time");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting for Kafka's partitions");
        }
    }

    /**
     * Waits for {@code future}; a failure of type {@code race} (another node got there first) is no failure.
     *
     * @return whether this call did it (false when another node raced it)
     */
    private boolean awaitTolerating(KafkaFuture<Void> future, String what, Class<? extends Throwable> race) {
        RuntimeException raced = new RuntimeException("raced");
        try {
            clients.await(future, what, cause -> race.isInstance(cause) ? raced : null);
            return true;
        } catch (RuntimeException e) {
            if (e != raced) {
                throw e;
            }
            return false;
        }
    }

    /** The high-water marks of the partitions: every record acknowledged before the call is below its mark. */
    Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    /**
     * {@link #latest(Collection)} in one request, leaving out the partitions Kafka failed to answer for (a topic
     * deleted meanwhile) instead of failing them all.
     */
    Map<TopicPartition, Long> latestAnswered(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        var result = admin().listOffsets(request);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                offsets.put(
                        partition,
                        clients.await(result.partitionResult(partition), "reading an end offset", NOT_FOUND)
                                .offset());
            } catch (ResourceNotFoundException | ServiceUnavailableException unanswered) {
                // left out
            }
        }
        return offsets;
    }

    long latest(TopicPartition partition) {
        return latest(List.of(partition)).get(partition);
    }

    long earliest(TopicPartition partition) {
        return offsets(List.of(partition), OffsetSpec.earliest()).get(partition);
    }

    /** The first offset whose log-append time is at or after {@code millis} (at least 0), if any. */
    Optional<Long> offsetForTime(TopicPartition partition, long millis) {
        long offset = offsets(List.of(partition), OffsetSpec.forTimestamp(Math.max(0, millis)))
                .get(partition);
        return offset < 0 ? Optional.empty() : Optional.of(offset);
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answer =
                clients.await(admin().listOffsets(request).all(), "reading the offsets of " + partitions, NOT_FOUND);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Deletes the partition's records below {@code offset} (exclusive), moving its start there. */
    void deleteBefore(TopicPartition partition, long offset) {
        clients.await(
                admin().deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(offset)))
                        .all(),
                "deleting records of " + partition,
                NOT_FOUND);
    }

    /** Deletes the incarnation's topic; a topic that is already gone is no failure. */
    void deleteTopic(long incarnation) {
        try {
            clients.await(admin().deleteTopics(List.of(topic(incarnation))).all(), "deleting a topic", NOT_FOUND);
        } catch (ResourceNotFoundException alreadyGone) {
            // idempotent
        }
    }

    /** The partition counts of every shard topic under the prefix, by incarnation. */
    Map<Long, Integer> topics() {
        Set<String> names = clients.await(admin().listTopics().names(), "listing topics");
        List<String> ours = names.stream()
                .filter(name -> name.startsWith(topicPrefix))
                .filter(name -> incarnationOf(name).isPresent())
                .toList();
        Map<Long, Integer> counts = new HashMap<>();
        if (ours.isEmpty()) {
            return counts;
        }
        Map<String, KafkaFuture<TopicDescription>> described =
                admin().describeTopics(ours).topicNameValues();
        described.forEach((name, future) -> {
            try {
                TopicDescription description = clients.await(future, "describing " + name, NOT_FOUND);
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
        Collection<Node> nodes = clients.await(admin().describeCluster().nodes(), "describing the cluster");
        List<Integer> brokers = nodes.stream().map(Node::id).toList();
        var dirs = clients.await(admin().describeLogDirs(brokers).allDescriptions(), "describing log directories");
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
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic(incarnation));
        AlterConfigOp op = new AlterConfigOp(
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())),
                AlterConfigOp.OpType.SET);
        clients.await(
                admin().incrementalAlterConfigs(Map.of(resource, List.of(op))).all(),
                "setting the retention of " + topic(incarnation),
                NOT_FOUND);
    }
}
