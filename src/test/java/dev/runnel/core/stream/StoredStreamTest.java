package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredStreamTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00.123456789Z");

    @Test
    void restoresTheIdentityAndTheVersionAsGiven() {
        Stream restored = StoredStream.restore(StreamName.of("s"), 9L, CREATED, CREATED.plusNanos(1), 41L, c -> {
            c.mode = StreamMode.ON_DEMAND;
            c.retentionHours = 48;
            c.shards = List.of(Shard.initial(new ShardId(3), HashKeyRange.ALL, CREATED));
            c.nextShardIndex = 4;
        });
        assertThat(restored.name()).isEqualTo(StreamName.of("s"));
        assertThat(restored.incarnation()).isEqualTo(9L);
        assertThat(restored.createdAt()).isEqualTo(CREATED);
        assertThat(restored.activeAt()).isEqualTo(CREATED.plusNanos(1));
        assertThat(restored.version()).isEqualTo(41L);
        assertThat(restored.retentionHours()).isEqualTo(48);
        assertThat(restored.features()).isEqualTo(StreamFeatures.DEFAULTS);
        assertThat(restored.with(c -> c.retentionHours = 72).version()).isEqualTo(42L);
    }

    @Test
    void theStreamsRulesStillApply() {
        Stream made = Stream.create(
                StreamName.of("s"), 1, StreamMode.PROVISIONED, 2, 24, 1024, Map.of(), CREATED, Duration.ZERO);
        assertThatThrownBy(() -> StoredStream.restore(made.name(), 1, CREATED, CREATED, 1, c -> {
                    c.mode = made.mode();
                    c.retentionHours = 10;
                    c.shards = made.shards();
                    c.nextShardIndex = 2;
                }))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> StoredStream.restore(made.name(), 1, CREATED, CREATED, 1, c -> {
                    c.mode = made.mode();
                    c.retentionHours = 24;
                    c.shards = made.shards();
                    c.nextShardIndex = 1;
                }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredStream.restore(made.name(), 1, null, CREATED, 1, c -> {}))
                .isInstanceOf(NullPointerException.class);
    }
}
