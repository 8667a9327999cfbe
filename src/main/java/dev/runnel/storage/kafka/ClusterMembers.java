package dev.runnel.storage.kafka;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many nodes share the cluster: the members of the arbiter's consumer group (every node's {@link MetadataLog}
 * joins it), asked of Kafka at most every {@link #CACHE_NANOS} and remembered in between.
 *
 * <p>Thread-safe. A refresh blocks its caller for at most the request timeout; when Kafka does not answer, the last
 * count stands (at least 1).
 */
final class ClusterMembers {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final KafkaClients clients;
    private final String group;
    private int count = 1;
    private long refreshedAt;
    private boolean known;

    ClusterMembers(KafkaClients clients) {
        this.clients = clients;
        this.group = clients.topic(MetadataTopics.ARBITER);
    }

    /** The members of the arbiter group as last counted, at least 1 (this node). */
    synchronized int count() {
        long now = System.nanoTime();
        if (!known || now - refreshedAt > CACHE_NANOS) {
            refreshedAt = now;
            known = true;
            try {
                ConsumerGroupDescription description = clients.await(
                                clients.admin()
                                        .describeConsumerGroups(List.of(group))
                                        .all(),
                                "counting the nodes")
                        .get(group);
                count = Math.max(
                        1, description == null ? 1 : description.members().size());
            } catch (RuntimeException e) {
                LOG.warn("Counting the nodes failed; keeping the last count, {}: {}", count, e.getMessage());
            }
        }
        return count;
    }
}
