package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Issue 17, items 8 to 13, on a started server, both edges: input AWS refuses (coerced numbers, non-canonical
 * Base64, tag characters, a reversed MergeShards pair), regions outside the served set, paths with {@code ;}
 * parameters, and CORS for pages on loopback origins.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runnel.streams.create-delay=0", "runnel.streams.update-delay=0"})
class InputRulesIT {

    private static final String JSON = "application/x-amz-json-1.1";
    private static final String CBOR = "application/x-amz-cbor-1.1";
    private static final String SDK_HEADERS = "amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,"
            + "x-amz-content-sha256,x-amz-date,x-amz-target,x-amz-user-agent";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final AtomicInteger STREAMS = new AtomicInteger();

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {

        JsonNode json() {
            return MAPPER.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** {@code __type} and the message of an AWS error in JSON. */
        String awsError(String type) {
            assertThat(status).as("status of %s", text()).isEqualTo(400);
            assertThat(json().path("__type").asString()).as(text()).isEqualTo(type);
            return json().path(type.equals("SerializationException") ? "Message" : "message")
                    .asString();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String authorization(String region) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region + "/kinesis/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0000";
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    /** A Kinesis call signed for a region (null: unsigned), with extra headers as name, value pairs. */
    private Answer aws(String region, String operation, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = request("/")
                .header("X-Amz-Target", "Kinesis_20131202." + operation)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (region != null) {
            request.header("Authorization", authorization(region));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private Answer aws(String operation, String json) {
        return aws("us-east-1", operation, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private Answer cbor(String operation, Map<String, Object> members) {
        return aws("us-east-1", operation, CBOR, CBORMapper.builder().build().writeValueAsBytes(members));
    }

    private Answer rest(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = request(path)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private static String name() {
        return "input-rules-" + STREAMS.incrementAndGet();
    }

    private String createStream(int shards) {
        String name = name();
        assertThat(aws("CreateStream", "{\"StreamName\":\"" + name + "\",\"ShardCount\":" + shards + "}")
                        .status())
                .isEqualTo(200);
        return name;
    }

    // ---- item 8: numbers and strings ----------------------------------------------------------------------

    @Test
    void theAwsEdgeNeverTakesStringsForNumbersOrNumbersForStrings() {
        String name = name();
        assertThat(aws("CreateStream", "{\"StreamName\":\"" + name + "\",\"ShardCount\":\"\\u0663\"}")
                        .awsError("SerializationException"))
                .isEqualTo("class java.lang.String can not be converted to an Integer");
        assertThat(aws("CreateStream", "{\"StreamName\":\"" + name + "\",\"ShardCount\":\"3\"}")
                        .awsError("SerializationException"))
                .isEqualTo("class java.lang.String can not be converted to an Integer");
        assertThat(aws("PutRecord", "{\"StreamName\":\"" + name + "\",\"PartitionKey\":2147483648,\"Data\":\"\"}")
                        .awsError("SerializationException"))
                .isEqualTo("class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to "
                        + "an String");

        Map<String, Object> text = new LinkedHashMap<>(Map.of("StreamName", name, "ShardCount", "3"));
        assertThat(cbor("CreateStream", text).status()).isEqualTo(400);
        Map<String, Object> nan = new LinkedHashMap<>(Map.of("StreamName", name, "ShardCount", Double.NaN));
        Answer notANumber = cbor("CreateStream", nan);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(CBORMapper.builder()
                        .build()
                        .readTree(notANumber.body())
                        .path("Message")
                        .asString())
                .isEqualTo("Value NaN can not be converted to an Integer");

        // AWS floors a fraction where it expects an integer (spec 1.2), and so does Runnel
        assertThat(aws("CreateStream", "{\"StreamName\":\"" + name + "\",\"ShardCount\":1.5}")
                        .status())
                .isEqualTo(200);
        assertThat(aws("DescribeStreamSummary", "{\"StreamName\":\"" + name + "\"}")
                        .json()
                        .path("StreamDescriptionSummary")
                        .path("OpenShardCount")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void theRestApiNeverTakesStringsForNumbersOrNumbersForStrings() {
        String name = name();
        Answer digit = rest("POST", "/streams", "{\"streamName\":\"" + name + "\",\"shardCount\":\"\\u0663\"}");
        assertThat(digit.status()).isEqualTo(400);
        assertThat(digit.json().path("errorType").asString()).isEqualTo("SerializationException");
        assertThat(rest("GET", "/streams/" + name, null).status()).isEqualTo(404);

        assertThat(rest("POST", "/streams", "{\"streamName\":\"" + name + "\",\"shardCount\":1}")
                        .status())
                .isEqualTo(201);
        Answer number = rest("POST", "/streams/" + name + "/records", "{\"partitionKey\":\"k\",\"text\":2147483648}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().path("detail").asString()).isEqualTo("The value at 'text' is not a string.");
        assertThat(rest("GET", "/streams?limit=%D9%A3", null)
                        .json()
                        .path("detail")
                        .asString())
                .isEqualTo("Value '\u0663' at 'limit' is not a whole number.");
    }

    // ---- item 9: matrix parameters ------------------------------------------------------------------------

    @Test
    void aPathWithSemicolonParametersNamesNoStream() {
        String name = name();
        assertThat(rest("POST", "/streams", "{\"streamName\":\"" + name + "\",\"shardCount\":1}")
                        .status())
                .isEqualTo(201);
        Answer delete = rest("DELETE", "/streams/" + name + ";x=1", null);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.header("Content-Type")).startsWith("application/problem+json");
        assertThat(delete.json().path("errorType").asString()).isEqualTo("UnknownOperationException");
        assertThat(rest("GET", "/streams/" + name, null).json().path("status").asString())
                .isEqualTo("ACTIVE");
    }

    // ---- item 10: regions ---------------------------------------------------------------------------------

    @Test
    void aCallSignedForARegionRunnelDoesNotServeIsRefused() {
        String name = name();
        byte[] create = ("{\"StreamName\":\"" + name + "\",\"ShardCount\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(aws("xx-fake-1", "CreateStream", JSON, create).awsError("InvalidSignatureException"))
                .startsWith("Credential should be scoped to a valid region, not 'xx-fake-1'. Runnel serves "
                        + "runnel.region (us-east-1) and the regions of runnel.regions");
        String long7000 = "us-east-" + "1".repeat(7_000);
        String refusal = aws(long7000, "CreateStream", JSON, create).awsError("InvalidSignatureException");
        assertThat(refusal)
                .startsWith("Credential should be scoped to a valid region, not a name of 7008 characters.")
                .hasSizeLessThan(300);

        assertThat(aws("ap-southeast-7", "CreateStream", JSON, create).status()).isEqualTo(200);
        byte[] summary = ("{\"StreamName\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(aws("ap-southeast-7", "DescribeStreamSummary", JSON, summary)
                        .json()
                        .path("StreamDescriptionSummary")
                        .path("StreamARN")
                        .asString())
                .isEqualTo("arn:aws:kinesis:ap-southeast-7:000000000000:stream/" + name);
        assertThat(aws(null, "DescribeStreamSummary", JSON, summary).awsError("ResourceNotFoundException"))
                .as("an unsigned call is for the default region")
                .contains("not found");
    }

    // ---- item 12: Base64, tags, MergeShards ---------------------------------------------------------------

    @Test
    void nonCanonicalBase64IsRefusedOnBothEdges() {
        String name = createStream(1);
        assertThat(aws("PutRecord", "{\"StreamName\":\"" + name + "\",\"PartitionKey\":\"k\",\"Data\":\"+/+=\"}")
                        .awsError("SerializationException"))
                .isEqualTo("'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
        assertThat(aws("PutRecord", "{\"StreamName\":\"" + name + "\",\"PartitionKey\":\"k\",\"Data\":\"+/8=\"}")
                        .status())
                .isEqualTo(200);
        Answer rest = rest("POST", "/streams/" + name + "/records", "{\"partitionKey\":\"k\",\"data\":\"+/+=\"}");
        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.json().path("errorType").asString()).isEqualTo("SerializationException");
    }

    @Test
    void tagCharactersAreCheckedWhenTagsAreAddedAndRemoved() {
        String name = createStream(1);
        String invalid = "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white "
                + "space, _ . / = + - % @ :.";
        assertThat(aws("AddTagsToStream", "{\"StreamName\":\"" + name + "\",\"Tags\":{\"a\\tb\":\"v\"}}")
                        .awsError("InvalidArgumentException"))
                .isEqualTo(invalid);
        assertThat(aws("AddTagsToStream", "{\"StreamName\":\"" + name + "\",\"Tags\":{\"k\":\"line\\nbreak\"}}")
                        .awsError("InvalidArgumentException"))
                .isEqualTo(invalid);
        assertThat(aws("RemoveTagsFromStream", "{\"StreamName\":\"" + name + "\",\"TagKeys\":[\"abc;def\"]}")
                        .awsError("InvalidArgumentException"))
                .isEqualTo(invalid);
        assertThat(aws("RemoveTagsFromStream", "{\"StreamName\":\"" + name + "-no\",\"TagKeys\":[\"abc;def\"]}")
                        .awsError("ResourceNotFoundException"))
                .contains("not found");
        assertThat(aws("AddTagsToStream", "{\"StreamName\":\"" + name + "\",\"Tags\":{\"\\u00fc0 _.\":\"/=+-@:\"}}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void mergeShardsTakesTheAdjacentShardAfterTheShardToMerge() {
        String name = createStream(2);
        assertThat(aws(
                                "MergeShards",
                                "{\"StreamName\":\"" + name + "\",\"ShardToMerge\":\"shardId-000000000001\","
                                        + "\"AdjacentShardToMerge\":\"shardId-000000000000\"}")
                        .awsError("InvalidArgumentException"))
                .isEqualTo("Shards shardId-000000000001 and shardId-000000000000 in stream " + name
                        + " under account 000000000000 are not an adjacent pair of shards eligible for merging");
        assertThat(aws(
                                "MergeShards",
                                "{\"StreamName\":\"" + name + "\",\"ShardToMerge\":\"shardId-000000000000\","
                                        + "\"AdjacentShardToMerge\":\"shardId-000000000001\"}")
                        .status())
                .isEqualTo(200);
    }

    // ---- item 13: CORS ------------------------------------------------------------------------------------

    @Test
    void aPageOnLoopbackCanCallTheAwsEdgeAndTheRestApi() {
        String origin = "http://localhost:3000";
        Answer preflight = send(request("/")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", SDK_HEADERS));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo(SDK_HEADERS);

        Answer call = aws("us-east-1", "ListStreams", JSON, "{}".getBytes(StandardCharsets.UTF_8), "Origin", origin);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(call.header("Access-Control-Expose-Headers")).contains("x-amzn-RequestId");
        assertThat(call.json().has("StreamNames")).isTrue();

        Answer error = aws(
                "us-east-1",
                "DescribeStreamSummary",
                JSON,
                "{}".getBytes(StandardCharsets.UTF_8),
                "Origin",
                "http://127.0.0.1:5173");
        assertThat(error.awsError("InvalidArgumentException")).isNotBlank();
        assertThat(error.header("Access-Control-Allow-Origin")).isEqualTo("http://127.0.0.1:5173");

        Answer rest = rest("GET", "/streams", null, "Origin", "http://[::1]:8080");
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.header("Access-Control-Allow-Origin")).isEqualTo("http://[::1]:8080");
    }

    @Test
    void aPageOnAnotherOriginGetsNoGrant() {
        List<Answer> answers = new ArrayList<>();
        answers.add(send(request("/streams")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "DELETE")));
        answers.add(rest("GET", "/streams", null, "Origin", "http://evil.example"));
        answers.add(aws(
                "us-east-1",
                "ListStreams",
                JSON,
                "{}".getBytes(StandardCharsets.UTF_8),
                "Origin",
                "http://localhost.evil.example"));
        for (Answer answer : answers) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
