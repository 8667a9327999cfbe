package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.metricsink.MetricFilter;
import dev.runnel.metricsink.MetricPoint;
import dev.runnel.metricsink.MetricSink;
import dev.runnel.metricsink.MetricValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.filter.OncePerRequestFilter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * CloudWatch's PutMetricData end to end: the AWS SDK for Java v2's CloudWatchClient (Smithy RPC v2 CBOR over
 * HTTP/1.1, gzip for large batches) and CloudWatchAsyncClient on Netty over HTTP/2 with prior knowledge (KCL's
 * set-up) put KCL-shaped metrics, which the {@link MetricSink} bean then holds; awsQuery forms and AWS JSON 1.0
 * calls sent by hand land there too; bad input and other operations get CloudWatch's typed 400s. A servlet filter
 * records how each call arrived. All traffic stays on 127.0.0.1.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runnel.http.max-request-size=1MB")
@Import(CloudWatchSinkIT.WireRecorder.class)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudWatchSinkIT {

    private static final String REGION = "us-east-1";
    private static final String SIGNED_EU_WEST_1 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/"
            + "monitoring/aws4_request, SignedHeaders=host, Signature=0";

    @LocalServerPort
    int port;

    @Autowired
    MetricSink sink;

    @Autowired
    WireRecorder wire;

    private CloudWatchClient sync;
    private CloudWatchAsyncClient async;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeAll
    void clients() {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret"));
        sync = CloudWatchClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
        async = CloudWatchAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .http2Configuration(Http2Configuration.builder()
                                .maxStreams(100L)
                                .initialWindowSize(1024 * 1024)
                                .build())
                        .connectionTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    @AfterAll
    void close() {
        sync.close();
        async.close();
    }

    @BeforeEach
    void clearWire() {
        wire.clear();
    }

    /** What KCL's ProcessTask publishes per shard: a statistic set of records processed. */
    private static MetricDatum recordsProcessed(String shardId, double records, Instant timestamp) {
        return MetricDatum.builder()
                .metricName("RecordsProcessed")
                .dimensions(
                        Dimension.builder()
                                .name("Operation")
                                .value("ProcessTask")
                                .build(),
                        Dimension.builder().name("ShardId").value(shardId).build())
                .timestamp(timestamp)
                .statisticValues(StatisticSet.builder()
                        .sampleCount(1.0)
                        .sum(records)
                        .minimum(records)
                        .maximum(records)
                        .build())
                .unit(StandardUnit.COUNT)
                .build();
    }

    private List<MetricPoint> points(String region, String namespace) {
        return sink.points(region, namespace, MetricFilter.all(), Instant.EPOCH);
    }

    @Test
    void theSyncClientPutsOverRpcV2Cbor() {
        Instant timestamp = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);

        sync.putMetricData(r -> r.namespace("sync-app")
                .metricData(
                        recordsProcessed("shardId-000000000000", 10, timestamp),
                        recordsProcessed("shardId-000000000001", 5, timestamp),
                        MetricDatum.builder()
                                .metricName("MillisBehindLatest")
                                .values(0.0, 250.0)
                                .counts(3.0, 1.0)
                                .unit(StandardUnit.MILLISECONDS)
                                .build()));

        List<MetricPoint> points = points(REGION, "sync-app");
        assertThat(points).hasSize(4);
        MetricPoint first = points.get(0);
        assertThat(first.metricName()).isEqualTo("RecordsProcessed");
        assertThat(first.dimensions())
                .containsExactly(Map.entry("Operation", "ProcessTask"), Map.entry("ShardId", "shardId-000000000000"));
        assertThat(first.timestamp()).isEqualTo(timestamp);
        assertThat(first.unit()).isEqualTo("Count");
        assertThat(first.value()).isEqualTo(new MetricValue.Statistics(1, 10, 10, 10));
        assertThat(points.subList(2, 4))
                .extracting(MetricPoint::value)
                .containsExactly(new MetricValue.Single(0, 3), new MetricValue.Single(250, 1));
        assertThat(sink.sum(
                        REGION,
                        "sync-app",
                        "RecordsProcessed",
                        Map.of("Operation", "ProcessTask"),
                        Duration.ofMinutes(5)))
                .isEqualTo(15);
        assertThat(wire.seen())
                .singleElement()
                .isEqualTo(new Seen(
                        "/service/GraniteServiceVersion20100801/operation/PutMetricData",
                        "HTTP/1.1",
                        "application/cbor",
                        "rpc-v2-cbor",
                        null));
    }

    @Test
    void theSyncClientGzipsLargeBatchesAndTheyArriveWhole() {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            data.add(recordsProcessed(String.format("shardId-%012d", i), i, Instant.now()));
        }

        sync.putMetricData(r -> r.namespace("big-batch").metricData(data));

        assertThat(points(REGION, "big-batch")).hasSize(1000);
        assertThat(sink.sum(REGION, "big-batch", "RecordsProcessed", Map.of(), Duration.ofMinutes(5)))
                .isEqualTo(999 * 1000 / 2.0);
        assertThat(wire.seen())
                .singleElement()
                .satisfies(seen -> assertThat(seen.contentEncoding()).isEqualTo("gzip"));
    }

    @Test
    void theAsyncClientPutsOverHttp2LikeKcl() throws Exception {
        Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        async.putMetricData(r ->
                        r.namespace("async-app").metricData(recordsProcessed("shardId-000000000007", 42, timestamp)))
                .get();

        assertThat(points(REGION, "async-app")).singleElement().satisfies(p -> {
            assertThat(p.timestamp()).isEqualTo(timestamp);
            assertThat(p.value().sum()).isEqualTo(42);
        });
        assertThat(wire.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.httpVersion()).isEqualTo("HTTP/2.0");
            assertThat(seen.smithyProtocol()).isEqualTo("rpc-v2-cbor");
        });
    }

    @Test
    void badInputGetsCloudWatchsTypedErrorsThroughTheSdk() {
        assertThatThrownBy(() -> sync.putMetricData(r -> r.namespace("AWS/Kinesis")
                        .metricData(
                                MetricDatum.builder().metricName("m").value(1.0).build())))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The value 'AWS/Kinesis' for parameter Namespace is invalid: namespaces "
                                    + "starting with 'AWS/' are reserved for AWS services.");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> async.putMetricData(r -> r.namespace("n")
                                .metricData(MetricDatum.builder()
                                        .metricName("m")
                                        .value(1.0)
                                        .values(2.0)
                                        .build()))
                        .get())
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        InvalidParameterCombinationException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> sync.putMetricData(r -> r.namespace("n")
                        .metricData(MetricDatum.builder()
                                .metricName("m")
                                .value(Double.NaN)
                                .build())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("CloudWatch takes no NaN or infinite values");
        assertThat(sink.namespaces(REGION)).doesNotContain("AWS/Kinesis", "n");
    }

    @Test
    void otherOperationsAreUnknownAndSaySo() {
        assertThatThrownBy(() -> sync.listMetrics(r -> r.namespace("sync-app")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Unknown operation 'ListMetrics'. Runnel's CloudWatch is a metrics sink for "
                                    + "KCL that accepts PutMetricData only.");
                });
    }

    @Test
    void awsQueryFormsArePutAndAnsweredInXml() throws Exception {
        HttpResponse<String> response = post(
                "/",
                "application/x-www-form-urlencoded; charset=utf-8",
                Map.of("Authorization", SIGNED_EU_WEST_1),
                "Action=PutMetricData&Version=2010-08-01&Namespace=query-app"
                        + "&MetricData.member.1.MetricName=RecordsProcessed"
                        + "&MetricData.member.1.Dimensions.member.1.Name=Operation"
                        + "&MetricData.member.1.Dimensions.member.1.Value=ProcessTask"
                        + "&MetricData.member.1.Value=7&MetricData.member.1.Unit=Count");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.body()).contains("<PutMetricDataResponse").contains("<RequestId>" + requestId);
        assertThat(sink.sum("eu-west-1", "query-app", "RecordsProcessed", Map.of(), Duration.ofMinutes(5)))
                .isEqualTo(7);
        assertThat(sink.namespaces(REGION)).doesNotContain("query-app");

        HttpResponse<String> bad = post(
                "/",
                "application/x-www-form-urlencoded",
                Map.of(),
                "Action=PutMetricData&Namespace=query-app&MetricData.member.1.MetricName=m");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains("<ErrorResponse")
                .contains("<Code>MissingParameter</Code>")
                .contains("<RequestId>"
                        + bad.headers().firstValue("x-amzn-RequestId").orElseThrow());

        HttpResponse<String> other = post("/", "application/x-www-form-urlencoded", Map.of(), "Action=ListMetrics");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("<Code>InvalidAction</Code>").contains("PutMetricData only");
    }

    @Test
    void awsJson10CallsArePutAndAnsweredInJson() throws Exception {
        long seconds = Instant.now().getEpochSecond();
        HttpResponse<String> response = post(
                "/",
                "application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData"),
                "{\"Namespace\":\"json-app\",\"MetricData\":[{\"MetricName\":\"RecordsProcessed\",\"Timestamp\":"
                        + seconds + ",\"Value\":3}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(points(REGION, "json-app"))
                .singleElement()
                .satisfies(p -> assertThat(p.timestamp()).isEqualTo(Instant.ofEpochSecond(seconds)));

        HttpResponse<String> unreadable = post(
                "/",
                "application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData"),
                "{\"Namespace\":");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("\"__type\":\"SerializationException\"");
        assertThat(unreadable.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void unreadableCborIsASerializationExceptionNeverA500() throws Exception {
        HttpResponse<String> response = post(
                "/service/GraniteServiceVersion20100801/operation/PutMetricData",
                "application/cbor",
                Map.of("smithy-protocol", "rpc-v2-cbor"),
                "not cbor at all");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).contains("SerializationException");
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedInTheCallsProtocol() throws Exception {
        HttpResponse<String> response = post(
                "/service/GraniteServiceVersion20100801/operation/PutMetricData",
                "application/cbor",
                Map.of("smithy-protocol", "rpc-v2-cbor"),
                "x".repeat(1024 * 1024 + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void kinesisCallsStillReachTheKinesisEdge() throws Exception {
        HttpResponse<String> response =
                post("/", "application/x-amz-json-1.1", Map.of("X-Amz-Target", "Kinesis_20131202.ListStreams"), "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"StreamNames\"");
    }

    private HttpResponse<String> post(String path, String contentType, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Seen(String path, String httpVersion, String contentType, String smithyProtocol, String contentEncoding) {}

    /** Remembers how every CloudWatch RPC v2 call arrived (ahead of the edges). */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static final class WireRecorder extends OncePerRequestFilter {

        private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getRequestURI().startsWith("/service/")) {
                seen.add(new Seen(
                        request.getRequestURI(),
                        request.getProtocol(),
                        request.getContentType(),
                        request.getHeader("smithy-protocol"),
                        request.getHeader("Content-Encoding")));
            }
            chain.doFilter(request, response);
        }

        void clear() {
            seen.clear();
        }

        List<Seen> seen() {
            return List.copyOf(seen);
        }
    }
}
