package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.tomcat.util.res.StringManager;
import org.junit.jupiter.api.Test;

/** How each answer Tomcat begins by itself is worded, and which status and error type it gets. */
class ProtocolErrorsTest {

    private final ProtocolErrors errors = new ProtocolErrors(Duration.ofSeconds(60));

    private ProtocolError of(int status, Throwable cause, String message) {
        return errors.of("POST", "/streams", status, cause, message, 8192);
    }

    @Test
    void aStalledBodyIsARequestTimeout() {
        ProtocolError error = of(408, new SocketTimeoutException(), null);
        assertThat(error)
                .isEqualTo(new ProtocolError(
                        408,
                        "RequestTimeout",
                        "No part of the request body arrived for 60 s (runnel.http.body-read-timeout), so the request "
                                + "was abandoned."));
        assertThat(new ProtocolErrors(Duration.ofMillis(1500))
                        .of("POST", "/", 408, null, null, 8192)
                        .detail())
                .contains("1500 ms");
    }

    @Test
    void headersOverTheLimitAre431AndARequestLineOverIt414() {
        String tooLarge =
                StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");
        ProtocolError headers = of(400, new IllegalArgumentException(tooLarge), null);
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.errorType()).isEqualTo("RequestTooLarge");
        assertThat(headers.detail()).contains("8192 bytes", "server.max-http-request-header-size");
        ProtocolError line = errors.of("GET", "", 400, new IllegalArgumentException(tooLarge), null, 8192);
        assertThat(line.status()).isEqualTo(414);
    }

    @Test
    void bodiesCutShortOrBadlyChunkedAreSerializationExceptions() {
        assertThat(of(400, new EOFException(), null).detail()).startsWith("The request body ended before");
        ProtocolError chunk = of(400, new IOException("Invalid chunk header"), null);
        assertThat(chunk.errorType()).isEqualTo("SerializationException");
        assertThat(chunk.detail()).isEqualTo("The request body could not be read: Invalid chunk header.");
    }

    @Test
    void invalidPathsAndRequestLinesAreSerializationExceptions() {
        assertThat(of(400, null, "Invalid URI").detail()).startsWith("The request's path is not valid");
        assertThat(errors.of("GET", "/a%C3%28", 400, null, null, 8192).detail())
                .startsWith("The request's path is not valid");
        assertThat(of(400, new IllegalArgumentException("Invalid character found in method name [G@T ]."), null)
                        .detail())
                .isEqualTo("The request is not valid HTTP: Invalid character found in method name [G@T ].");
    }

    @Test
    void badInputIsNeverA5xx() {
        assertThat(of(505, null, null).status()).isEqualTo(400);
        assertThat(of(501, null, null).status()).isEqualTo(400);
        assertThat(of(417, null, null).status()).isEqualTo(417);
        assertThat(of(405, null, null))
                .isEqualTo(new ProtocolError(
                        405, "UnknownOperationException", "POST /streams is not an operation of the REST API."));
    }

    @Test
    void failuresOfTheServerSayNoMore() {
        ProtocolError error = of(500, new IOException("disk on fire at dev.runnel.Secret"), null);
        assertThat(error).isEqualTo(new ProtocolError(500, "InternalFailure", "Internal service failure."));
    }
}
