package dev.runnel.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.aws.SignedRegions;
import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.leasestore.LeaseStore;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.BlobStore;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.throttling.Throttler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DynamoDbEdgeFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LeaseStore store = new LeaseStore("000000000000", 10, 1 << 20, InstantSource.fixed(Instant.EPOCH));
    private final SignedRegions regions = new SignedRegions(
            new Regions(
                    region -> new InMemoryStreamCatalog(),
                    new InMemoryShardLogStore(1L << 24, 1 << 20, 16_384),
                    InstantSource.fixed(Instant.EPOCH),
                    RunnelProperties.defaults(),
                    new InMemoryTrafficMeter(),
                    Throttler.unlimited()),
            "us-east-1");

    private MockHttpServletResponse call(DynamoDbEdgeFilter filter, String target, String body) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.addHeader("X-Amz-Target", target);
        request.setContentType("application/x-amz-json-1.0");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return JsonMapper.builder().build().readTree(response.getContentAsByteArray());
    }

    @Test
    void aLeaseStoreCallIsAnsweredInJson10AndCounted() throws Exception {
        DynamoDbEdgeFilter filter = new DynamoDbEdgeFilter(store, regions, true, new DynamoDbRequestMetrics(registry));
        MockHttpServletResponse response = call(filter, "DynamoDB_20120810.ListTables", "{}");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
        assertThat(json(response).get("TableNames").isArray()).isTrue();
        assertThat(registry.get(DynamoDbRequestMetrics.NAME)
                        .tag("operation", "ListTables")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void otherOperationsAndBrokenBodiesGetTypedErrors() throws Exception {
        DynamoDbEdgeFilter filter = new DynamoDbEdgeFilter(store, regions, true, new DynamoDbRequestMetrics(registry));
        JsonNode unknown = json(call(filter, "DynamoDB_20120810.BatchExecuteStatement", "{}"));
        assertThat(unknown.get("__type").asString("")).isEqualTo("com.amazon.coral.service#UnknownOperationException");
        assertThat(unknown.get("message").asString("")).contains("BatchExecuteStatement");
        MockHttpServletResponse broken = call(filter, "DynamoDB_20120810.GetItem", "[1, 2");
        assertThat(broken.getStatus()).isEqualTo(400);
        assertThat(json(broken).get("__type").asString("")).endsWith("#SerializationException");
        MockHttpServletResponse notAnObject = call(filter, "DynamoDB_20120810.GetItem", "[]");
        assertThat(json(notAnObject).get("__type").asString("")).endsWith("#SerializationException");
        assertThat(registry.get(DynamoDbRequestMetrics.NAME)
                        .tag("operation", "unknown")
                        .tag("outcome", "UnknownOperationException")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void turnedOffEveryCallIsAnUnknownOperationSayingSo() throws Exception {
        DynamoDbEdgeFilter filter = new DynamoDbEdgeFilter(store, regions, false, new DynamoDbRequestMetrics(registry));
        MockHttpServletResponse response = call(filter, "DynamoDB_20120810.ListTables", "{}");
        assertThat(response.getStatus()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("__type").asString("")).endsWith("#UnknownOperationException");
        assertThat(body.get("message").asString("")).contains("runnel.kcl.enabled=false");
    }

    @Test
    void otherRequestsPassOnUntouched() throws Exception {
        DynamoDbEdgeFilter filter = new DynamoDbEdgeFilter(store, regions, true, new DynamoDbRequestMetrics(registry));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.addHeader("X-Amz-Target", "Kinesis_20131202.ListStreams");
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void aChangeTheStoreCannotSaveIsAnInternalServerError500() throws Exception {
        BlobStore full = new BlobStore() {
            @Override
            public Map<String, byte[]> loadAll() {
                return Map.of();
            }

            @Override
            public void put(String name, byte[] bytes) {
                throw new UncheckedIOException(new IOException("No space left on device"));
            }

            @Override
            public void delete(String name) {}

            @Override
            public void setAside(String name) {}
        };
        LeaseStore failing = new LeaseStore(
                "000000000000", 10, 1 << 20, InstantSource.fixed(Instant.EPOCH), region -> full, List.of());
        DynamoDbEdgeFilter filter =
                new DynamoDbEdgeFilter(failing, regions, true, new DynamoDbRequestMetrics(registry));
        MockHttpServletResponse response = call(
                filter,
                "DynamoDB_20120810.CreateTable",
                "{\"TableName\": \"leases\", \"BillingMode\": \"PAY_PER_REQUEST\","
                        + " \"KeySchema\": [{\"AttributeName\": \"leaseKey\", \"KeyType\": \"HASH\"}],"
                        + " \"AttributeDefinitions\": [{\"AttributeName\": \"leaseKey\", \"AttributeType\": \"S\"}]}");
        assertThat(response.getStatus()).isEqualTo(500);
        JsonNode body = json(response);
        assertThat(body.get("__type").asString("")).isEqualTo("com.amazonaws.dynamodb.v20120810#InternalServerError");
        assertThat(body.get("message").asString("")).contains("could not save table leases");
        assertThat(json(call(filter, "DynamoDB_20120810.ListTables", "{}")).get("TableNames"))
                .isEmpty();
    }
}
