package dev.runnel.it;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.support.RawHttp;
import dev.runnel.support.RawHttp.Answer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every error of the REST API is an {@code application/problem+json} problem with an {@code errorType}, also when
 * Tomcat answers by itself (an invalid path, headers over the limit, TRACE, a body cut short, badly chunked or
 * stalled) and when parameters do not decode. Sent over a raw socket, since no well-behaved client sends these.
 * The body read timeout is 1 s here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runnel.streams.create-delay=0", "runnel.http.body-read-timeout=1s"})
class RestErrorShapesIT {

    @LocalServerPort
    int port;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    private Answer get(String target) {
        return http.send(RawHttp.request("GET", target, Map.of(), null));
    }

    /** The answer is a problem of the status and type; returns its detail. */
    private static String problem(Answer answer, int status, String errorType) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("errorType").asString()).as("%s", answer).isEqualTo(errorType);
        assertThat(problem.path("type").asString()).isEqualTo("urn:runnel:error:" + errorType);
        assertThat(problem.path("title").asString()).isNotBlank();
        String detail = problem.path("detail").asString();
        assertThat(detail).as("%s", answer).isNotBlank().doesNotContain("java.", "`", "Exception:");
        return detail;
    }

    @Test
    void parametersThatDoNotDecodeAreASerializationException() {
        for (String query : List.of("limit=%zz", "limit=%C3%28", "nextToken=%")) {
            assertThat(problem(get("/streams?" + query), 400, "SerializationException"))
                    .as(query)
                    .startsWith("The request's parameters (its query string, or a form body) could not be decoded");
        }
    }

    @Test
    void aConsoleFormThatDoesNotDecodeIsAConsolePageWith400() {
        byte[] form = "streamName=%zz&shardCount=1".getBytes(UTF_8);
        Answer answer = http.send(RawHttp.request(
                "POST", "/console/streams", Map.of("Content-Type", "application/x-www-form-urlencoded"), form));
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.text()).contains("SerializationException");
    }

    @Test
    void pathsTomcatRefusesAreProblems() {
        for (String target :
                List.of("/streams/a%2Fb", "/streams/a%00b", "/streams/a%5Cb", "/streams/%C3%28", "/a/../../b")) {
            assertThat(problem(get(target), 400, "SerializationException"))
                    .as(target)
                    .startsWith("The request's path is not valid");
        }
        assertThat(problem(get("/streams/a{b"), 400, "SerializationException"))
                .startsWith("The request is not valid HTTP: ");
        assertThat(problem(get("/streams/" + "a".repeat(9000)), 414, "RequestTooLarge"))
                .startsWith("The request line is larger than the limit of 8192 bytes");
    }

    @Test
    void headersOverTheLimitAreARequestTooLarge() {
        Answer answer = http.send(RawHttp.request("GET", "/streams", Map.of("X-Padding", "a".repeat(9000)), null));
        assertThat(problem(answer, 431, "RequestTooLarge")).startsWith("The request's headers are larger than");
    }

    @Test
    void traceIsNoOperation() {
        Answer answer = http.send(RawHttp.request("TRACE", "/streams", Map.of(), null));
        assertThat(problem(answer, 405, "UnknownOperationException"))
                .isEqualTo("TRACE /streams is not an operation of the REST API.");
        assertThat(answer.header("Allow")).isNotBlank().doesNotContain("TRACE");
    }

    @Test
    void requestsRunnelDoesNotSpeakAre4xxProblems() {
        Answer version = http.send("GET /streams HTTP/2.0\r\nHost: localhost\r\n\r\n".getBytes(ISO_8859_1));
        assertThat(problem(version, 400, "SerializationException")).contains("HTTP version");
        Map<String, String> gzip = new LinkedHashMap<>();
        gzip.put("Content-Type", "application/json");
        gzip.put("Transfer-Encoding", "gzip");
        Answer coding = http.send(RawHttp.request("POST", "/streams", gzip, null));
        assertThat(problem(coding, 400, "SerializationException")).contains("Transfer-Encoding");
        Answer expect = http.send(RawHttp.request("POST", "/streams", Map.of("Expect", "teapot"), new byte[0]));
        assertThat(problem(expect, 417, "SerializationException")).contains("100-continue");
    }

    @Test
    void anAcceptHeaderThatDoesNotParseStillGetsAProblem() {
        Answer notAcceptable = http.send(RawHttp.request("GET", "/streams", Map.of("Accept", ";;;"), null));
        assertThat(problem(notAcceptable, 406, "SerializationException")).endsWith("Accept header does not parse.");
        Answer notFound = http.send(RawHttp.request("GET", "/streamz", Map.of("Accept", "text"), null));
        problem(notFound, 404, "UnknownOperationException");
    }

    @Test
    void aBodyCutShortIsASerializationException() {
        byte[] head = ("POST /streams HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"streamName\":")
                .getBytes(ISO_8859_1);
        assertThat(problem(http.sendAndClose(head), 400, "SerializationException"))
                .startsWith("The request body ended before all of it arrived");
    }

    @Test
    void aMalformedChunkIsASerializationException() {
        byte[] request = ("POST /streams HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                .getBytes(ISO_8859_1);
        assertThat(problem(http.send(request), 400, "SerializationException"))
                .startsWith("The request body could not be read");
    }

    @Test
    void aStalledBodyIsARequestTimeout() {
        byte[] head = ("POST /streams HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{")
                .getBytes(ISO_8859_1);
        assertThat(problem(http.send(head), 408, "RequestTimeout"))
                .isEqualTo("No part of the request body arrived for 1 s (runnel.http.body-read-timeout), so the "
                        + "request was abandoned.");
    }
}
