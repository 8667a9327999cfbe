package dev.runnel.aws;

import static dev.runnel.aws.AwsTestClient.CBOR;
import static dev.runnel.aws.AwsTestClient.JSON;
import static dev.runnel.aws.AwsTestClient.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.aws.AwsTestClient.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bodies over {@code runnel.http.max-request-size} on the Kinesis protocol: 413 with an empty body (as AWS
 * answers), whether the size is announced by Content-Length or only found while a chunked body is read, and
 * never a 500. A body under the limit still goes through.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runnel.http.max-request-size=1MB", "runnel.streams.create-delay=0"})
class AwsRequestLimitIT {

    private static final int LIMIT = 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private AwsTestClient aws;

    @BeforeEach
    void client() {
        aws = new AwsTestClient(port);
    }

    @Test
    void aBodyUnderTheLimitIsAccepted() {
        assertThat(aws.json("CreateStream", Map.of("StreamName", "under", "ShardCount", 1))
                        .status())
                .isEqualTo(200);
        String body = putRecord("under", 700 * 1024);
        assertThat(body.length()).isLessThan(LIMIT);
        Response response = aws.json("PutRecord", body);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().path("ShardId").asString()).isEqualTo("shardId-000000000000");
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedWith413() throws InterruptedException {
        double before = tooLarge("json");
        String body = putRecord("whatever", 800 * 1024);
        assertThat(body.length()).isGreaterThan(LIMIT);
        Response response = aws.json("PutRecord", body);
        assertThat(response.status()).as("%s", response).isEqualTo(413);
        assertThat(response.body()).isEmpty();
        assertThat(tooLarge("json", before + 1))
                .as("counted in runnel.aws.requests")
                .isEqualTo(before + 1);
    }

    /**
     * PutRecord calls refused as too large in one encoding, once {@code expected} or after five seconds (the edge
     * counts a call once it has answered it).
     */
    private double tooLarge(String protocol, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        double count = tooLarge(protocol);
        while (count < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            count = tooLarge(protocol);
        }
        return count;
    }

    /** PutRecord calls refused as too large so far, in one encoding. */
    private double tooLarge(String protocol) {
        Timer timer = registry.find("runnel.aws.requests")
                .tag("operation", "PutRecord")
                .tag("outcome", "RequestTooLarge")
                .tag("protocol", protocol)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() throws InterruptedException {
        double before = tooLarge("cbor");
        for (String contentType : new String[] {JSON, CBOR}) {
            Response response = aws.sendChunked(
                    PREFIX + "PutRecord",
                    contentType,
                    "{\"StreamName\":\"whatever\",\"PartitionKey\":\"k\",\"Data\":\"",
                    2L * LIMIT);
            assertThat(response.status()).as("%s: %s", contentType, response).isEqualTo(413);
            assertThat(response.body()).as(contentType).isEmpty();
        }
        assertThat(tooLarge("cbor", before + 1)).isEqualTo(before + 1);
    }

    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() {
        assertThat(aws.json("CreateStream", Map.of("StreamName", "chunked", "ShardCount", 1))
                        .status())
                .isEqualTo(200);
        // A body of unknown length (sent chunked) that stays small.
        String prefix = "{\"StreamName\":\"chunked\",\"PartitionKey\":\"k\",\"Data\":\"";
        Response response = aws.sendChunked(PREFIX + "PutRecord", JSON, prefix + "AAAA\"}", 0);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("shardId-000000000000");
    }

    private static String putRecord(String stream, int dataBytes) {
        return "{\"StreamName\":\"" + stream + "\",\"PartitionKey\":\"k\",\"Data\":\""
                + Base64.getEncoder().encodeToString(new byte[dataBytes]) + "\"}";
    }
}
