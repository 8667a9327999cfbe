package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * The blog post's whole session, over the REST API of a started server with default settings: create a
 * stream, wait for ACTIVE, put test1…test6 with key 1, read back with every iterator type.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The session reads one shard more than five times a second, which a person typing never does.
        properties = "runnel.limits.enabled=false")
@DirtiesContext
class SeedSessionIT {

    private static final String STREAM = "myKinesis";

    @LocalServerPort
    int port;

    private RestClient client;
    private final List<String> sequenceNumbers = new ArrayList<>();

    @Test
    void replaysTheSeedSession() throws InterruptedException {
        client = new RestClient(port);
        RestClient.Response created = client.post("/streams", Map.of("streamName", STREAM, "shardCount", 1));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("status").asString()).isEqualTo("CREATING");
        assertThat(created.body().get("shards")).isEmpty();
        awaitActive();

        JsonNode description = client.get("/streams/" + STREAM).body();
        assertThat(description.get("retentionPeriodHours").asInt()).isEqualTo(24);
        assertThat(description.get("streamArn").asString())
                .isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/myKinesis");
        assertThat(description.get("shards").get(0).get("shardId").asString()).isEqualTo("shardId-000000000000");

        for (int i = 1; i <= 6; i++) {
            put("test" + i);
        }
        JsonNode all = read(iterator("TRIM_HORIZON", Map.of()));
        assertThat(payloads(all)).containsExactly("test1", "test2", "test3", "test4", "test5", "test6");
        assertThat(all.get("records").get(0).get("data").asString()).isEqualTo("dGVzdDE=");
        assertThat(all.get("records").get(0).get("partitionKey").asString()).isEqualTo("1");
        assertThat(all.get("millisBehindLatest").asLong()).isZero();
        assertThat(all.get("nextShardIterator").asString()).isNotEmpty();

        assertThat(payloads(
                        read(iterator("AT_SEQUENCE_NUMBER", Map.of("startingSequenceNumber", sequenceNumbers.get(5))))))
                .containsExactly("test6");
        assertThat(payloads(read(
                        iterator("AFTER_SEQUENCE_NUMBER", Map.of("startingSequenceNumber", sequenceNumbers.get(4))))))
                .containsExactly("test6");
        assertThat(payloads(read(
                        iterator("AFTER_SEQUENCE_NUMBER", Map.of("startingSequenceNumber", sequenceNumbers.get(3))))))
                .containsExactly("test5", "test6");

        String latest = iterator("LATEST", Map.of());
        assertThat(payloads(read(latest))).isEmpty();
        put("test7");
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        put("test8");
        put("test9");
        assertThat(payloads(read(latest))).containsExactly("test7", "test8", "test9");

        put("test10");
        assertThat(payloads(read(iterator("AT_TIMESTAMP", Map.of("timestamp", between.toString())))))
                .containsExactly("test8", "test9", "test10");

        assertThat(client.get("/v3/api-docs").body().get("paths").has("/streams/{name}/records"))
                .isTrue();
        assertThat(client.get("/actuator/health").body().get("status").asString())
                .isEqualTo("UP");

        assertThat(client.delete("/streams/" + STREAM).status()).isEqualTo(202);
    }

    private void awaitActive() throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (client.get("/streams/" + STREAM).body().get("status").asString().equals("ACTIVE")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("stream did not become ACTIVE within 5 s");
    }

    private void put(String text) {
        RestClient.Response response =
                client.post("/streams/" + STREAM + "/records", Map.of("partitionKey", "1", "text", text));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("shardId").asString()).isEqualTo("shardId-000000000000");
        sequenceNumbers.add(response.body().get("sequenceNumber").asString());
    }

    private String iterator(String type, Map<String, String> extra) {
        Map<String, String> body = new java.util.HashMap<>(extra);
        body.put("streamName", STREAM);
        body.put("shardId", "shardId-000000000000");
        body.put("type", type);
        RestClient.Response response = client.post("/shard-iterators", body);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body().get("shardIterator").asString();
    }

    private JsonNode read(String iterator) {
        RestClient.Response response = client.get(
                "/streams/" + STREAM + "/records?shardIterator=" + URLEncoder.encode(iterator, StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static List<String> payloads(JsonNode page) {
        List<String> texts = new ArrayList<>();
        for (JsonNode record : page.get("records")) {
            texts.add(new String(Base64.getDecoder().decode(record.get("data").asString()), StandardCharsets.UTF_8));
        }
        return texts;
    }
}
