package dev.runnel.aws;

import static dev.runnel.aws.AwsTestClient.CBOR;
import static dev.runnel.aws.AwsTestClient.JSON;
import static dev.runnel.aws.AwsTestClient.PREFIX;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.support.RawHttp;
import dev.runnel.support.RawHttp.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every answer on the AWS edge is an AWS error, whatever the request got wrong: a body that is not a structure,
 * text no encoder can write back, headers over the limit, a body cut short, badly chunked or stalled. Sent over a
 * raw socket, since no well-behaved client sends these. The body read timeout is 1 s here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runnel.streams.create-delay=0", "runnel.http.body-read-timeout=1s"})
class AwsErrorShapesIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    private Answer call(String operation, String contentType, byte[] body) {
        return http.send(RawHttp.request(
                "POST", "/", Map.of("X-Amz-Target", PREFIX + operation, "Content-Type", contentType), body));
    }

    /** The answer is an AWS error of the type, in the encoding, with a request id; returns its message. */
    private static String awsError(Answer answer, int status, String type, String contentType) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("%s", answer).isEqualTo(contentType);
        assertThat(answer.header("x-amzn-RequestId")).as("%s", answer).isNotBlank();
        JsonNode body = contentType.equals(JSON) ? answer.json() : answer.cbor();
        assertThat(body.path("__type").asString()).as("%s", answer).isEqualTo(type);
        String key = type.equals("SerializationException") ? "Message" : "message";
        assertThat(body.path(key).isString()).as("%s has a %s", answer, key).isTrue();
        return body.path(key).asString();
    }

    @Test
    void aNullBodyIsASerializationExceptionOnEveryOperation() {
        for (String operation : new TreeSet<>(AwsOperations.KINESIS_OPERATIONS)) {
            assertThat(awsError(call(operation, JSON, "null".getBytes(UTF_8)), 400, "SerializationException", JSON))
                    .as(operation)
                    .isEqualTo("Expected a structure or map as the request body but found null.");
            assertThat(awsError(call(operation, CBOR, new byte[] {(byte) 0xf6}), 400, "SerializationException", CBOR))
                    .as(operation)
                    .isEqualTo("Expected a structure or map as the request body but found null.");
        }
    }

    @Test
    void aBodyThatIsNoStructureIsASerializationException() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("5", "Expected a structure or map as the request body but found a number.");
        json.put("\"x\"", "Expected a structure or map as the request body but found a string.");
        json.put("true", "Expected a structure or map as the request body but found a boolean.");
        json.put("   ", "Expected a structure or map as the request body but found the end of the body.");
        json.put("[{}]", "Start of list found where not expected");
        json.forEach((body, message) -> assertThat(
                        awsError(call("PutRecord", JSON, body.getBytes(UTF_8)), 400, "SerializationException", JSON))
                .as(body)
                .isEqualTo(message));
        assertThat(awsError(call("PutRecord", CBOR, new byte[] {0x01}), 400, "SerializationException", CBOR))
                .isEqualTo("Expected a structure or map as the request body but found a number.");
        assertThat(awsError(call("PutRecord", CBOR, new byte[] {(byte) 0x80}), 400, "SerializationException", CBOR))
                .isEqualTo("Start of list found where not expected");
    }

    @Test
    void aCborStringOfInvalidUtf8IsEchoedWithAReplacementCharacter() {
        // {"StreamName": "<the UTF-8 encoding of the lone surrogate U+D800>ab"}
        byte[] body = RawHttp.concat(
                cborText("StreamName".getBytes(UTF_8)),
                cborText(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, 'a', 'b'}));
        body = RawHttp.concat(new byte[] {(byte) 0xa1}, body);
        String message = awsError(call("DescribeStream", CBOR, body), 400, "ValidationException", CBOR);
        assertThat(message).startsWith("1 validation error detected: Value '\uFFFDab' at 'streamName'");

        String json = awsError(
                call("DescribeStream", JSON, "{\"StreamName\":\"\\ud800ab\"}".getBytes(UTF_8)),
                400,
                "ValidationException",
                JSON);
        assertThat(json).startsWith("1 validation error detected: Value '\uFFFDab' at 'streamName'");
    }

    private static byte[] cborText(byte[] utf8) {
        return RawHttp.concat(new byte[] {(byte) (0x60 + utf8.length)}, utf8);
    }

    @Test
    void typeErrorsNameTheMemberPathNotAJavaType() {
        assertThat(awsError(
                        call("PutRecords", JSON, "{\"StreamName\":\"s\",\"Records\":\"x\"}".getBytes(UTF_8)),
                        400,
                        "SerializationException",
                        JSON))
                .isEqualTo("Expected a list at 'records' but found a string.");
        assertThat(awsError(
                        call("PutRecords", JSON, "{\"StreamName\":\"s\",\"Records\":[5]}".getBytes(UTF_8)),
                        400,
                        "SerializationException",
                        JSON))
                .isEqualTo("Expected a structure or map at 'records.1' but found a number.");
        String nonNumeric = awsError(
                call("ListStreams", JSON, "{\"Limit\":Infinity}".getBytes(UTF_8)), 400, "SerializationException", JSON);
        assertThat(nonNumeric).contains("Infinity").doesNotContain("`", "JsonReadFeature", "java.");
    }

    @Test
    void headersOverTheLimitAreARequestTooLargeCountedOnce() {
        double before = count("ListStreams", "RequestTooLarge");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Amz-Target", PREFIX + "ListStreams");
        headers.put("Content-Type", JSON);
        headers.put("X-Padding", "a".repeat(9000));
        Answer answer = http.send(RawHttp.request("POST", "/", headers, "{}".getBytes(UTF_8)));
        assertThat(awsError(answer, 431, "RequestTooLarge", JSON))
                .isEqualTo("The request's headers are larger than the limit of 8192 bytes for the request line and "
                        + "headers together (server.max-http-request-header-size).");
        assertThat(count("ListStreams", "RequestTooLarge")).isEqualTo(before + 1);
    }

    @Test
    void aBodyCutShortIsASerializationExceptionCountedOnce() {
        double before = count("ListStreams", "SerializationException");
        byte[] head = ("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: " + PREFIX + "ListStreams\r\n"
                        + "Content-Type: " + JSON + "\r\nContent-Length: 100\r\n\r\n{}")
                .getBytes(ISO_8859_1);
        assertThat(awsError(http.sendAndClose(head), 400, "SerializationException", JSON))
                .isEqualTo("The request body ended before all of it arrived: the connection closed short of its "
                        + "Content-Length or before its last chunk.");
        assertThat(count("ListStreams", "SerializationException")).isEqualTo(before + 1);
    }

    @Test
    void aMalformedChunkIsASerializationExceptionInTheRequestsEncoding() {
        for (String contentType : List.of(JSON, CBOR)) {
            byte[] request = ("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: " + PREFIX + "ListStreams\r\n"
                            + "Content-Type: " + contentType
                            + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                    .getBytes(ISO_8859_1);
            assertThat(awsError(http.send(request), 400, "SerializationException", contentType))
                    .startsWith("The request body could not be read");
        }
    }

    @Test
    void aStalledBodyIsARequestTimeoutAfterTheConfiguredTimeout() {
        byte[] head = ("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: " + PREFIX + "ListStreams\r\n"
                        + "Content-Type: " + CBOR + "\r\nContent-Length: 100\r\n\r\n")
                .getBytes(ISO_8859_1);
        long start = System.nanoTime();
        Answer answer = http.send(head);
        assertThat(awsError(answer, 408, "RequestTimeout", CBOR))
                .isEqualTo("No part of the request body arrived for 1 s (runnel.http.body-read-timeout), so the "
                        + "request was abandoned.");
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("waited for the timeout")
                .isGreaterThanOrEqualTo(900);
    }

    private double count(String operation, String outcome) {
        Timer timer = registry.find(AwsRequestMetrics.NAME)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .tag("protocol", "json")
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
