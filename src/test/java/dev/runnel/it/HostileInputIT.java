package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * A hostile client's corpus, sent to a started Runnel: at least 10,000 generated bad requests across AWS JSON, AWS
 * CBOR and REST — wrong types, huge, negative and non-numeric numbers, bad Base64, oversize data, over-long names
 * and keys, bad and forged iterators and hash keys, deep nesting, truncated and random bodies, bad chunking, bad
 * percent-encoding, odd methods and content types. Every answer must be below 500 and typed: AWS-shaped ({@code
 * __type}, {@code message} or, as AWS words SerializationException, {@code Message}) on the AWS edge, {@code application/problem+json} with an {@code errorType} on the
 * REST API. Afterwards the server still answers and the records written before the run are intact.
 *
 * <p>Seeded and reproducible: {@code -Dhostile.seed=N} replays a run, {@code -Dhostile.cases=N} changes its size;
 * a failure prints the raw request that caused it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.streams.create-delay=0",
            "runnel.streams.delete-delay=0",
            "runnel.streams.update-delay=0",
            "runnel.fan-out.create-delay=0",
            "runnel.http.max-request-size=256KB",
            "runnel.limits.enabled=false"
        })
@DirtiesContext
class HostileInputIT {

    private static final long SEED = Long.getLong("hostile.seed", 20261206L);
    private static final int CASES = Integer.getInteger("hostile.cases", 10_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CBORMapper CBOR = CBORMapper.builder().build();
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host, Signature=0000";

    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/keep";

    /** Operations and a valid-looking body for each, which the generator then breaks. */
    private static final Map<String, Supplier<Map<String, Object>>> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("CreateStream", () -> body("StreamName", "hostile-new", "ShardCount", 1));
        TEMPLATES.put("DescribeStream", () -> body("StreamName", "keep", "Limit", 10));
        TEMPLATES.put("DescribeStreamSummary", () -> body("StreamName", "keep"));
        TEMPLATES.put("ListStreams", () -> body("Limit", 10));
        TEMPLATES.put("ListShards", () -> body("StreamName", "keep", "MaxResults", 10));
        TEMPLATES.put("PutRecord", () -> body("StreamName", "keep", "PartitionKey", "k", "Data", "aGk="));
        TEMPLATES.put(
                "PutRecords",
                () -> body("StreamName", "keep", "Records", List.of(body("PartitionKey", "k", "Data", "aGk="))));
        TEMPLATES.put(
                "GetShardIterator",
                () -> body("StreamName", "keep", "ShardId", "shardId-000000000000", "ShardIteratorType", "LATEST"));
        TEMPLATES.put("GetRecords", () -> body("ShardIterator", "AAAA", "Limit", 10));
        TEMPLATES.put(
                "SplitShard",
                () -> body("StreamName", "keep", "ShardToSplit", "shardId-000000000000", "NewStartingHashKey", "1"));
        TEMPLATES.put("AddTagsToStream", () -> body("StreamName", "keep", "Tags", Map.of("a", "b")));
        TEMPLATES.put("RegisterStreamConsumer", () -> body("StreamARN", ARN, "ConsumerName", "c"));
        TEMPLATES.put("DescribeStreamConsumer", () -> body("StreamARN", ARN, "ConsumerName", "c"));
        TEMPLATES.put(
                "SubscribeToShard",
                () -> body(
                        "ConsumerARN",
                        ARN + "/consumer/c:1",
                        "ShardId",
                        "shardId-000000000000",
                        "StartingPosition",
                        body("Type", "LATEST")));
        TEMPLATES.put("PutResourcePolicy", () -> body("ResourceARN", ARN, "Policy", "{}"));
        TEMPLATES.put(
                "UpdateShardCount",
                () -> body("StreamName", "keep", "TargetShardCount", 2, "ScalingType", "UNIFORM_SCALING"));
        TEMPLATES.put("IncreaseStreamRetentionPeriod", () -> body("StreamName", "keep", "RetentionPeriodHours", 48));
        TEMPLATES.put("CreateChannel", () -> body("ChannelName", "ch", "StreamARN", ARN));
    }

