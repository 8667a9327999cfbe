package dev.runnel.storage.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The metadata log's topics (each of one partition, under the node's topic prefix) and their creation. Stateless and
 * thread-safe.
 *
 * <ul>
 *   <li>{@value #PROPOSALS}: proposed changes, kept an hour (long enough for any arbiter to decide them);
 *   <li>{@value #STATE}: every key's latest committed value, compacted, so it is its own snapshot;
 *   <li>{@value #DECISIONS}: the arbiter's answers, kept an hour (proposers wait seconds at most).
 * </ul>
 *
 * <p>Revisions are offsets of the proposals topic, so it must never be deleted (or recreated) while the state topic
 * lives: its offsets would start again from 0, and new changes would look older than old ones.
 */
final class MetadataTopics {

    static final String PROPOSALS = "proposals";
    static final String STATE = "state";
    static final String DECISIONS = "decisions";

    /** The consumer group whose owner of the proposals partition is the arbiter, and its transactional id. */
    static final String ARBITER = "arbiter";

    private static final String ONE_HOUR_MILLIS = "3600000";

    private MetadataTopics() {}

    /**
     * Creates whichever of the three topics are missing; another node creating them at the same time is no failure.
     * Blocks for at most the request timeout.
     *
     * @throws dev.runnel.core.error.ServiceUnavailableException when Kafka did not create them in time
     */
    static void createMissing(KafkaClients clients) {
        short replication = clients.settings().replicationFactor();
        List<NewTopic> topics = List.of(
                new NewTopic(clients.topic(PROPOSALS), 1, replication)
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                ONE_HOUR_MILLIS)),
                new NewTopic(clients.topic(STATE), 1, replication)
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "1000",
                                TopicConfig.SEGMENT_MS_CONFIG, "600000")),
                new NewTopic(clients.topic(DECISIONS), 1, replication)
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                ONE_HOUR_MILLIS)));
        long deadline = System.nanoTime() + clients.requestTimeout().toNanos();
        List<Map.Entry<String, KafkaFuture<Void>>> results =
                new ArrayList<>(clients.admin().createTopics(topics).values().entrySet());
        for (Map.Entry<String, KafkaFuture<Void>> result : results) {
            try {
                result.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw KafkaClients.unavailable("creating topic " + result.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw KafkaClients.unavailable("creating topic " + result.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw KafkaClients.unavailable("creating topic " + result.getKey(), e);
            }
        }
    }
}
