package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ValidationException;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.support.RunnelFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where records go under each record distribution strategy, and when a partition key may be left out. */
class RecordDistributionTest {

    private static final String ACCOUNT = RunnelFixture.ACCOUNT;

    private final RunnelFixture f = new RunnelFixture();
    private final StreamName name = StreamName.of("od");

    private void onDemand(RecordDistribution distribution) {
        f.streams.create(CreateStreamCommand.of("od", StreamMode.ON_DEMAND, null, null, null, null));
        f.clock.advance(f.properties.streams().createDelay());
        f.settings.updateRecordDistribution(name, distribution);
    }

    private static RecordInput record(String key, String explicitHashKey) {
        return new RecordInput(key, new byte[] {1, 2, 3}, explicitHashKey);
    }

    @Test
    void underUserPartitionKeyAPartitionKeyIsRequired() {
        onDemand(RecordDistribution.USER_PARTITION_KEY);
        assertThatThrownBy(() -> f.records.put(new PutRecordCommand(name, record(null, null), null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'partitionKey' failed to satisfy "
                        + "constraint: Member must not be null");
        assertThatThrownBy(() ->
                        f.records.putAll(new PutRecordsCommand(name, List.of(record("k", null), record(null, null)))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'records.2.partitionKey' failed to satisfy "
                        + "constraint: Member must not be null");
        assertThat(f.records
                        .put(new PutRecordCommand(name, record("k", "0"), null))
                        .shardId()
                        .index())
                .as("the explicit hash key 0 routes to the first shard")
                .isZero();
    }

    @Test
    void underAutoKeysMayBeLeftOutAndRecordsSpreadOverTheOpenShards() {
        onDemand(RecordDistribution.AUTO);
        Map<Integer, Integer> perShard = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            PutResult put = f.records.put(new PutRecordCommand(name, record(i % 2 == 0 ? null : "same", "0"), null));
            perShard.merge(put.shardId().index(), 1, Integer::sum);
        }
        assertThat(perShard)
                .as("neither the key nor the explicit hash key decides")
                .hasSize(4);
        assertThat(perShard.values()).allSatisfy(count -> assertThat(count).isBetween(50, 150));

        List<RecordInput> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(record(null, null));
        }
        assertThat(f.records.putAll(new PutRecordsCommand(name, batch)).failedRecordCount())
                .isZero();

        List<RecordView> read = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) {
            read.addAll(f.records
                    .getRecords(f.iterator("od", shard, ShardIteratorType.TRIM_HORIZON), null)
                    .records());
        }
        assertThat(read).hasSize(600);
        assertThat(read).filteredOn(r -> r.partitionKey().isEmpty()).hasSize(400);
        assertThat(read).filteredOn(r -> r.partitionKey().equals("same")).hasSize(200);
    }

    @Test
    void autoIsForOnDemandStreamsOnly() {
        f.createActive("prov", 1);
        assertThatThrownBy(() -> f.settings.updateRecordDistribution(StreamName.of("prov"), RecordDistribution.AUTO))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The AUTO record distribution strategy is only supported for streams in ON_DEMAND mode; "
                        + "stream prov under account " + ACCOUNT + " is in PROVISIONED mode.");
        assertThat(f.settings
                        .updateRecordDistribution(StreamName.of("prov"), RecordDistribution.USER_PARTITION_KEY)
                        .features()
                        .recordDistribution())
                .isEqualTo(RecordDistribution.USER_PARTITION_KEY);
    }
}
