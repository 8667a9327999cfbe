package dev.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Raw-bytes client of the Kinesis protocol on {@code POST /} of a running Runnel, over HTTP/1.1. Every
 * response is checked for an {@code x-amzn-RequestId} header, which AWS sends on every answer.
 */
final class AwsTestClient {

    static final String JSON = "application/x-amz-json-1.1";
    static final String CBOR = "application/x-amz-cbor-1.1";
    static final String PREFIX = "Kinesis_20131202.";
    static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/"
            + "kinesis/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000";

    static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();
    static final CBORMapper CBOR_MAPPER = CBORMapper.builder().build();

    record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {

        String contentType() {
            return headers.firstValue("Content-Type").orElse(null);
        }

        String requestId() {
            return headers.firstValue("x-amzn-RequestId").orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            assertThat(body).as("a JSON body; status %d", status).isNotEmpty();
            return JSON_MAPPER.readTree(body);
        }

        Map<Object, Object> cbor() {
            assertThat(body).as("a CBOR body; status %d", status).isNotEmpty();
            return CborReader.decodeMap(body);
        }

        /** The JSON error type and text; SerializationException has a capital-M Message. */
        String jsonError(String type) {
            assertThat(status).as("status of a %s; body %s", type, text()).isEqualTo(400);
            assertThat(contentType()).isEqualTo(JSON);
            JsonNode error = json();
            assertThat(error.path("__type").asString())
                    .as("__type; body %s", text())
                    .isEqualTo(type);
            String key = type.equals("SerializationException") ? "Message" : "message";
            String other = key.equals("Message") ? "message" : "Message";
            assertThat(error.has(other))
                    .as("body %s has no '%s'", text(), other)
                    .isFalse();
            assertThat(error.has(key)).as("body %s has '%s'", text(), key).isTrue();
            return error.get(key).asString();
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + (body.length > 2000 ? body.length + " bytes" : text());
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI endpoint;

    AwsTestClient(int port) {
        this.endpoint = URI.create("http://localhost:" + port + "/");
    }

    /** A JSON 1.1 request of an operation. */
    Response json(String operation, String body) {
        return send(PREFIX + operation, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    Response json(String operation, Map<String, ?> body) {
        return send(PREFIX + operation, JSON, JSON_MAPPER.writeValueAsBytes(body));
    }

    /** A CBOR 1.1 request of an operation. */
    Response cbor(String operation, byte[] body) {
        return send(PREFIX + operation, CBOR, body);
    }

    /** Any request: a null target or content type leaves that header out. */
    Response send(String target, String contentType, byte[] body) {
        HttpRequest.Builder request = request(target, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request);
    }

    /** A request whose body has no Content-Length (sent chunked): {@code prefix} then {@code size} bytes 'A'. */
    Response sendChunked(String target, String contentType, String prefix, long size) {
        InputStream body = new SequenceInputStream(
                new ByteArrayInputStream(prefix.getBytes(StandardCharsets.UTF_8)), new InputStream() {
                    private long left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'A' : -1;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(length, left);
                        java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'A');
                        left -= n;
                        return n;
                    }
                });
        return send(request(target, contentType).POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)));
    }

    private HttpRequest.Builder request(String target, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", AUTHORIZATION)
                .header("X-Amz-Date", "20240101T000000Z");
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response response = new Response(answer.statusCode(), answer.headers(), answer.body());
            assertThat(response.requestId())
                    .as("x-amzn-RequestId of %s", response)
                    .isNotBlank();
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes one CBOR document with Jackson's generator (maps without a size are indefinite-length). */
    static byte[] cborDocument(Consumer<JsonGenerator> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = CBOR_MAPPER.createGenerator(out)) {
            writer.accept(generator);
        }
        return out.toByteArray();
    }
}
