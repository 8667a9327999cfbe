package dev.runnel.storage.kafka;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many nodes share the cluster: the members of the arbiter's consumer group (every node's {@link MetadataLog}
 * joins it). Kafka is asked in the background at most every {@link #CACHE_NANOS}; {@link #count} answers from the
 * last answer and never waits, so it may trail a node joining or leaving by a few seconds (plus the session timeout
 * for a node that stopped without leaving).
 *
 * <p>Thread-safe; never blocks.
 */
final class ClusterMembers {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final KafkaClients clients;
    private final String group;
    private int count = 1;
    private long askedAt;
    private boolean asked;
    private boolean asking;

    ClusterMembers(KafkaClients clients) {
        this.clients = clients;
        this.group = clients.topic(MetadataTopics.ARBITER);
    }

    /** The members of the arbiter group as last counted, at least 1 (this node); starts a recount when stale. */
    synchronized int count() {
        long now = System.nanoTime();
        if (!asking && (!asked || now - askedAt > CACHE_NANOS)) {
            asked = true;
            asking = true;
            askedAt = now;
            try {
                clients.admin().describeConsumerGroups(List.of(group)).all().whenComplete((groups, failure) -> {
                    ConsumerGroupDescription description = groups == null ? null : groups.get(group);
                    counted(description == null ? -1 : description.members().size(), failure);
                });
            } catch (RuntimeException e) {
                counted(-1, e);
            }
        }
        return count;
    }

    private synchronized void counted(int members, Throwable failure) {
        asking = false;
        if (members >= 0) {
            count = Math.max(1, members);
        } else {
            LOG.warn("Counting the nodes failed; keeping the last count, {}: {}", count, String.valueOf(failure));
        }
    }
}
