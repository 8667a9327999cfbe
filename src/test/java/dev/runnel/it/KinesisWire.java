package dev.runnel.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * A raw Kinesis client for load tests (JDK HttpClient over HTTP/1.1): writes in AWS JSON, reads through AWS JSON,
 * AWS CBOR or the REST API. Answers of GetRecords are parsed as they stream in, keeping of each record only its
 * sequence number and the CRC-32 and length of its data, so that reading many 10 MiB records costs the test no
 * memory. Thread-safe.
 */
final class KinesisWire {

    enum Protocol {
        JSON,
        CBOR,
        REST
    }

    /** A record as read back: its sequence number and a checksum of its data. */
    record Read(String sequenceNumber, long crc, long length) {}

    /**
     * One GetRecords answer: a page, a refusal ({@code status} and {@code errorType}), or an answer cut short
     * ({@code cut}).
     */
    record Page(int status, String errorType, List<Read> records, String next, boolean cut) {}

    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper CBOR = CBORMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "kinesis-wire");
                thread.setDaemon(true);
                return thread;
            }))
            .build();

    KinesisWire(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    /** One AWS JSON call; the status and the body as a tree (empty for an empty body). */
    HttpResponse<byte[]> aws(String operation, String json, Duration timeout) throws IOException, InterruptedException {
        return http.send(
                awsRequest(operation, "application/x-amz-json-1.1", timeout)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode tree(HttpResponse<byte[]> response) {
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    void createStream(String stream, int shards, int maxRecordKib) throws Exception {
        HttpResponse<byte[]> created = aws(
                "CreateStream",
                "{\"StreamName\":\"" + stream + "\",\"ShardCount\":" + shards + ",\"MaxRecordSizeInKiB\":"
                        + maxRecordKib + "}",
                Duration.ofSeconds(30));
        if (created.statusCode() != 200) {
            throw new IllegalStateException("CreateStream: " + created.statusCode() + " " + tree(created));
        }
        for (int i = 0; i < 100; i++) {
            HttpResponse<byte[]> summary =
                    aws("DescribeStreamSummary", "{\"StreamName\":\"" + stream + "\"}", Duration.ofSeconds(30));
            if ("ACTIVE"
                    .equals(tree(summary)
                            .path("StreamDescriptionSummary")
                            .path("StreamStatus")
                            .asString())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(stream + " never became ACTIVE");
    }

    /**
     * PutRecords in AWS JSON; each entry's sequence number, or null where it failed (its error code in {@code
     * errors}). Null for a refused call.
     */
    List<String> putRecords(String stream, List<byte[]> data, List<String> errors)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"StreamName\":\"" + stream + "\",\"Records\":[");
        for (int i = 0; i < data.size(); i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"PartitionKey\":\"k")
                    .append(i)
                    .append(System.nanoTime() % 997)
                    .append("\",\"Data\":\"")
                    .append(Base64.getEncoder().encodeToString(data.get(i)))
                    .append("\"}");
        }
        HttpResponse<byte[]> response = aws("PutRecords", body.append("]}").toString(), Duration.ofSeconds(60));
        if (response.statusCode() != 200) {
            errors.add(
                    response.statusCode() + " " + tree(response).path("__type").asString());
            return null;
        }
        List<String> sequenceNumbers = new ArrayList<>();
        for (JsonNode entry : tree(response).path("Records")) {
            String sequenceNumber = entry.path("SequenceNumber").asString(null);
            sequenceNumbers.add(sequenceNumber);
            if (sequenceNumber == null) {
                errors.add(entry.path("ErrorCode").asString());
            }
        }
        return sequenceNumbers;
    }

    String iterator(Protocol protocol, String stream, String shardId) throws IOException, InterruptedException {
        if (protocol == Protocol.REST) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/shard-iterators"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"streamName\":\"" + stream
                                    + "\",\"shardId\":\"" + shardId + "\",\"type\":\"TRIM_HORIZON\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return tree(response).path("shardIterator").asString();
        }
        HttpResponse<byte[]> response = aws(
                "GetShardIterator",
                "{\"StreamName\":\"" + stream + "\",\"ShardId\":\"" + shardId
                        + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}",
                Duration.ofSeconds(30));
        return tree(response).path("ShardIterator").asString();
    }

    Page getRecords(Protocol protocol, String stream, String iterator, int limit)
            throws IOException, InterruptedException {
        HttpRequest request = switch (protocol) {
            case JSON ->
                awsRequest("GetRecords", "application/x-amz-json-1.1", Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":" + limit + "}"))
                        .build();
            case CBOR ->
                awsRequest("GetRecords", "application/x-amz-cbor-1.1", Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                CBOR.writeValueAsBytes(Map.of("ShardIterator", iterator, "Limit", limit))))
                        .build();
            case REST ->
                HttpRequest.newBuilder(URI.create(base + "/streams/" + stream
                                + "/records?limit=" + limit + "&shardIterator="
                                + URLEncoder.encode(iterator, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(60))
                        .build();
        };
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                JsonNode error = (protocol == Protocol.CBOR ? CBOR : JSON).readTree(body.readAllBytes());
                String type = protocol == Protocol.REST
                        ? error.path("errorType").asString()
                        : error.path("__type").asString();
                return new Page(response.statusCode(), type, List.of(), null, false);
            }
            return scan(protocol == Protocol.CBOR ? CBOR : JSON, body);
        }
    }

    boolean answers() {
        try {
            return aws("ListStreams", "{}", Duration.ofSeconds(10)).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder awsRequest(String operation, String contentType, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Content-Type", contentType)
                .header("X-Amz-Target", "Kinesis_20131202." + operation)
                .header("Authorization", AUTH)
                .timeout(timeout);
    }

    /** Streams through a page (member names as the AWS edge or the REST API spell them). */
    private static Page scan(ObjectMapper mapper, InputStream body) {
        List<Read> records = new ArrayList<>();
        String next = null;
        String sequenceNumber = null;
        CrcStream data = null;
        int depth = 0;
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        if (depth == 2 && sequenceNumber != null && data != null) {
                            records.add(new Read(sequenceNumber, data.crc.getValue(), data.length));
                            sequenceNumber = null;
                            data = null;
                        }
                    }
                    case PROPERTY_NAME -> {
                        String name = parser.currentName();
                        if (name.equalsIgnoreCase("Data")) {
                            parser.nextToken();
                            data = new CrcStream();
                            parser.readBinaryValue(data);
                        } else if (name.equalsIgnoreCase("SequenceNumber")) {
                            sequenceNumber = parser.nextStringValue();
                        } else if (name.equalsIgnoreCase("NextShardIterator") && depth == 1) {
                            next = parser.nextStringValue();
                        }
                    }
                    default -> {}
                }
            }
            return depth == 0 ? new Page(200, null, records, next, false) : cut();
        } catch (JacksonException e) {
            return cut();
        }
    }

    private static Page cut() {
        return new Page(200, null, List.of(), null, true);
    }

    /** Counts and checksums what is written to it. */
    private static final class CrcStream extends OutputStream {
        final CRC32 crc = new CRC32();
        long length;

        @Override
        public void write(int b) {
            crc.update(b);
            length++;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            crc.update(bytes, offset, count);
            length += count;
        }
    }
}
