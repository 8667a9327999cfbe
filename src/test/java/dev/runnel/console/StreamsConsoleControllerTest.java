package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.runnel.core.error.Messages;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.insight.Insights;
import dev.runnel.insight.StreamInsights;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.streams.StreamService;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The streams overview and the create form over a mocked StreamService and Insights. */
@RestSliceTest(StreamsConsoleController.class)
class StreamsConsoleControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    Insights insights;

    @BeforeEach
    void answerViews() {
        CannedStreams.answerViews(streams);
        CannedStreams.answerQuietly(insights);
    }

    private static MockHttpServletRequestBuilder createForm(String name, String mode, String shards, String hours) {
        return post("/console/streams")
                .param("name", name)
                .param("mode", mode)
                .param("shardCount", shards)
                .param("retentionHours", hours);
    }

    @Test
    void browsersAskingForTheRootAreSentToTheConsole() throws Exception {
        mvc.perform(get("/").accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console"));
    }

    @Test
    void theOverviewSummarisesTheLiveStreamsWithTheirInsights() throws Exception {
        Stream alpha =
                CannedStreams.split(CannedStreams.active("alpha", StreamMode.PROVISIONED, 2, 48, Map.of()), 0, "5");
        Stream beta = CannedStreams.active("beta", StreamMode.ON_DEMAND, 4, 24, Map.of());
        when(streams.live()).thenReturn(List.of(alpha, beta));
        StreamInsights.Rates writing = new StreamInsights.Rates(2048, 10, 0, 0);
        StreamInsights hot = CannedStreams.quiet(alpha);
        hot = new StreamInsights(
                "alpha",
                3,
                10,
                writing,
                List.of(
                        hot.shards().get(0),
                        hot.shards().get(1),
                        new StreamInsights.ShardInsight(
                                "shardId-000000000002", true, writing, 0.9, 0, 0, true, List.of("hot"), List.of()),
                        hot.shards().get(3)),
                List.of());
        when(insights.analyze(alpha, CannedStreams.NOW)).thenReturn(hot);

        MvcResult result = mvc.perform(get("/console"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/streams"))
                .andExpect(model().attribute("form", CreateStreamForm.defaults()))
                .andExpect(model().attribute("region", "us-east-1"))
                .andExpect(model().attribute("truncated", false))
                .andReturn();
        @SuppressWarnings("unchecked")
        List<StreamSummary> summaries =
                (List<StreamSummary>) result.getModelAndView().getModel().get("streams");
        assertThat(summaries)
                .containsExactly(
                        new StreamSummary(
                                "alpha", "UPDATING", "PROVISIONED", 3, 1, 48, new Rate(2048, 10), new Rate(0, 0), 1),
                        new StreamSummary("beta", "ACTIVE", "ON_DEMAND", 4, 0, 24, new Rate(0, 0), new Rate(0, 0), 0));
        assertThat(result.getResponse().getContentAsString())
                .contains(
                        "href=\"/console/streams/alpha\"",
                        "<label for=\"create-name\">Name</label>",
                        "1 hot",
                        "2.0 KiB/s · 10 rec/s")
                .doesNotContain("Fault injection is on", "Only the first 500 streams are listed.");
    }

    @Test
    void theRowsFragmentRefreshesTheTableAlone() throws Exception {
        when(streams.live()).thenReturn(List.of(CannedStreams.active("gamma", 1)));
        mvc.perform(get("/console/stream-rows"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"stream-rows\"")))
                .andExpect(content().string(containsString("gamma")))
                .andExpect(content().string(not(containsString("<html"))));
    }

    @Test
    void theCreateFormBecomesACreateStreamCommandAndRedirectsToTheStream() throws Exception {
        when(streams.create(any())).thenReturn(CannedStreams.creating("created", 3));
        mvc.perform(createForm(" created ", "PROVISIONED", "3", "48"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/streams/created"))
                .andExpect(flash().attribute(
                                "notice", "Stream created created with 3 shard(s); it becomes ACTIVE in a moment."));
        verify(streams).create(CreateStreamCommand.of("created", StreamMode.PROVISIONED, 3, 48, null, Map.of()));

        when(streams.create(any())).thenReturn(CannedStreams.creating("elastic", 4));
        mvc.perform(createForm("elastic", "ON_DEMAND", "", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/streams/elastic"));
        verify(streams).create(CreateStreamCommand.of("elastic", StreamMode.ON_DEMAND, null, null, null, Map.of()));
    }

    @Test
    void aRefusedCreateComesBackWithTheErrorBesideTheForm() throws Exception {
        when(streams.create(any())).thenThrow(Messages.streamExists("taken", "000000000000"));
        mvc.perform(createForm("taken", "PROVISIONED", "1", "24"))
                .andExpect(status().isConflict())
                .andExpect(view().name("console/streams"))
                .andExpect(model().attribute(
                                "error",
                                new FormError(
                                        "create",
                                        "ResourceInUseException",
                                        "Stream taken under account 000000000000 already exists.")))
                .andExpect(model().attribute("form", new CreateStreamForm("taken", "PROVISIONED", "1", "24")))
                .andExpect(content().string(containsString("id=\"create-error\"")));
    }

    @Test
    void aFormTheCommandCannotTakeComesBackWithoutCallingTheService() throws Exception {
        mvc.perform(createForm("bad name!", "PROVISIONED", "1", "24"))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute(
                                "error",
                                new FormError(
                                        "create",
                                        "ValidationException",
                                        "1 validation error detected: Value 'bad name!' at 'streamName' failed to "
                                                + "satisfy constraint: Member must satisfy regular expression pattern: "
                                                + "[a-zA-Z0-9_.-]+")))
                .andExpect(content().string(containsString("value=\"bad name!\"")));
        mvc.perform(createForm("short", "PROVISIONED", "1", "12"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"create-error\"")))
                .andExpect(content().string(containsString("Minimum allowed retention period is 24 hours.")));
        mvc.perform(createForm("letters", "PROVISIONED", "many", "24"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Member must be a whole number")));
        verify(streams, never()).create(any());
    }
}
