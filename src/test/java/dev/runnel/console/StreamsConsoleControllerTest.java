package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.RecordInput;
import dev.runnel.records.RecordService;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.streams.StreamService;
import dev.runnel.support.RestSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@RestSliceTest(StreamsConsoleController.class)
class StreamsConsoleControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    RecordService records;

    @Test
    void browsersAskingForTheRootAreSentToTheConsole() throws Exception {
        mvc.perform(get("/").accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console"));
    }

    @Test
    void theOverviewListsStreamsWithTheirShardsAndTraffic() throws Exception {
        streams.create(CreateStreamCommand.of("alpha", 2, 48, null, null));
        streams.create(CreateStreamCommand.of("beta", StreamMode.ON_DEMAND, null, null, null, null));
        records.put(new PutRecordCommand(new StreamName("alpha"), new RecordInput("1", new byte[100], null), null));

        MvcResult result = mvc.perform(get("/console"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/streams"))
                .andExpect(model().attributeExists("form"))
                .andReturn();
        @SuppressWarnings("unchecked")
        java.util.List<StreamSummary> summaries = (java.util.List<StreamSummary>)
                result.getModelAndView().getModel().get("streams");
        StreamSummary alpha = summaries.stream()
                .filter(s -> s.name().equals("alpha"))
                .findFirst()
                .orElseThrow();
        StreamSummary beta = summaries.stream()
                .filter(s -> s.name().equals("beta"))
                .findFirst()
                .orElseThrow();
        assertThat(alpha.name()).isEqualTo("alpha");
        assertThat(alpha.status()).isEqualTo("ACTIVE");
        assertThat(alpha.openShards()).isEqualTo(2);
        assertThat(alpha.retentionHours()).isEqualTo(48);
        assertThat(beta.mode()).isEqualTo("ON_DEMAND");
        assertThat(beta.openShards()).isEqualTo(4);
        assertThat(result.getResponse().getContentAsString())
                .contains("href=\"/console/streams/alpha\"", "<label for=\"create-name\">Name</label>")
                .doesNotContain("Fault injection is on");
    }

    @Test
    void theRowsFragmentRefreshesTheTableAlone() throws Exception {
        streams.create(CreateStreamCommand.of("gamma", 1, null, null, null));
        mvc.perform(get("/console/stream-rows"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"stream-rows\"")))
                .andExpect(content().string(containsString("gamma")))
                .andExpect(content().string(not(containsString("<html"))));
    }

    @Test
    void creatingAStreamRedirectsToItsPage() throws Exception {
        mvc.perform(post("/console/streams")
                        .param("name", "created")
                        .param("mode", "PROVISIONED")
                        .param("shardCount", "3")
                        .param("retentionHours", "24"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/streams/created"))
                .andExpect(flash().attribute("notice", containsString("created with 3 shard(s)")));
        assertThat(streams.describe(new StreamName("created")).openShardCount()).isEqualTo(3);

        mvc.perform(post("/console/streams")
                        .param("name", "elastic")
                        .param("mode", "ON_DEMAND")
                        .param("shardCount", "")
                        .param("retentionHours", "24"))
                .andExpect(status().is3xxRedirection());
        assertThat(streams.describe(new StreamName("elastic")).mode()).isEqualTo(StreamMode.ON_DEMAND);
    }

    @Test
    void aRejectedFormComesBackWithTheErrorBesideIt() throws Exception {
        streams.create(CreateStreamCommand.of("taken", 1, null, null, null));
        mvc.perform(post("/console/streams")
                        .param("name", "taken")
                        .param("mode", "PROVISIONED")
                        .param("shardCount", "1")
                        .param("retentionHours", "24"))
                .andExpect(status().isConflict())
                .andExpect(view().name("console/streams"))
                .andExpect(model().attribute(
                                "error",
                                new FormError(
                                        "create",
                                        "ResourceInUseException",
                                        "Stream taken under account 000000000000 already exists.")))
                .andExpect(content().string(containsString("id=\"create-error\"")));

        mvc.perform(post("/console/streams")
                        .param("name", "bad name!")
                        .param("mode", "PROVISIONED")
                        .param("shardCount", "1")
                        .param("retentionHours", "24"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("ValidationException")))
                .andExpect(content().string(containsString("value=\"bad name!\"")));

        mvc.perform(post("/console/streams")
                        .param("name", "short")
                        .param("mode", "PROVISIONED")
                        .param("shardCount", "1")
                        .param("retentionHours", "12"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"create-error\"")));

        mvc.perform(post("/console/streams")
                        .param("name", "letters")
                        .param("mode", "PROVISIONED")
                        .param("shardCount", "many")
                        .param("retentionHours", "24"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Member must be a whole number")));
    }
}
