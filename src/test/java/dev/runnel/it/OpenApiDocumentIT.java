package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST contract: the live OpenAPI document equals the checked-in docs/openapi.json (from which the build
 * generates the clients the other ITs use), and follows the rules that make generated clients work. After an
 * intended change to the API, run {@code ./mvnw verify -Dit.test=OpenApiDocumentIT -Drunnel.openapi.write=true}
 * to rewrite the file, and review the diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentIT {

    static final Path CHECKED_IN = Path.of("docs/openapi.json");
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    int port;

    @Test
    void theCheckedInDocumentIsTheLiveOne() throws Exception {
        ObjectNode live = (ObjectNode) new RestClient(port).get("/v3/api-docs").body();
        assertThat(live.get("servers").get(0).get("url").asString()).isEqualTo("http://localhost:" + port);
        live.set(
                "servers",
                JSON.createArrayNode()
                        .add(JSON.createObjectNode()
                                .put("description", "Runnel on its default port")
                                .put("url", "http://localhost:4567")));
        String text = JSON.writeValueAsString(live) + "\n";
        if (Boolean.getBoolean("runnel.openapi.write")) {
            Files.writeString(CHECKED_IN, text);
        }
        Path written = Path.of("target/openapi-live.json");
        Files.writeString(written, text);
        assertThat(JSON.readTree(Files.readString(CHECKED_IN)))
                .as(
                        "docs/openapi.json differs from the live document (written to %s); if the change is intended, "
                                + "rerun with -Drunnel.openapi.write=true and review the diff",
                        written)
                .isEqualTo(live);
    }

    @Test
    void everyOperationIsNamedTaggedAndTyped() {
        JsonNode document = new RestClient(port).get("/v3/api-docs").body();
        List<String> operationIds = new ArrayList<>();
        for (var path : document.get("paths").properties()) {
            for (var method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                String where = method.getKey() + " " + path.getKey();
                operationIds.add(operation.get("operationId").asString());
                assertThat(operation.get("tags")).as(where).hasSize(1);
                assertThat(operation.get("summary").asString()).as(where).isNotBlank();
                for (var response : operation.get("responses").properties()) {
                    JsonNode content = response.getValue().get("content");
                    String code = response.getKey();
                    assertThat(content)
                            .as("%s answers %s with a body", where, code)
                            .isNotNull();
                    if (code.startsWith("2")) {
                        assertThat(content.propertyNames()).as(where).containsExactly("application/json");
                        assertThat(content.get("application/json")
                                        .get("schema")
                                        .get("$ref")
                                        .asString())
                                .as("%s %s", where, code)
                                .startsWith("#/components/schemas/");
                    } else {
                        assertThat(content.get("application/problem+json")
                                        .get("schema")
                                        .get("$ref")
                                        .asString())
                                .as("%s %s", where, code)
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }
                assertThat(operation.get("responses").propertyNames()).as(where).anyMatch(code -> code.startsWith("2"));
            }
        }
        assertThat(operationIds)
                .containsExactlyInAnyOrder(
                        "createStream",
                        "listStreams",
                        "describeStream",
                        "deleteStream",
                        "updateRetentionPeriod",
                        "listShards",
                        "splitShard",
                        "mergeShards",
                        "updateShardCount",
                        "updateStreamMode",
                        "getStreamInsights",
                        "putRecord",
                        "putRecords",
                        "getShardIterator",
                        "getRecords");
        assertThat(document.get("components").get("schemas").propertyNames()).doesNotContain("ProblemDetail");
        assertThat(document.get("info").get("license").get("identifier").asString())
                .isEqualTo("Apache-2.0");
    }
}
