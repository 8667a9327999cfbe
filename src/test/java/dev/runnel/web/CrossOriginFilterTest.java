package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.settings.Cors;
import dev.runnel.settings.Http;
import dev.runnel.settings.RunnelProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Issue 17, item 13: a browser AWS SDK or REST client in a web page could not call Runnel (no CORS). */
class CrossOriginFilterTest {

    private static final String SDK_HEADERS = "amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,"
            + "x-amz-content-sha256,x-amz-date,x-amz-target,x-amz-user-agent";

    private record Answer(MockHttpServletResponse response, boolean passedOn) {

        String header(String name) {
            return response.getHeader(name);
        }
    }

    private static Answer send(CrossOriginFilter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Answer(response, chain.getRequest() != null);
    }

    private static MockHttpServletRequest preflight(String origin, String method) {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/");
        request.addHeader("Origin", origin);
        request.addHeader("Access-Control-Request-Method", method);
        request.addHeader("Access-Control-Request-Headers", SDK_HEADERS);
        return request;
    }

    private static MockHttpServletRequest call(String method, String path, String origin) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        return request;
    }

    private static CrossOriginFilter filter(List<String> origins) {
        RunnelProperties d = RunnelProperties.defaults();
        Http http = new Http(
                d.http().maxRequestSize(),
                d.http().h2c(),
                d.http().bodyReadTimeout(),
                new Cors(origins),
                null,
                d.http().threads(),
                d.http().writeBuffer());
        return new CrossOriginFilter(
                new RunnelProperties(d.accountId(), d.region(), d.streams(), d.iterators(), d.storage(), http));
    }

    private final CrossOriginFilter loopback = new CrossOriginFilter(RunnelProperties.defaults());

    @Test
    void aPreflightFromALoopbackPageIsGrantedWhatTheSdkAsksFor() throws Exception {
        for (String origin :
                List.of("http://localhost:3000", "https://localhost", "http://127.0.0.1:8080", "http://[::1]:5173")) {
            Answer answer = send(loopback, preflight(origin, "POST"));
            assertThat(answer.passedOn()).as(origin).isFalse();
            assertThat(answer.response().getStatus()).isEqualTo(200);
            assertThat(answer.response().getContentLength()).isZero();
            assertThat(answer.header("Access-Control-Allow-Origin")).as(origin).isEqualTo(origin);
            assertThat(answer.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST, PUT, DELETE");
            assertThat(answer.header("Access-Control-Allow-Headers")).isEqualTo(SDK_HEADERS);
            assertThat(answer.header("Access-Control-Max-Age")).isEqualTo("3600");
            assertThat(answer.header("Access-Control-Allow-Credentials")).isNull();
            assertThat(answer.header("Vary")).contains("Origin", "Access-Control-Request-Method");
        }
    }

    @Test
    void aPreflightFromAnyOtherPageIsAnsweredWithoutAGrant() throws Exception {
        for (String origin : List.of(
                "http://evil.example",
                "http://localhost.evil.example:3000",
                "http://127.0.0.2:8080",
                "null",
                "file://")) {
            Answer answer = send(loopback, preflight(origin, "DELETE"));
            assertThat(answer.passedOn()).as(origin).isFalse();
            assertThat(answer.response().getStatus()).isEqualTo(200);
            assertThat(answer.header("Access-Control-Allow-Origin")).as(origin).isNull();
            assertThat(answer.header("Access-Control-Allow-Methods")).isNull();
            assertThat(answer.header("Vary")).contains("Origin");
        }
    }

    @Test
    void aPageOnAPublicOriginMayReachRunnelOnThePrivateNetworkWhenAllowed() throws Exception {
        MockHttpServletRequest request = preflight("https://app.example.com", "POST");
        request.addHeader("Access-Control-Request-Private-Network", "true");
        Answer answer = send(filter(List.of("https://*.example.com")), request);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(answer.header("Access-Control-Allow-Private-Network")).isEqualTo("true");
        assertThat(send(loopback, request).header("Access-Control-Allow-Private-Network"))
                .isNull();
    }

    @Test
    void callsFromAnAllowedPageMayReadTheAnswerAndItsRequestId() throws Exception {
        Answer aws = send(loopback, call("POST", "/", "http://localhost:3000"));
        assertThat(aws.passedOn()).isTrue();
        assertThat(aws.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        assertThat(aws.header("Access-Control-Expose-Headers"))
                .contains("x-amzn-RequestId", "x-amz-id-2", "Date", "Retry-After", "Location");
        assertThat(aws.header("Vary")).isEqualTo("Origin");

        Answer rest = send(loopback, call("GET", "/streams", "http://127.0.0.1:5173"));
        assertThat(rest.passedOn()).isTrue();
        assertThat(rest.header("Access-Control-Allow-Origin")).isEqualTo("http://127.0.0.1:5173");
    }

    @Test
    void callsFromOtherPagesGoOnWithoutAGrant() throws Exception {
        Answer answer = send(loopback, call("GET", "/streams", "http://evil.example"));
        assertThat(answer.passedOn()).isTrue();
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        assertThat(answer.header("Access-Control-Expose-Headers")).isNull();
    }

    @Test
    void requestsWithoutOriginOrFromTheServersOwnOriginAreUntouched() throws Exception {
        for (MockHttpServletRequest request :
                List.of(call("POST", "/", null), call("POST", "/console/streams", "http://localhost"))) {
            Answer answer = send(loopback, request);
            assertThat(answer.passedOn()).isTrue();
            assertThat(answer.response().getHeaderNames()).isEmpty();
        }
        MockHttpServletRequest options = call("OPTIONS", "/streams", null);
        assertThat(send(loopback, options).passedOn())
                .as("OPTIONS that is no preflight")
                .isTrue();
    }

    @Test
    void theSettingNamesTheOrigins() throws Exception {
        Answer any = send(filter(List.of("*")), preflight("https://anywhere.example", "PUT"));
        assertThat(any.header("Access-Control-Allow-Origin")).isEqualTo("https://anywhere.example");
        Answer none = send(filter(List.of()), preflight("http://localhost:3000", "PUT"));
        assertThat(none.header("Access-Control-Allow-Origin")).isNull();
        Answer exact =
                send(filter(List.of("https://app.example.com")), call("GET", "/streams", "https://app.example.com"));
        assertThat(exact.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    }
}
