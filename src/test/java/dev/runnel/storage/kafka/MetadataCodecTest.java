package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.storage.kafka.MetadataCodec.Decision;
import dev.runnel.storage.kafka.MetadataCodec.Proposal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {

    @Test
    void proposalsRoundTripWithAndWithoutAValue() {
        byte[] value = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Proposal write = MetadataCodec.proposal(MetadataCodec.proposal("stream/r/ünïcode", 42, value));
        assertThat(write.key()).isEqualTo("stream/r/ünïcode");
        assertThat(write.expectedRevision()).isEqualTo(42);
        assertThat(write.value()).isEqualTo(value);

        Proposal delete = MetadataCodec.proposal(MetadataCodec.proposal("k", MetadataLog.ANY, null));
        assertThat(delete.expectedRevision()).isEqualTo(MetadataLog.ANY);
        assertThat(delete.value()).isNull();

        Proposal empty = MetadataCodec.proposal(MetadataCodec.proposal("k", MetadataLog.ABSENT, new byte[0]));
        assertThat(empty.value()).isEmpty();
    }

    @Test
    void garbageIsRefusedNotMisread() {
        byte[] good = MetadataCodec.proposal("key", 1, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> MetadataCodec.proposal(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] otherFormat = good.clone();
        otherFormat[0] = 9;
        assertThatThrownBy(() -> MetadataCodec.proposal(otherFormat)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadataCodec.proposal((byte[]) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadataCodec.decision(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decisionsAndRevisionHeadersRoundTrip() {
        assertThat(MetadataCodec.decision(MetadataCodec.decision(new Decision(true, 7))))
                .isEqualTo(new Decision(true, 7));
        assertThat(MetadataCodec.decision(MetadataCodec.decision(new Decision(false, MetadataLog.ABSENT))))
                .isEqualTo(new Decision(false, MetadataLog.ABSENT));
        RecordHeaders headers = new RecordHeaders();
        assertThat(MetadataCodec.revision(headers)).isEqualTo(-1);
        headers.add(MetadataCodec.REVISION_HEADER, MetadataCodec.revision(123_456_789_012L));
        assertThat(MetadataCodec.revision(headers)).isEqualTo(123_456_789_012L);
    }
}