    /** REST targets name {@code victim}, which the corpus may delete; {@code keep} holds the data checked after. */
    private static final List<String> REST_PATHS = List.of(
            "/streams",
            "/streams/victim",
            "/streams/victim/shards",
            "/streams/victim/records",
            "/streams/victim/records/batch",
            "/streams/victim/shard-iterators",
            "/streams/victim/insights",
            "/streams/victim/retention",
            "/streams/victim/shards/shardId-000000000000/split");

    @LocalServerPort
    int port;

    private final List<String> failures = new ArrayList<>();

    @Test
    void tenThousandBadRequestsGetTypedAnswersAndLeaveTheServerAndItsDataIntact() throws Exception {
        send(aws("CreateStream", "application/x-amz-json-1.1", json(body("StreamName", "keep", "ShardCount", 2))));
        send(aws("CreateStream", "application/x-amz-json-1.1", json(body("StreamName", "victim", "ShardCount", 1))));
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String data = Base64.getEncoder().encodeToString(("record-" + i).getBytes(StandardCharsets.UTF_8));
            Answer put = send(aws(
                    "PutRecord",
                    "application/x-amz-json-1.1",
                    json(body("StreamName", "keep", "PartitionKey", "k" + i, "Data", data))));
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            written.add("record-" + i);
        }

        Random random = new Random(SEED);
        int[] byStatus = new int[6];
        for (int i = 0; i < CASES; i++) {
            Request request = switch (i % 3) {
                case 0 -> awsCase(random, false);
                case 1 -> awsCase(random, true);
                default -> restCase(random);
            };
            Answer answer;
            try {
                answer = send(request);
            } catch (IOException e) {
                failures.add("no answer (" + e + ") to case " + i + ": " + request.reproducer());
                continue;
            }
            byStatus[Math.min(5, answer.status() / 100)]++;
            String problem = check(request, answer);
            if (problem != null) {
                failures.add(problem + " — case " + i + " (seed " + SEED + "): " + request.reproducer() + "\n  got "
                        + answer);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Hostile input: %d cases, seed %d: 2xx %d, 3xx %d, 4xx %d, 5xx %d%n",
                CASES,
                SEED,
                byStatus[2],
                byStatus[3],
                byStatus[4],
                byStatus[5]);
        assertThat(failures)
                .as(
                        "answers that were not typed 4xx (%d):\n%s",
                        failures.size(), String.join("\n", failures.subList(0, Math.min(20, failures.size()))))
                .isEmpty();

        Answer listed = send(aws("ListStreams", "application/x-amz-json-1.1", json(body())));
        assertThat(listed.status()).as("the server still answers").isEqualTo(200);
        assertThat(readAll("keep")).as("the records written before the run").containsAll(written);
    }

    // ---- the corpus ---------------------------------------------------------------------------------------

    private Request awsCase(Random random, boolean cbor) {
        List<String> operations = new ArrayList<>(TEMPLATES.keySet());
        String operation = random.nextInt(20) == 0 ? "FlyToTheMoon" : operations.get(random.nextInt(operations.size()));
        Map<String, Object> template =
                TEMPLATES.getOrDefault(operation, HostileInputIT::body).get();
        String type = cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1";
        byte[] body;
        switch (random.nextInt(12)) {
            case 0 -> body = randomBytes(random, random.nextInt(200));
            case 1 -> body = truncate(random, encode(template, cbor));
            case 2 -> body = nested(random.nextInt(3000), cbor);
            case 3 -> body = "null".getBytes(StandardCharsets.US_ASCII);
            case 4 -> body = encode(List.of(template), cbor);
            case 5 -> {
                body = encode(template, cbor);
                type = pick(random, "text/plain", "application/json", "", "application/x-amz-json-1.0", "*/*");
            }
            case 6 -> body = flip(random, encode(template, cbor));
            default -> {
                mutate(random, template);
                body = encode(template, cbor);
            }
        }
        return aws(operation, type, body);
    }

    /** Replaces one member (or a member of a nested object) with something its type does not allow. */
    private static void mutate(Random random, Map<String, Object> template) {
        List<String> keys = new ArrayList<>(template.keySet());
        String key = keys.isEmpty() || random.nextInt(8) == 0
                ? pick(random, "Unexpected", "", "StreamName", "Limit", "ShardIterator", "ExplicitHashKey")
                : keys.get(random.nextInt(keys.size()));
        template.put(key, badValue(random));
    }

