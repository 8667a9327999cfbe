package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a browser or a careless client meets at the edges of the running server. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runnel.http.max-request-size=1MB", "runnel.streams.create-delay=0"})
class RestEdgesIT {

    @LocalServerPort
    int port;

    @Test
    void servesSwaggerUiAndTheApiDocument() {
        RestClient client = new RestClient(port);
        assertThat(client.status("/swagger-ui.html")).isEqualTo(200);
        var document = client.get("/v3/api-docs").body();
        assertThat(document.get("info").get("title").asString()).isEqualTo("Runnel REST API");
        assertThat(document.get("paths").propertyNames())
                .contains("/streams")
                .noneMatch(path -> path.startsWith("/console"));
    }

    @Test
    void answersRequestsOutsideTheApiWithTypedProblems() throws Exception {
        RestClient client = new RestClient(port);
        RestClient.Response unknownPath = client.get("/streamz");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.body().get("errorType").asString()).isEqualTo("UnknownOperationException");
        assertThat(unknownPath.body().get("detail").asString())
                .startsWith("GET /streamz is not an operation of the " + "REST API");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> patch = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/streams"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.body())
                .contains("\"errorType\":\"UnknownOperationException\"")
                .contains("PATCH /streams is not an operation of the REST API; this path takes GET, POST.");

        HttpResponse<String> text = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/streams"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hi"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text.body())
                .contains("\"errorType\":\"SerializationException\"")
                .contains("Send the body as JSON with Content-Type 'application/json'");
    }

    @Test
    void exposesKinesisNamedMetricsForPrometheus() throws InterruptedException {
        RestClient client = new RestClient(port);
        assertThat(client.post("/streams", Map.of("streamName", "metered", "shardCount", 1))
                        .status())
                .isEqualTo(201);
        assertThat(client.post("/streams/metered/records", Map.of("partitionKey", "1", "text", "x"))
                        .status())
                .isEqualTo(200);
        String text = "";
        for (int attempt = 0; attempt < 50 && !text.contains("stream=\"metered\""); attempt++) {
            Thread.sleep(100);
            text = client.text("/actuator/prometheus");
        }
        assertThat(text)
                .contains("kinesis_IncomingRecords_total{region=\"us-east-1\",shard=\"shardId-000000000000\","
                        + "stream=\"metered\"} 1.0");
        assertThat(text).contains("kinesis_PutRecord_Success_total{region=\"us-east-1\",stream=\"metered\"} 1.0");
    }

    @Test
    void refusesAStreamedBodyOverTheLimit() {
        RestClient client = new RestClient(port);
        assertThat(client.post("/streams", Map.of("streamName", "edges", "shardCount", 1))
                        .status())
                .isEqualTo(201);
        RestClient.Response response =
                client.postStreamed("/streams/edges/records", "{\"partitionKey\":\"1\",\"text\":\"", 2 * 1024 * 1024);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().get("errorType").asString()).isEqualTo("RequestTooLarge");
    }
}
