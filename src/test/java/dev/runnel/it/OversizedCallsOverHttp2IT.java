package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * Calls refused as too large over HTTP/2 leave their connection usable for the calls after them. The SDK sends
 * each oversized body whole on one connection it shares with every other call; the server reads and drops such a
 * body before its 413 rather than resetting the stream mid-body (resets left Tomcat's connection flow-control
 * window short after a few dozen refusals, and later calls stalled with nothing to send in). Retries are off, so
 * a call that would only have passed on a new connection fails here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runnel.http.max-request-size=1MB", "runnel.streams.create-delay=0"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversizedCallsOverHttp2IT {

    /** Refusals in a row: without the drain, calls stalled after 60 to 80 on a quiet machine. */
    private static final int ROUNDS = 150;

    @LocalServerPort
    int port;

    KinesisAsyncClient h2;

    @BeforeAll
    void client() throws Exception {
        h2 = KinesisAsyncClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port))
                .region(AwsSdkScenario.REGION)
                .credentialsProvider(AwsSdkScenario.dummyCredentials())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .maxConcurrency(1)
                        .http2Configuration(Http2Configuration.builder()
                                .maxStreams(100L)
                                .initialWindowSize(1024 * 1024)
                                .build()))
                .build();
        h2.createStream(b -> b.streamName("big-neighbours").shardCount(1)).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    void close() {
        h2.close();
    }

    @Test
    void everyCallAfterAnOversizedOneOnTheSameConnectionIsServed() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        for (int i = 0; i < ROUNDS; i++) {
            assertThatThrownBy(() -> h2.putRecord(b -> b.streamName("big-neighbours")
                                    .partitionKey("k")
                                    .data(SdkBytes.fromByteArray(big)))
                            .get(10, TimeUnit.SECONDS))
                    .as("round %d: 413 for a body over runnel.http.max-request-size", i)
                    .hasMessageContaining("413");
            int round = i;
            PutRecordResponse small = h2.putRecord(b -> b.streamName("big-neighbours")
                            .partitionKey("k")
                            .data(SdkBytes.fromUtf8String("after refusal " + round)))
                    .get(10, TimeUnit.SECONDS);
            assertThat(small.shardId()).as("round %d", i).isEqualTo("shardId-000000000000");
        }
    }
}
