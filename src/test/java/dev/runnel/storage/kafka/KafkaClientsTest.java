package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private final KafkaClients clients = new KafkaClients(
            new KafkaOptions(
                    "127.0.0.1:1",
                    "p.",
                    (short) 1,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    Map.of(
                            "linger.ms", "7",
                            "compression.type", "lz4",
                            "acks", "1",
                            "enable.idempotence", "false",
                            "isolation.level", "read_uncommitted",
                            "enable.auto.commit", "true",
                            "security.protocol", "SSL")),
            "node");

    @Test
    void passThroughPropertiesTuneTheClientsButCannotWeakenWhatTheProtocolNeeds() {
        Map<String, Object> producer = clients.producerConfig("p", Map.of("batch.size", 1024));
        assertThat(producer)
                .containsEntry("linger.ms", "7")
                .containsEntry("compression.type", "lz4")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("batch.size", 1024)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("delivery.timeout.ms", 5007)
                .containsEntry("client.id", "node-p");

        Map<String, Object> follower = clients.consumerConfig("c", Map.of("isolation.level", "read_committed"));
        assertThat(follower)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("security.protocol", "SSL");
        assertThat(clients.consumerConfig("reads", Map.of())).containsEntry("isolation.level", "read_uncommitted");
    }
}
