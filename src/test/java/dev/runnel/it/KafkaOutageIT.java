package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.RunnelApplication;
import dev.runnel.storage.kafka.TestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A node whose Kafka stops answering (the test's own broker, frozen with SIGSTOP): calls fail with 503
 * ServiceUnavailable within the request timeout instead of hanging, the health endpoint says DOWN, and when the
 * broker answers again the node serves as before with nothing it acknowledged lost.
 */
class KafkaOutageIT {

    @Test
    void callsFailWithServiceUnavailableWhileKafkaIsAwayAndTheNodeRecoversWhenItReturns() throws Exception {
        try (TestBroker broker = TestBroker.start();
                ConfigurableApplicationContext node = new SpringApplicationBuilder(RunnelApplication.class)
                        .run(
                                "--server.port=0",
                                "--server.address=127.0.0.1",
                                "--runnel.storage.type=kafka",
                                "--runnel.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                                "--runnel.kafka.request-timeout=2s",
                                "--runnel.kafka.session-timeout=1s",
                                "--runnel.streams.create-delay=0",
                                "--runnel.limits.enabled=false")) {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            KinesisWire wire = new KinesisWire(port);
            wire.createStream("outage", 1, 1024);
            HttpResponse<byte[]> before = put(wire, "before");
            assertThat(before.statusCode()).isEqualTo(200);
            assertThat(health(port)).isEqualTo(200);

            broker.pause();
            try {
                HttpResponse<byte[]> during = put(wire, "during");
                assertThat(during.statusCode())
                        .as("PutRecord while Kafka is away")
                        .isEqualTo(503);
                assertThat(KinesisWire.tree(during).path("__type").asString()).isEqualTo("ServiceUnavailable");
                HttpResponse<byte[]> describe = wire.aws("ListStreams", "{}", Duration.ofSeconds(60));
                assertThat(describe.statusCode())
                        .as("ListStreams while Kafka is away")
                        .isEqualTo(503);
                assertThat(health(port)).as("health while Kafka is away").isEqualTo(503);
            } finally {
                broker.resume();
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            HttpResponse<byte[]> after;
            do {
                after = put(wire, "after");
                assertThat(System.nanoTime())
                        .as("the node serves again within 60 s")
                        .isLessThan(deadline);
            } while (after.statusCode() != 200);
            assertThat(health(port)).isEqualTo(200);
            String iterator = KinesisWire.tree(wire.aws(
                            "GetShardIterator",
                            "{\"StreamName\":\"outage\",\"ShardId\":\"shardId-000000000000\","
                                    + "\"ShardIteratorType\":\"TRIM_HORIZON\"}",
                            Duration.ofSeconds(30)))
                    .path("ShardIterator")
                    .asString();
            JsonNode records = KinesisWire.tree(
                            wire.aws("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}", Duration.ofSeconds(30)))
                    .path("Records");
            assertThat(records.get(0).path("SequenceNumber").asString())
                    .isEqualTo(KinesisWire.tree(before).path("SequenceNumber").asString());
            assertThat(records.get(records.size() - 1).path("SequenceNumber").asString())
                    .isEqualTo(KinesisWire.tree(after).path("SequenceNumber").asString());
        }
    }

    private static HttpResponse<byte[]> put(KinesisWire wire, String text) throws Exception {
        String data = java.util.Base64.getEncoder().encodeToString(text.getBytes());
        return wire.aws(
                "PutRecord",
                "{\"StreamName\":\"outage\",\"PartitionKey\":\"k\",\"Data\":\"" + data + "\"}",
                Duration.ofSeconds(60));
    }

    private static int health(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