    private static Object badValue(Random random) {
        return switch (random.nextInt(22)) {
            case 0 -> null;
            case 1 -> -1;
            case 2 -> Long.MAX_VALUE;
            case 3 -> 1e308;
            case 4 -> "NaN";
            case 5 -> 1.5;
            case 6 -> "\u0663";
            case 7 -> "x".repeat(random.nextInt(2000) + 129);
            case 8 -> "";
            case 9 -> true;
            case 10 -> List.of(1, "two", Map.of());
            case 11 -> Map.of("a", List.of());
            case 12 -> "+/+=";
            case 13 -> "not base64!";
            case 14 -> "340282366920938463463374607431768211456";
            case 15 -> "-5";
            case 16 -> "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
            case 17 -> "\ud800";
            case 18 -> "arn:aws:kinesis:us-east-1:000000000000:stream/keep/consumer/x:99999999999999999999";
            case 19 -> "shardId-99999999999999999999";
            case 20 -> "tab\tnew\nline";
            default -> Base64.getEncoder().encodeToString(new byte[300 * 1024]);
        };
    }

    private Request restCase(Random random) {
        String method = pick(
                random, "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND");
        String path = REST_PATHS.get(random.nextInt(REST_PATHS.size()));
        switch (random.nextInt(8)) {
            case 0 ->
                path = path.replace(
                        "victim",
                        pick(
                                random,
                                "%zz",
                                "%2F",
                                "%00",
                                "a%5Cb",
                                "x".repeat(300),
                                "semi;x=1",
                                "%E2%82",
                                "..",
                                "%C0%AE"));
            case 1 -> path = path + "?limit=" + pick(random, "%zz", "-1", "1e9", "abc", "99999999999", "", "1.5");
            case 2 -> path = path + "/" + "y".repeat(random.nextInt(9000));
            default -> {}
        }
        Map<String, Object> template = switch (random.nextInt(4)) {
            case 0 -> body("name", "hostile-rest", "shardCount", 1);
            case 1 -> body("partitionKey", "k", "data", "aGk=");
            case 2 -> body("records", List.of(body("partitionKey", "k", "text", "hi")));
            default -> body("type", "LATEST", "shardId", "shardId-000000000000");
        };
        byte[] body;
        String type = "application/json";
        switch (random.nextInt(6)) {
            case 0 -> body = randomBytes(random, random.nextInt(100));
            case 1 -> body = truncate(random, encode(template, false));
            case 2 -> {
                body = encode(template, false);
                type = pick(random, "text/plain", "application/xml", "", "application/cbor");
            }
            case 3 -> body = nested(random.nextInt(3000), false);
            default -> {
                mutate(random, template);
                body = encode(template, false);
            }
        }
        boolean chunkedBadly = random.nextInt(25) == 0;
        return new Request(
                method,
                path,
                Map.of(
                        "Content-Type",
                        type,
                        "Accept",
                        pick(random, "application/json", "*/*", "text/html", "application/xml")),
                body,
                chunkedBadly);
    }

