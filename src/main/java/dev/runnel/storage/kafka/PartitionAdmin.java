package dev.runnel.storage.kafka;

import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.error.ServiceUnavailableException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
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

    /** How long a partition Kafka says it does not know may still be one that was just created. */
    static final long NEW_PARTITION_GRACE_MILLIS = 1_000;

    static final Function<Throwable, RuntimeException> NOT_FOUND =
            cause -> cause instanceof UnknownTopicOrPartitionException
                    ? new ResourceNotFoundException("The shard's log was deleted with its stream.")
                    : null;

    private final KafkaClients clients;
    private final String topicPrefix;

    PartitionAdmin(KafkaClients clients) {
        this.clients = clients;
        this.topicPrefix = clients.topic("shards.");
    }

    /** What every shard topic's name starts with. */
    String topicPrefix() {
        return topicPrefix;
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

    /**
     * Kafka's offsets of the partitions. A partition created a moment ago may be unknown to the broker that answers
     * for a little while, so an unknown partition is asked again for up to {@link #NEW_PARTITION_GRACE_MILLIS} before
     * it counts as not found.
     */
    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        long deadline = System.nanoTime() + NEW_PARTITION_GRACE_MILLIS * 1_000_000;
        while (true) {
            try {
                return offsetsOnce(partitions, spec);
            } catch (ResourceNotFoundException unknown) {
                if (System.nanoTime() > deadline) {
                    throw unknown;
                }
                pause();
            }
        }
    }

    private Map<TopicPartition, Long> offsetsOnce(Collection<TopicPartition> partitions, OffsetSpec spec) {
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
}
