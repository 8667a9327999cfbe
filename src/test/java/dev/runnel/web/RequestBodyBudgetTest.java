package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.settings.Http;
import dev.runnel.settings.RunnelProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * The request-body budget of {@link RequestSizeLimitFilter}: a large body holds its bytes while its request runs,
 * and a request that finds no room within the wait (here: one made while another holds the budget) is refused
 * with a retryable error after its body was read, in its edge's words.
 */
class RequestBodyBudgetTest {

    private static final int LARGE = 80 * 1024;

    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

    private RequestSizeLimitFilter filter(long inFlightBytes) {
        RunnelProperties defaults = RunnelProperties.defaults();
        RunnelProperties properties = new RunnelProperties(
                defaults.accountId(),
                defaults.region(),
                defaults.streams(),
                defaults.iterators(),
                defaults.storage(),
                Http.withInFlightBytes(DataSize.ofMegabytes(16), DataSize.ofBytes(inFlightBytes)));
        return new RequestSizeLimitFilter(
                properties,
                beans.getBeanProvider(OversizedRequestAnswer.class),
                beans.getBeanProvider(BusyRequestAnswer.class));
    }

    private static MockHttpServletRequest post(String path, int bodyBytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(new byte[bodyBytes]);
        return request;
    }

    @Test
    void aRequestFindingNoRoomIsRefusedWith429AndItsBodyRead() throws Exception {
        RequestSizeLimitFilter filter = filter(100 * 1024);
        MockHttpServletRequest nested = post("/streams/s/records/batch", LARGE);
        MockHttpServletResponse nestedResponse = new MockHttpServletResponse();
        AtomicInteger nestedRuns = new AtomicInteger();

        filter.doFilter(post("/streams/s/records/batch", LARGE), new MockHttpServletResponse(), (req, res) -> {
            filter.doFilter(nested, nestedResponse, (r, s) -> nestedRuns.incrementAndGet());
        });

        assertThat(nestedRuns).hasValue(0);
        assertThat(nestedResponse.getStatus()).isEqualTo(429);
        assertThat(nestedResponse.getHeader("Retry-After")).isEqualTo("1");
        assertThat(nestedResponse.getContentType()).startsWith("application/problem+json");
        assertThat(nestedResponse.getContentAsString())
                .contains("\"errorType\":\"LimitExceededException\"")
                .contains("runnel.http.max-in-flight-bytes");
        assertThat(nested.getInputStream().read()).as("the body was read").isEqualTo(-1);

        MockFilterChain after = new MockFilterChain();
        filter.doFilter(post("/streams/s/records/batch", LARGE), new MockHttpServletResponse(), after);
        assertThat(after.getRequest()).as("the budget is free again").isNotNull();
    }

    @Test
    void smallBodiesAndBodilessRequestsAreNeverCounted() throws Exception {
        RequestSizeLimitFilter filter = filter(100 * 1024);
        List<Integer> statuses = new ArrayList<>();

        filter.doFilter(post("/", LARGE), new MockHttpServletResponse(), (req, res) -> {
            for (HttpServletRequest small : List.of(
                    post("/", (int) RequestBodyBudget.UNCOUNTED_BYTES),
                    new MockHttpServletRequest("GET", "/streams"))) {
                MockFilterChain chain = new MockFilterChain();
                MockHttpServletResponse response = new MockHttpServletResponse();
                filter.doFilter(small, response, chain);
                statuses.add(chain.getRequest() == null ? response.getStatus() : 200);
            }
        });

        assertThat(statuses).containsExactly(200, 200);
    }

    @Test
    void aBodyLargerThanTheWholeBudgetRunsAlone() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        filter(LARGE / 2).doFilter(post("/", LARGE), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void anEdgeWithItsOwnProtocolWritesTheRefusal() throws Exception {
        List<String> messages = new ArrayList<>();
        beans.registerSingleton("edge", new BusyRequestAnswer() {
            @Override
            public boolean answers(HttpServletRequest request) {
                return request.getRequestURI().equals("/");
            }

            @Override
            public void refuse(HttpServletRequest request, HttpServletResponse response, String message) {
                messages.add(message);
                response.setStatus(503);
            }
        });
        RequestSizeLimitFilter filter = filter(100 * 1024);
        MockHttpServletResponse refused = new MockHttpServletResponse();

        filter.doFilter(post("/", LARGE), new MockHttpServletResponse(), (req, res) -> {
            filter.doFilter(post("/", LARGE), refused, (r, s) -> {});
        });

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(messages).singleElement().asString().startsWith("Runnel is busy:");
    }
}
