package dev.runnel.aws;

import static dev.runnel.aws.AwsTestClient.CBOR;
import static dev.runnel.aws.AwsTestClient.JSON;
import static dev.runnel.aws.AwsTestClient.PREFIX;
import static dev.runnel.aws.AwsTestClient.cborDocument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.runnel.aws.AwsTestClient.Response;
import dev.runnel.aws.CborReader.Tagged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Kinesis wire protocol on {@code POST /} of the full application, byte for byte: the envelope, protocol
 * errors, JSON type errors, ValidationException texts, large bodies and the CBOR encoding (spec §1). Runs with
 * the default request-size limit; {@link AwsRequestLimitIT} covers a small one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runnel.streams.create-delay=0")
class AwsProtocolIT {

    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static final String ACCOUNT = "000000000000";

    @LocalServerPort
    int port;

    @Autowired
    AwsOperations operations;

    @Autowired
    MeterRegistry registry;

    private AwsTestClient aws;

    @BeforeEach
    void client() {
        aws = new AwsTestClient(port);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Envelope

    @Test
    void aMissingTargetIsAnUnknownOperation() {
        Response response = aws.send(null, JSON, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo(JSON);
        assertThat(response.json().path("__type").asString()).isEqualTo("UnknownOperationException");
    }

    @Test
    void anUnknownOperationNameIsAnUnknownOperation() {
        for (String target : List.of(
                PREFIX + "FlyToTheMoon", PREFIX, "DynamoDB_20110101.PutItem", "PutRecord", PREFIX + "putRecord")) {
            Response response = aws.send(target, JSON, "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as("%s -> %s", target, response).isEqualTo(400);
            assertThat(response.json().path("__type").asString())
                    .as("%s", target)
                    .isEqualTo("UnknownOperationException");
        }
    }

    @Test
    void everyCallIsTimedByOperationAndOutcomeUnderBoundedTags() throws Exception {
        double unknownBefore = requests("unknown", "UnknownOperationException", "json");
        double notFoundBefore = requests("DescribeStreamSummary", "ResourceNotFoundException", "cbor");
        double listedBefore = requests("ListStreams", "success", "json");
        aws.send(PREFIX + "FlyToTheMoon", JSON, "{}".getBytes(StandardCharsets.UTF_8));
        aws.send("Made-up target " + System.nanoTime(), JSON, "{}".getBytes(StandardCharsets.UTF_8));
        aws.cbor("DescribeStreamSummary", cborDocument(g -> {
            g.writeStartObject();
            g.writeStringProperty("StreamName", "nope");
            g.writeEndObject();
        }));
        assertThat(aws.json("ListStreams", "{}").status()).isEqualTo(200);

        assertThat(requestsReaching(unknownBefore + 2, "unknown", "UnknownOperationException", "json"))
                .isEqualTo(unknownBefore + 2);
        assertThat(requestsReaching(notFoundBefore + 1, "DescribeStreamSummary", "ResourceNotFoundException", "cbor"))
                .isEqualTo(notFoundBefore + 1);
        assertThat(requestsReaching(listedBefore + 1, "ListStreams", "success", "json"))
                .isEqualTo(listedBefore + 1);
        assertThat(registry.find("runnel.aws.requests").timers())
                .allSatisfy(
                        timer -> assertThat(timer.getId().getTag("operation")).isIn(operationTags()));

        HttpResponse<String> scrape = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.body())
                .contains("# HELP runnel_aws_requests_seconds ")
                .containsPattern("runnel_aws_requests_seconds_count\\{[^}]*operation=\"unknown\",outcome=\""
                        + "UnknownOperationException\",protocol=\"json\"[^}]*} \\d");
    }

    @Test
    void httpMetricsTimeTheRestApiButNotTheAwsEdge() throws Exception {
        long postsBefore = observedPosts();
        for (int i = 0; i < 3; i++) {
            assertThat(aws.json("ListStreams", "{}").status()).isEqualTo(200);
        }
        HttpResponse<String> rest = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/streams"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(200);

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (registry.find("http.server.requests").tag("uri", "/streams").timer() == null
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(registry.find("http.server.requests").tag("uri", "/streams").timer())
                .as("the REST call, observed")
                .isNotNull();
        assertThat(observedPosts())
                .as("POST requests observed as http.server.requests (the AWS edge times its calls itself)")
                .isEqualTo(postsBefore);
    }

    private long observedPosts() {
        return registry.find("http.server.requests").tag("method", "POST").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    /** The values the operation tag may take: a Kinesis operation's name or "unknown". */
    private static Set<String> operationTags() {
        Set<String> tags = new HashSet<>(AwsOperations.KINESIS_OPERATIONS);
        tags.add("unknown");
        return tags;
    }

    /**
     * The count of runnel.aws.requests once it reaches {@code expected}, or after five seconds: the edge counts a
     * call once it has answered it, so the client may see the answer a moment before the count.
     */
    private double requestsReaching(double expected, String operation, String outcome, String protocol)
            throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        double count = requests(operation, outcome, protocol);
        while (count < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            count = requests(operation, outcome, protocol);
        }
        return count;
    }

    private double requests(String operation, String outcome, String protocol) {
        Timer timer = registry.find("runnel.aws.requests")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .tag("protocol", protocol)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void everyAnswerHasItsOwnRequestId() {
        Set<String> ids = new HashSet<>();
        ids.add(aws.json("DescribeStreamSummary", "{\"StreamName\":\"nope\"}").requestId());
        ids.add(aws.json("DescribeStreamSummary", "{\"StreamName\":\"nope\"}").requestId());
        ids.add(aws.send(null, null, new byte[0]).requestId());
        assertThat(ids).hasSize(3);
    }

    @Test
    void answersInTheEncodingOfTheRequest() {
        String stream = newStream("encoding", 1);
        Response jsonOk = aws.json("DescribeStreamSummary", Map.of("StreamName", stream));
        Response jsonError = aws.json("DescribeStreamSummary", Map.of("StreamName", "nope"));
        byte[] cborBody = cborDocument(g -> {
            g.writeStartObject();
            g.writeName("StreamName");
            g.writeString(stream);
            g.writeEndObject();
        });
        Response cborOk = aws.cbor("DescribeStreamSummary", cborBody);
        Response cborError = aws.cbor("GetRecords", cborDocument(g -> {
            g.writeStartObject();
            g.writeName("ShardIterator");
            g.writeString("");
            g.writeEndObject();
        }));
        assertThat(jsonOk.status()).isEqualTo(200);
        assertThat(jsonOk.contentType()).isEqualTo(JSON);
        assertThat(jsonOk.json()
                        .path("StreamDescriptionSummary")
                        .path("StreamName")
                        .asString())
                .isEqualTo(stream);
        assertThat(jsonError.status()).isEqualTo(400);
        assertThat(jsonError.contentType()).isEqualTo(JSON);
        assertThat(cborOk.status()).isEqualTo(200);
        assertThat(cborOk.contentType()).isEqualTo(CBOR);
        assertThat(summary(cborOk.cbor())).containsEntry("StreamName", stream);
        assertThat(cborError.status()).isEqualTo(400);
        assertThat(cborError.contentType()).isEqualTo(CBOR);
        assertThat(cborError.cbor()).containsEntry("__type", "ValidationException");
    }

    @Test
    void aRequestWithoutContentTypeIsAnsweredInCbor() {
        Response response = aws.send(PREFIX + "FlyToTheMoon", null, new byte[] {(byte) 0xa0});
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo(CBOR);
        assertThat(response.cbor()).containsEntry("__type", "UnknownOperationException");
    }

    @Test
    void operationsWithoutOutputAnswerAnEmptyBody() {
        String name = "empty-" + STREAMS.incrementAndGet();
        Response created = aws.json("CreateStream", Map.of("StreamName", name, "ShardCount", 1));
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        assertThat(created.body()).isEmpty();
        assertThat(created.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(created.contentType()).isEqualTo(JSON);
        awaitActive(name);

        Response deleted = aws.cbor("DeleteStream", cborDocument(g -> {
            g.writeStartObject();
            g.writeName("StreamName");
            g.writeString(name);
            g.writeEndObject();
        }));
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(deleted.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(deleted.contentType()).isEqualTo(CBOR);
    }

    @Test
    void unknownMembersAndNullsAreIgnored() {
        String stream = newStream("lenient", 1);
        Response put = aws.json(
                "PutRecord",
                "{\"StreamName\":\"" + stream + "\",\"PartitionKey\":\"k\","
                        + "\"Data\":\"dGVzdDE=\",\"ExplicitHashKey\":null,\"StreamARN\":null,\"NotAMember\":{\"x\":[1]}}");
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().path("ShardId").asString()).isEqualTo("shardId-000000000000");
    }

    @Test
    void modelledErrorsCarryALowercaseMessage() {
        Response response = aws.json("DescribeStreamSummary", Map.of("StreamName", "nope"));
        assertThat(response.jsonError("ResourceNotFoundException"))
                .isEqualTo("Stream nope under account " + ACCOUNT + " not found.");
    }

    // ---------------------------------------------------------------------------------------------------------
    // SerializationException

    @Test
    void aBodyThatIsNotJsonIsASerializationException() {
        for (String body : List.of("{\"StreamName\":", "{not json}", "{\"StreamName\":\"s\"} trailing", "\u0000")) {
            Response response = aws.json("DescribeStreamSummary", body);
            assertThat(response.jsonError("SerializationException"))
                    .as("body %s", body)
                    .isNotNull();
        }
    }

    @Test
    void anEmptyBodyIsASerializationException() {
        Response json = aws.send(PREFIX + "PutRecord", JSON, new byte[0]);
        assertThat(json.jsonError("SerializationException")).isNotNull();

        Response cbor = aws.send(PREFIX + "PutRecord", CBOR, new byte[0]);
        assertThat(cbor.status()).isEqualTo(400);
        assertThat(cbor.contentType()).isEqualTo(CBOR);
        assertThat(cbor.cbor())
                .containsEntry("__type", "SerializationException")
                .containsKey("Message");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(
                        "CreateStream",
                        "{\"StreamName\":\"s\",\"ShardCount\":true}",
                        "class java.lang.Boolean can not be converted to an Integer"),
                Arguments.of(
                        "CreateStream",
                        "{\"StreamName\":\"s\",\"ShardCount\":\"1\"}",
                        "class java.lang.String can not be converted to an Integer"),
                Arguments.of(
                        "CreateStream",
                        "{\"StreamName\":12,\"ShardCount\":1}",
                        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"),
                Arguments.of(
                        "DescribeStreamSummary",
                        "{\"StreamName\":1.5}",
                        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"),
                Arguments.of(
                        "PutRecord",
                        "{\"StreamName\":\"s\",\"PartitionKey\":true,\"Data\":\"AA==\"}",
                        "class java.lang.Boolean can not be converted to an String"),
                Arguments.of(
                        "CreateStream",
                        "{\"StreamName\":[\"s\"],\"ShardCount\":1}",
                        "Start of list found where not expected"),
                Arguments.of(
                        "GetRecords",
                        "{\"ShardIterator\":\"x\",\"Limit\":[1]}",
                        "Start of list found where not expected"),
                Arguments.of(
                        "CreateStream",
                        "{\"StreamName\":{\"a\":\"b\"},\"ShardCount\":1}",
                        "Start of structure or map found where not expected."),
                Arguments.of(
                        "GetRecords",
                        "{\"ShardIterator\":{},\"Limit\":1}",
                        "Start of structure or map found where not expected."),
                Arguments.of(
                        "PutRecord",
                        "{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":true}",
                        "class java.lang.Boolean can not be converted to a Blob"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongTypeIsASerializationException(String operation, String body, String message) {
        assertThat(aws.json(operation, body).jsonError("SerializationException"))
                .isEqualTo(message);
    }

    @Test
    void dataMustBeStandardBase64() {
        Response length = aws.json("PutRecord", "{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"dGVzdDE\"}");
        assertThat(length.jsonError("SerializationException"))
                .isEqualTo(
                        "'dGVzdDE' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes "
                                + "but found: 7");
        Response character =
                aws.json("PutRecord", "{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"dGV#dDE=\"}");
        assertThat(character.jsonError("SerializationException"))
                .isEqualTo("'dGV#dDE=' can not be converted to a Blob: Invalid Base64 character: '#'");
        Response urlSafe = aws.json("PutRecord", "{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"ab-_\"}");
        assertThat(urlSafe.jsonError("SerializationException"))
                .isEqualTo("'ab-_' can not be converted to a Blob: Invalid Base64 character: '-'");
    }

    @Test
    void aTimestampMustBeANumber() {
        Response response = aws.json(
                "GetShardIterator",
                "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\","
                        + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":\"2024-01-01T00:00:00Z\"}");
        assertThat(response.jsonError("SerializationException"))
                .isEqualTo("class java.lang.String can not be converted to milliseconds since epoch");
    }

    @Test
    void fractionalIntegersAreFloored() {
        Response response = aws.json("GetRecords", "{\"ShardIterator\":\"x\",\"Limit\":0.9}");
        assertThat(response.jsonError("ValidationException"))
                .isEqualTo("1 validation error detected: Value '0' at "
                        + "'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    /** Spec §1.2 [obs]: AWS clamps Integer overflow to 2147483647, then validates the clamped value. */
    @Test
    void integerOverflowIsClampedBeforeValidation() {
        Response response = aws.json("GetRecords", "{\"ShardIterator\":\"x\",\"Limit\":3000000000}");
        assertThat(response.jsonError("ValidationException"))
                .isEqualTo("1 validation error detected: Value "
                        + "'2147483647' at 'limit' failed to satisfy constraint: Member must have value less than or equal "
                        + "to 10000");
    }

    // ---------------------------------------------------------------------------------------------------------
    // ValidationException (spec §1.5)

    @Test
    void oneViolation() {
        assertThat(aws.json("GetRecords", "{\"ShardIterator\":\"\"}").jsonError("ValidationException"))
                .isEqualTo("1 validation error detected: Value '' at 'shardIterator' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        String name = "a".repeat(129);
        assertThat(aws.json("CreateStream", Map.of("StreamName", name, "ShardCount", 1))
                        .jsonError("ValidationException"))
                .isEqualTo("1 validation error detected: Value '" + name + "' at 'streamName' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 128");
        // The model leaves PartitionKey optional (streams with the AUTO record distribution take records without
        // one); a stream of the default USER_PARTITION_KEY distribution still refuses them, in the model's words.
        aws.json("CreateStream", Map.of("StreamName", "no-partition-key", "ShardCount", 1));
        assertThat(aws.json("PutRecord", "{\"StreamName\":\"no-partition-key\",\"Data\":\"AA==\"}")
                        .jsonError("ValidationException"))
                .isEqualTo("1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void getRecordsLimitIsAtMost10000() {
        assertThat(aws.json("GetRecords", "{\"ShardIterator\":\"x\",\"Limit\":10001}")
                        .jsonError("ValidationException"))
                .isEqualTo("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000");
    }

    @Test
    void twoViolationsOfTwoMembers() {
        String message =
                aws.json("GetRecords", "{\"ShardIterator\":\"\",\"Limit\":0}").jsonError("ValidationException");
        String prefix = "2 validation errors detected: ";
        assertThat(message).startsWith(prefix);
        assertThat(message.substring(prefix.length()).split("; "))
                .containsExactlyInAnyOrder(
                        "Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or "
                                + "equal to 1",
                        "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    /**
     * An empty StreamName breaks both the pattern and the minimum length; AWS reports the pattern first (as
     * recorded by kinesalite for CreateStream, PutRecords, DescribeStream, GetShardIterator, ...).
     */
    @Test
    void anEmptyStreamNameBreaksThePatternAndTheLength() {
        assertThat(aws.json("CreateStream", Map.of("StreamName", "", "ShardCount", 1))
                        .jsonError("ValidationException"))
                .isEqualTo("2 validation errors detected: "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater "
                        + "than or equal to 1");
    }

    @Test
    void listIndexesCountFromOne() {
        String body = "{\"StreamName\":\"s\",\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"ok\"},"
                + "{\"Data\":\"AA==\",\"PartitionKey\":\"\"}]}";
        assertThat(aws.json("PutRecords", body).jsonError("ValidationException"))
                .isEqualTo("1 validation error detected: Value '' at 'records.2.partitionKey' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void anEmptyRecordListIsShownAsAnEmptyList() {
        assertThat(aws.json("PutRecords", "{\"StreamName\":\"s\",\"Records\":[]}")
                        .jsonError("ValidationException"))
                .isEqualTo("1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void putRecordsTakesAtMost500RecordsAndValidatesBeforeLookingForTheStream() {
        List<Map<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            records.add(Map.of("Data", "AA==", "PartitionKey", "k" + i));
        }
        Response response = aws.json("PutRecords", Map.of("StreamName", "no-such-stream", "Records", records));
        String message = response.jsonError("ValidationException");
        assertThat(message)
                .startsWith("1 validation error detected: Value '")
                .endsWith("' at 'records' failed to satisfy constraint: Member must have length less than or equal "
                        + "to 500");
    }

    @Test
    void atMostTenViolationsAreReported() {
        List<Map<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(Map.of("Data", "AA==", "PartitionKey", ""));
        }
        String message = aws.json("PutRecords", Map.of("StreamName", "s", "Records", records))
                .jsonError("ValidationException");
        assertThat(message).startsWith("10 validation errors detected: Value '' at 'records.1.partitionKey' ");
        assertThat(message.split("; ")).hasSize(10);
    }

    @Test
    void anUnknownIteratorTypeBreaksTheEnum() {
        String message = aws.json(
                        "GetShardIterator",
                        "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\","
                                + "\"ShardIteratorType\":\"SOMETIME\"}")
                .jsonError("ValidationException");
        assertThat(message)
                .startsWith("1 validation error detected: Value 'SOMETIME' at 'shardIteratorType' failed "
                        + "to satisfy constraint: Member must satisfy enum value set: [");
        String set = message.substring(message.indexOf('[') + 1, message.lastIndexOf(']'));
        assertThat(set.split(", "))
                .containsExactlyInAnyOrder(
                        "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Large bodies

    @Test
    void aTenMebibyteRecordIsAcceptedByAStreamThatAllowsIt() {
        String stream = "big-" + STREAMS.incrementAndGet();
        Response created =
                aws.json("CreateStream", Map.of("StreamName", stream, "ShardCount", 1, "MaxRecordSizeInKiB", 10240));
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        awaitActive(stream);

        byte[] data = new byte[10 * 1024 * 1024 - 1];
        new Random(42).nextBytes(data);
        String body = "{\"StreamName\":\"" + stream + "\",\"PartitionKey\":\"k\",\"Data\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}";
        assertThat(body.length()).isGreaterThan(13 * 1024 * 1024);
        Response put = aws.json("PutRecord", body);
        assertThat(put.status()).as("%s", put).isEqualTo(200);

        JsonNode records = readJson(stream, "TRIM_HORIZON").get("Records");
        assertThat(records).hasSize(1);
        byte[] read = Base64.getDecoder().decode(records.get(0).get("Data").asString());
        assertThat(Arrays.equals(read, data))
                .as("the 10 MiB record reads back unchanged")
                .isTrue();

        // One byte more than MaxRecordSizeInKiB (data plus partition key) is refused as an argument, not a body.
        byte[] tooBig = new byte[10 * 1024 * 1024];
        Response refused = aws.json(
                "PutRecord",
                "{\"StreamName\":\"" + stream + "\",\"PartitionKey\":\"k\"," + "\"Data\":\""
                        + Base64.getEncoder().encodeToString(tooBig) + "\"}");
        assertThat(refused.jsonError("InvalidArgumentException")).isNotEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // CBOR

    @Test
    void cborRequestsAndAnswersUseByteStringsAndEpochMilliseconds() throws InterruptedException {
        String stream = "cbor-" + STREAMS.incrementAndGet();
        byte[] create = cborDocument(g -> {
            g.writeStartObject();
            g.writeName("StreamName");
            g.writeString(stream);
            g.writeName("ShardCount");
            g.writeNumber(1);
            g.writeName("StreamModeDetails");
            g.writeStartObject();
            g.writeName("StreamMode");
            g.writeString("PROVISIONED");
            g.writeEndObject();
            g.writeEndObject();
        });
        assertThat(create[0] & 0xff)
                .as("an indefinite-length map, as SDK v2 writes")
                .isEqualTo(0xbf);
        Response created = aws.cbor("CreateStream", create);
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        assertThat(created.body()).isEmpty();
        awaitActive(stream);

        List<byte[]> payloads = List.of(
                new byte[] {0, 1, 2, (byte) 0xff}, "test2".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[] {
                    (byte) 0x80, 0x7f
                });
        List<String> sequenceNumbers = new ArrayList<>();
        for (byte[] payload : payloads) {
            Response put = aws.cbor("PutRecord", cborDocument(g -> {
                g.writeStartObject();
                g.writeName("StreamName");
                g.writeString(stream);
                g.writeName("Data");
                g.writeBinary(payload);
                g.writeName("PartitionKey");
                g.writeString("pk");
                g.writeEndObject();
            }));
            assertThat(put.status()).as("%s", put).isEqualTo(200);
            Map<Object, Object> answer = put.cbor();
            assertThat(answer).containsEntry("ShardId", "shardId-000000000000");
            assertThat(answer.get("SequenceNumber")).isInstanceOf(String.class);
            sequenceNumbers.add((String) answer.get("SequenceNumber"));
            Thread.sleep(20); // spreads the arrival times, so that AT_TIMESTAMP below has records on both sides
        }

        Map<Object, Object> page = readCbor(stream, iteratorCbor(stream, g -> {
            g.writeName("ShardIteratorType");
            g.writeString("TRIM_HORIZON");
        }));
        assertThat(page.get("MillisBehindLatest")).isEqualTo(0L);
        assertThat(page.get("NextShardIterator")).isInstanceOf(String.class);
        List<Map<Object, Object>> records = records(page);
        assertThat(records).hasSize(payloads.size());
        JsonNode jsonRecords = readJson(stream, "TRIM_HORIZON").get("Records");
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<Object, Object> record = records.get(i);
            assertThat(record.get("Data"))
                    .as("Data of record %d is a CBOR byte string", i)
                    .isInstanceOf(byte[].class);
            assertThat((byte[]) record.get("Data")).isEqualTo(payloads.get(i));
            assertThat(record)
                    .containsEntry("PartitionKey", "pk")
                    .containsEntry("SequenceNumber", sequenceNumbers.get(i));
            long millis = epochMillis(record.get("ApproximateArrivalTimestamp"));
            BigDecimal seconds =
                    jsonRecords.get(i).get("ApproximateArrivalTimestamp").decimalValue();
            assertThat(jsonRecords.get(i).get("ApproximateArrivalTimestamp").isNumber())
                    .isTrue();
            assertThat(millis)
                    .as("CBOR milliseconds agree with the JSON seconds of record %d", i)
                    .isEqualTo(seconds.movePointRight(3).longValueExact());
            arrivals.add(millis);
        }

        Map<Object, Object> summary = summary(aws.cbor("DescribeStreamSummary", cborDocument(g -> {
                    g.writeStartObject();
                    g.writeName("StreamName");
                    g.writeString(stream);
                    g.writeEndObject();
                }))
                .cbor());
        BigDecimal createdSeconds = aws.json("DescribeStreamSummary", Map.of("StreamName", stream))
                .json()
                .get("StreamDescriptionSummary")
                .get("StreamCreationTimestamp")
                .decimalValue();
        assertThat(epochMillis(summary.get("StreamCreationTimestamp")))
                .as("CBOR StreamCreationTimestamp in milliseconds, the JSON one in seconds")
                .isEqualTo(createdSeconds.movePointRight(3).longValueExact())
                .isLessThanOrEqualTo(arrivals.get(0));

        // AT_TIMESTAMP as tag 1 + integer epoch milliseconds: records arriving at or after it.
        for (long at : List.of(arrivals.get(0), arrivals.get(2))) {
            List<byte[]> expected = new ArrayList<>();
            for (int i = 0; i < arrivals.size(); i++) {
                if (arrivals.get(i) >= at) {
                    expected.add(payloads.get(i));
                }
            }
            Map<Object, Object> fromTimestamp = readCbor(stream, iteratorCbor(stream, g -> {
                g.writeName("ShardIteratorType");
                g.writeString("AT_TIMESTAMP");
                g.writeName("Timestamp");
                ((tools.jackson.dataformat.cbor.CBORGenerator) g).writeTag(1);
                g.writeNumber(at);
            }));
            assertThat(records(fromTimestamp).stream()
                            .map(r -> (byte[]) r.get("Data"))
                            .toList())
                    .as("AT_TIMESTAMP %d ms (arrivals %s)", at, arrivals)
                    .usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(expected);
        }
        // A float of milliseconds is read as milliseconds too.
        Map<Object, Object> fromFloat = readCbor(stream, iteratorCbor(stream, g -> {
            g.writeName("ShardIteratorType");
            g.writeString("AT_TIMESTAMP");
            g.writeName("Timestamp");
            ((tools.jackson.dataformat.cbor.CBORGenerator) g).writeTag(1);
            g.writeNumber((double) arrivals.get(0));
        }));
        assertThat(records(fromFloat)).hasSize(payloads.size());
    }

    @Test
    void cborDefiniteLengthsAndChunkedStringsAreReadToo() {
        String stream = newStream("cbor-chunks", 1);
        byte[] name = stream.getBytes(StandardCharsets.UTF_8);
        int half = name.length / 2;
        // {"StreamName": (_ "<first half>" "<second half>")} as a definite-length map with an indefinite string.
        byte[] key = "StreamName".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(0xa1);
        body.write(0x60 | key.length);
        body.writeBytes(key);
        body.write(0x7f);
        body.write(0x60 | half);
        body.write(name, 0, half);
        body.write(0x60 | (name.length - half));
        body.write(name, half, name.length - half);
        body.write(0xff);
        Response response = aws.cbor("DescribeStreamSummary", body.toByteArray());
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(summary(response.cbor())).containsEntry("StreamName", stream);
    }

    @Test
    void cborErrorsAreCborMaps() {
        Response notFound = aws.cbor("DescribeStreamSummary", cborDocument(g -> {
            g.writeStartObject();
            g.writeName("StreamName");
            g.writeString("nope");
            g.writeEndObject();
        }));
        assertThat(notFound.status()).isEqualTo(400);
        assertThat(notFound.contentType()).isEqualTo(CBOR);
        assertThat(notFound.cbor())
                .containsExactly(
                        entry("__type", "ResourceNotFoundException"),
                        entry("message", "Stream nope under account " + ACCOUNT + " not found."));

        Response invalid = aws.cbor("GetRecords", cborDocument(g -> {
            g.writeStartObject();
            g.writeName("ShardIterator");
            g.writeString("x");
            g.writeName("Limit");
            g.writeNumber(10001);
            g.writeEndObject();
        }));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.cbor())
                .containsEntry("__type", "ValidationException")
                .containsEntry(
                        "message",
                        "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must "
                                + "have value less than or equal to 10000");

        Response truncated = aws.cbor("DescribeStreamSummary", new byte[] {(byte) 0xbf, 0x6a, 'S', 't'});
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.contentType()).isEqualTo(CBOR);
        assertThat(truncated.cbor()).containsEntry("__type", "SerializationException");

        Response wrongType = aws.cbor("GetRecords", cborDocument(g -> {
            g.writeStartObject();
            g.writeName("ShardIterator");
            g.writeString("x");
            g.writeName("Limit");
            g.writeBoolean(true);
            g.writeEndObject();
        }));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.cbor())
                .containsEntry("__type", "SerializationException")
                .containsEntry("Message", "class java.lang.Boolean can not be converted to an Integer");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private String newStream(String prefix, int shards) {
        String name = prefix + "-" + STREAMS.incrementAndGet();
        Response created = aws.json("CreateStream", Map.of("StreamName", name, "ShardCount", shards));
        assertThat(created.status()).as("CreateStream %s: %s", name, created).isEqualTo(200);
        awaitActive(name);
        return name;
    }

    private void awaitActive(String name) {
        String status = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            Response summary = aws.json("DescribeStreamSummary", Map.of("StreamName", name));
            assertThat(summary.status()).as("%s", summary).isEqualTo(200);
            status = summary.json()
                    .path("StreamDescriptionSummary")
                    .path("StreamStatus")
                    .asString();
            if (status.equals("ACTIVE")) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(status).as("status of %s after 200 polls", name).isEqualTo("ACTIVE");
    }

    private JsonNode readJson(String stream, String type) {
        Response iterator = aws.json(
                "GetShardIterator",
                Map.of("StreamName", stream, "ShardId", "shardId-000000000000", "ShardIteratorType", type));
        assertThat(iterator.status()).as("%s", iterator).isEqualTo(200);
        Response records = aws.json(
                "GetRecords",
                Map.of("ShardIterator", iterator.json().get("ShardIterator").asString()));
        assertThat(records.status()).as("%s", records).isEqualTo(200);
        assertThat(records.contentType()).isEqualTo(JSON);
        return records.json();
    }

    private String iteratorCbor(String stream, java.util.function.Consumer<tools.jackson.core.JsonGenerator> members) {
        Response response = aws.cbor("GetShardIterator", cborDocument(g -> {
            g.writeStartObject();
            g.writeName("StreamName");
            g.writeString(stream);
            g.writeName("ShardId");
            g.writeString("shardId-000000000000");
            members.accept(g);
            g.writeEndObject();
        }));
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(CBOR);
        Object iterator = response.cbor().get("ShardIterator");
        assertThat(iterator).isInstanceOf(String.class);
        return (String) iterator;
    }

    private Map<Object, Object> readCbor(String stream, String iterator) {
        Response response = aws.cbor("GetRecords", cborDocument(g -> {
            g.writeStartObject();
            g.writeName("ShardIterator");
            g.writeString(iterator);
            g.writeEndObject();
        }));
        assertThat(response.status())
                .as("GetRecords of %s: %s", stream, response)
                .isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(CBOR);
        return response.cbor();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<Object, Object>> records(Map<Object, Object> page) {
        assertThat(page.get("Records")).isInstanceOf(List.class);
        return (List<Map<Object, Object>>) page.get("Records");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> summary(Map<Object, Object> answer) {
        assertThat(answer.get("StreamDescriptionSummary")).isInstanceOf(Map.class);
        return (Map<Object, Object>) answer.get("StreamDescriptionSummary");
    }

    /** A CBOR timestamp as SDK v2 reads it: an integer of epoch milliseconds, optionally inside tag 1. */
    private static long epochMillis(Object value) {
        Object number = value;
        if (value instanceof Tagged tagged) {
            assertThat(tagged.tag()).as("the only tag allowed on a timestamp").isEqualTo(1L);
            number = tagged.value();
        }
        assertThat(number)
                .as("a timestamp is an integer of epoch milliseconds, not %s", value)
                .isInstanceOf(Long.class);
        long millis = (Long) number;
        assertThat(millis)
                .as("epoch milliseconds (after 2001, before 2286)")
                .isBetween(1_000_000_000_000L, 9_999_999_999_999L);
        return millis;
    }
}
