package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class UnreadBodyTest {

    @Test
    void anHttp2BodyWithinTheLimitIsReadToItsEnd() throws IOException {
        MockHttpServletRequest request = request("HTTP/2.0", 100_000);
        request.getInputStream().readNBytes(10);

        UnreadBody.drainHttp2(request, 1_000_000);

        assertThat(request.getInputStream().isFinished()).isTrue();
    }

    /** A body declared over the limit is left to the stream's reset; an HTTP/1.1 body to Tomcat. */
    @ParameterizedTest(name = "{0}, limit {1}")
    @CsvSource({"HTTP/2.0, 99999", "HTTP/1.1, 1000000"})
    void aBodyIsLeftUnread(String protocol, long limit) throws IOException {
        MockHttpServletRequest request = request(protocol, 100_000);

        UnreadBody.drainHttp2(request, limit);

        assertThat(request.getInputStream().available()).isEqualTo(100_000);
    }

    @Test
    void aStreamedHttp2BodyIsReadNoFurtherThanTheLimit() throws IOException {
        // no Content-Length: a body streamed over HTTP/2
        MockHttpServletRequest streamed = new MockHttpServletRequest() {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        streamed.setProtocol("HTTP/2.0");
        streamed.setContent(new byte[200_000]);

        UnreadBody.drainHttp2(streamed, 50_000);

        assertThat(streamed.getInputStream().available())
                .as("stops after the limit (and the one buffer that passed it)")
                .isBetween(200_000 - 50_000 - 2 * 16 * 1024, 200_000 - 50_000);
    }

    /** The busy refusal reads what it refuses over any protocol, so an HTTP/1.1 connection stays usable too. */
    @Test
    void drainReadsABodyOverAnyProtocol() throws IOException {
        MockHttpServletRequest request = request("HTTP/1.1", 100_000);

        UnreadBody.drain(request, 1_000_000);

        assertThat(request.getInputStream().isFinished()).isTrue();
    }

    @Test
    void aBodyAlreadyTakenAsAReaderIsLeftAlone() throws IOException {
        MockHttpServletRequest request = request("HTTP/2.0", 100);
        request.getReader();

        assertThatCode(() -> UnreadBody.drainHttp2(request, 1_000_000)).doesNotThrowAnyException();
    }

    private static MockHttpServletRequest request(String protocol, int length) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setProtocol(protocol);
        request.setContent(new byte[length]);
        return request;
    }
}
