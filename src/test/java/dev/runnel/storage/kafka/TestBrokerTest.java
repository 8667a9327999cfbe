package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

class TestBrokerTest {

    @Test
    void theSharedBrokerTakesTopicsAndAcknowledgedWrites() {
        TestBroker broker = TestBroker.shared();
        String prefix = TestBroker.uniquePrefix();
        try (KafkaClients clients = new KafkaClients(broker.options(prefix), "test")) {
            String topic = clients.topic("smoke");
            clients.await(
                    clients.admin()
                            .createTopics(List.of(new NewTopic(topic, 2, (short) 1)))
                            .all(),
                    "creating");
            try (var producer = clients.producer("p", Map.of())) {
                RecordMetadata first =
                        clients.await(producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {1})), "w");
                RecordMetadata second =
                        clients.await(producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {2})), "w");
                assertThat(first.partition()).isEqualTo(1);
                assertThat(second.offset()).isEqualTo(first.offset() + 1);
            }
        }
        assertThat(broker.isAlive()).isTrue();
    }
}