    private static Request aws(String operation, String contentType, byte[] body) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("X-Amz-Target", "Kinesis_20131202." + operation);
        headers.put("Authorization", AUTH);
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        return new Request("POST", "/", headers, body, false);
    }

    // ---- what an answer must look like --------------------------------------------------------------------

    /** Null when the answer is fine; otherwise what is wrong with it. */
    private static String check(Request request, Answer answer) {
        if (answer.status() >= 500) {
            return "a " + answer.status();
        }
        if (answer.status() < 400 || "HEAD".equals(request.method())) {
            return null;
        }
        String type = answer.header("content-type");
        if (request.path().equals("/") && request.method().equals("POST")) {
            if (answer.status() == 413) {
                return null;
            }
            try {
                JsonNode error = type != null && type.contains("cbor")
                        ? CBOR.readTree(answer.body())
                        : JSON.readTree(answer.body());
                // AWS words most errors' text as "message", SerializationException's as "Message".
                return error.hasNonNull("__type") && (error.hasNonNull("message") || error.hasNonNull("Message"))
                        ? null
                        : "an AWS error without __type and message";
            } catch (RuntimeException e) {
                return "an AWS error that is not JSON or CBOR";
            }
        }
        if (type == null || !type.startsWith("application/problem+json")) {
            return "a REST error that is not problem+json";
        }
        try {
            return JSON.readTree(answer.body()).hasNonNull("errorType") ? null : "a problem without errorType";
        } catch (RuntimeException e) {
            return "a problem that is not JSON";
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private List<String> readAll(String stream) throws IOException {
        List<String> data = new ArrayList<>();
        for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
            Answer iterator = send(aws(
                    "GetShardIterator",
                    "application/x-amz-json-1.1",
                    json(body("StreamName", stream, "ShardId", shard, "ShardIteratorType", "TRIM_HORIZON"))));
            String it = JSON.readTree(iterator.body()).get("ShardIterator").asString();
            Answer records = send(aws("GetRecords", "application/x-amz-json-1.1", json(body("ShardIterator", it))));
            for (JsonNode record : JSON.readTree(records.body()).get("Records")) {
                data.add(
                        new String(Base64.getDecoder().decode(record.get("Data").asString()), StandardCharsets.UTF_8));
            }
        }
        return data;
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    private static byte[] encode(Object value, boolean cbor) {
        if (!cbor) {
            return JSON.writeValueAsBytes(value);
        }
        try {
            return CBOR.writeValueAsBytes(value);
        } catch (RuntimeException unencodable) {
            // A lone surrogate: what CBOR cannot say in UTF-8 goes as the invalid UTF-8 a client could still send,
            // a map of one member, {"StreamName": <ED A0 80>}.
            byte[] name = "StreamName".getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0xa1);
            out.write(0x60 + name.length);
            out.writeBytes(name);
            out.writeBytes(new byte[] {0x63, (byte) 0xed, (byte) 0xa0, (byte) 0x80});
            return out.toByteArray();
        }
    }

    private static byte[] nested(int depth, boolean cbor) {
        if (cbor) {
            byte[] bytes = new byte[depth + 1];
            java.util.Arrays.fill(bytes, (byte) 0x81); // arrays of one element
            bytes[depth] = 0x01;
            return bytes;
        }
        return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] truncate(Random random, byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, bytes.length <= 1 ? 0 : random.nextInt(bytes.length));
    }

    private static byte[] flip(Random random, byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < 1 + random.nextInt(3) && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** One raw HTTP/1.1 request. */
    record Request(String method, String path, Map<String, String> headers, byte[] body, boolean chunkedBadly) {

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Connection: close\r\n");
            if (chunkedBadly) {
                head.append("Transfer-Encoding: chunked\r\n\r\n");
                out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(("zz\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
                out.writeBytes("\r\n0\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
                out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        /** The request as curl would send it (the body as a file made by printf). */
        String reproducer() {
            StringBuilder curl = new StringBuilder("printf '");
            for (byte b : body.length > 400 ? java.util.Arrays.copyOf(body, 400) : body) {
                curl.append(String.format("\\x%02x", b & 0xff));
            }
            curl.append(body.length > 400 ? "...(" + body.length + " bytes)" : "")
                    .append("' | curl -s -X ")
                    .append(method);
            headers.forEach((k, v) ->
                    curl.append(" -H '").append(k).append(": ").append(v).append('\''));
            return curl.append(chunkedBadly ? " (badly chunked)" : "")
                    .append(" --data-binary @- 'http://localhost:4567")
                    .append(path.length() > 200 ? path.substring(0, 200) + "…" : path)
                    .append('\'')
                    .toString();
        }
    }

    /** A raw HTTP answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return status + " " + headers.get("content-type") + " "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    private Answer send(Request request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes());
                out.flush();
                socket.shutdownOutput();
            } catch (java.net.SocketException answeredEarly) {
                // The server answered before the whole body was sent (an oversized body is refused from its
                // Content-Length) and closed its side: the answer is still there to read.
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            at += lineEnd + 2;
            if (length == 0) {
                break;
            }
            out.write(chunked, at, Math.min(length, chunked.length - at));
            at += length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
