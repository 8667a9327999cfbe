package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.account.ThroughputCommitment;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaAccountSettingsTest {

    private final MetadataTestNodes nodes = new MetadataTestNodes();

    @AfterEach
    void closeNodes() throws Exception {
        nodes.close();
    }

    @Test
    void aSaveOnOneNodeIsReadOnAnotherAfterABarrier() {
        String prefix = TestBroker.uniquePrefix();
        MetadataLog first = nodes.start(prefix);
        MetadataLog second = nodes.start(prefix);
        KafkaAccountSettings a = new KafkaAccountSettings(first, "us-east-1");
        KafkaAccountSettings b = new KafkaAccountSettings(second, "us-east-1");
        assertThat(b.commitment()).isEqualTo(ThroughputCommitment.NONE);

        ThroughputCommitment started = ThroughputCommitment.NONE.enabledAt(Instant.parse("2026-01-02T03:04:05.678Z"));
        a.saveCommitment(started);
        assertThat(a.commitment()).as("read your writes").isEqualTo(started);
        second.barrier();
        assertThat(b.commitment()).isEqualTo(started);

        ThroughputCommitment ending = started.disabledAt(Instant.parse("2026-01-02T04:00:00Z"));
        b.saveCommitment(ending);
        first.barrier();
        assertThat(a.commitment()).isEqualTo(ending);
        assertThat(new KafkaAccountSettings(first, "eu-west-1").commitment()).isEqualTo(ThroughputCommitment.NONE);
    }

    @Test
    void anUnreadableEntryReadsAsNoCommitment() {
        MetadataLog log = nodes.start(TestBroker.uniquePrefix());
        log.propose("settings/r", MetadataLog.ANY, "[1,2]".getBytes());
        assertThat(new KafkaAccountSettings(log, "r").commitment()).isEqualTo(ThroughputCommitment.NONE);
    }
}
