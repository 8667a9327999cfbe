package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.core.shard.ShardId;
import dev.runnel.storage.AppendResult;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.ShardLogStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The core shard-log contract against a real broker, plus what only Kafka's store does. */
class KafkaShardLogStoreTest extends ShardLogStoreContract {

    private final String prefix = TestBroker.uniquePrefix();
    private final LocalShardLogStates states = new LocalShardLogStates();
    private final List<KafkaClients> clients = new ArrayList<>();
    private final List<ShardLogStore> stores = new ArrayList<>();

    @Override
    protected ShardLogStore newStore() {
        KafkaClients node = new KafkaClients(options(), "node-" + clients.size());
        clients.add(node);
        KafkaShardLogStore store = new KafkaShardLogStore(node, states);
        stores.add(store);
        return store;
    }

    private KafkaOptions options() {
        return TestBroker.shared().options(prefix);
    }

    /** Kafka keeps the records: a new store on the same prefix and states is the restarted node. */
    @Override
    protected ShardLogStore reopen(ShardLogStore store) {
        store.close();
        return newStore();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(ShardLogStore::close);
        clients.forEach(KafkaClients::close);
    }

    @Test
    void topicsAreStampedByTheBrokerAndKeepRecordsUntilTrimmed() throws Exception {
        KafkaShardLogStore store = (KafkaShardLogStore) newStore();
        store.createAll(5, List.of(SHARD_0, SHARD_1, new ShardId(2)));
        assertThat(store.ids()).containsEntry(5L, java.util.Set.of(SHARD_0, SHARD_1, new ShardId(2)));
        String topic = prefix + "shards.5";
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = clients.get(0)
                .admin()
                .describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource);
        assertThat(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value())
                .isEqualTo("LogAppendTime");
        assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");

        store.retain(5, Duration.ofHours(24));
        Config changed = clients.get(0)
                .admin()
                .describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource);
        assertThat(changed.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("86400000");
        store.retain(6, Duration.ofHours(1)); // no topic (a stream being deleted): nothing to do, no failure
    }

    @Test
    void theCallersClockIsIgnoredAndTheBrokersLogAppendTimeIsTheArrival() {
        ShardLog log = newStore().create(1, SHARD_0);
        long before = System.currentTimeMillis();
        long arrival = log.append("k", bytes("x"), 42).arrivalMillis();
        long after = System.currentTimeMillis();
        assertThat(arrival).isBetween(before, after);
        assertThat(log.read(0, 1, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::arrivalMillis)
                .containsExactly(arrival);
    }

    @Test
    void aChildShardCreatedLaterTakesAppendsAtOnceAndNewStoresFindIt() {
        ShardLogStore store = newStore();
        store.create(1, SHARD_0).append("k", bytes("parent"), 1);
        ShardLog child = store.create(1, new ShardId(2));
        assertThat(child.append("k", bytes("child"), 1).position()).isZero();
        ShardLogStore other = newStore();
        assertThat(other.find(1, new ShardId(2)))
                .get()
                .satisfies(found -> assertThat(found.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                        .extracting(StoredRecord::partitionKey)
                        .containsExactly("k"));
        assertThat(other.find(1, new ShardId(3))).isEmpty();
        assertThat(other.create(1, SHARD_1).endPosition()).isZero();
    }

    @Test
    void aRecordLargerThanKafkaTakesIsATypedError() {
        ShardLog log = newStore().create(1, SHARD_0);
        assertThatThrownBy(() -> log.append("k", new byte[PartitionAdmin.MAX_MESSAGE_BYTES + 1], 1))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(log.append("k", new byte[1024 * 1024], 1).position()).isZero();
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE)).hasSize(1);
    }

    @Test
    void usedBytesCountTheTopicsOfThisPrefix() {
        ShardLogStore store = newStore();
        appendMany(store.create(1, SHARD_0), 100, 1_000, 0);
        store.flush();
        assertThat(store.usedBytes()).isGreaterThanOrEqualTo(100_000);
        assertThat(store.maxBytes()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aFiveMebibytePutRecordsBatchIsAppendedWholeAndContiguous() {
        ShardLog log = newStore().create(1, SHARD_0);
        log.append("before", bytes("x"), 0);
        List<ShardLog.Append> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(new ShardLog.Append("k" + i, filled(10 * 1024, i), false));
        }
        List<AppendResult> results = log.appendAll(batch, 0);
        assertThat(results).extracting(AppendResult::position).containsExactlyElementsOf(range(1, 501));
        List<StoredRecord> records = log.read(1, 1_000, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).hasSize(500);
        assertThat(records.get(499).data().toByteArray()).isEqualTo(filled(10 * 1024, 499));
    }

    @Test
    void aTopicDeletedBehindTheStoresBackIsNotFound() throws Exception {
        ShardLogStore store = newStore();
        ShardLog log = store.create(9, SHARD_0);
        log.append("k", bytes("x"), 0);
        clients.get(0).admin().deleteTopics(List.of(prefix + "shards.9")).all().get();
        assertThatThrownBy(() -> log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> log.append("k", bytes("late"), 0)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(newStore().find(9, SHARD_0)).isEmpty();
    }

    @Test
    void anUnreachableClusterAnswersServiceUnavailableWithinTheRequestTimeout() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaClients unreachable = new KafkaClients(
                new KafkaOptions(
                        "127.0.0.1:" + closedPort,
                        prefix,
                        (short) 1,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(2),
                        Map.of()),
                "unreachable");
        clients.add(unreachable);
        KafkaShardLogStore store = new KafkaShardLogStore(unreachable, states);
        stores.add(store);
        assertThatThrownBy(() -> store.create(1, SHARD_0)).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> store.find(1, SHARD_0)).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(store::ids).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(store::usedBytes).isInstanceOf(ServiceUnavailableException.class);
    }
}
