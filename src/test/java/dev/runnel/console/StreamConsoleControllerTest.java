package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.PutRecordsCommand;
import dev.runnel.records.RecordInput;
import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.streams.StreamService;
import dev.runnel.support.RestSliceTest;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@RestSliceTest(StreamConsoleController.class)
@TestPropertySource(properties = "runnel.streams.update-delay=0")
class StreamConsoleControllerTest {

    private static final String HALF = BigInteger.ONE.shiftLeft(127).toString();

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    RecordService records;

    @Autowired
    ShardIteratorService iterators;

    @Test
    void theStreamPageShowsShardsWithRangesSequenceNumbersAndRates() throws Exception {
        streams.create(CreateStreamCommand.of("page", 2, null, null, null));
        for (int i = 0; i < 5; i++) {
            put("page", "1", 100);
        }
        MvcResult result = mvc.perform(get("/console/streams/page"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/stream"))
                .andReturn();
        StreamDetails details =
                (StreamDetails) result.getModelAndView().getModel().get("stream");
        assertThat(details.status()).isEqualTo("ACTIVE");
        assertThat(details.shards()).hasSize(2);
        ShardRow first = details.shards().get(0);
        assertThat(first.rangeStartPercent()).isEqualTo(0.0);
        assertThat(first.rangeWidthPercent()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(details.shards().get(1).rangeStartPercent())
                .isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(first.startingSequenceNumber()).hasSize(56);
        assertThat(first.endingSequenceNumber()).isNull();
        assertThat(details.shards().stream().mapToLong(ShardRow::recordCount).sum())
                .isEqualTo(5);
        assertThat(details.shards())
                .anySatisfy(row -> assertThat(row.topKeys())
                        .first()
                        .satisfies(key -> assertThat(key.partitionKey()).isEqualTo("1")));
        assertThat(result.getResponse().getContentAsString())
                .contains(
                        "id=\"shard-table\"",
                        "class=\"keyspace-range\"",
                        "left:0.0000%;width:max(50.0000%,2px)",
                        "data-traffic-url=\"/console/streams/page/traffic\"",
                        "<label for=\"split-key\">");
    }

    @Test
    void theLiveFragmentAndTheTrafficSeriesRefreshWithoutAReload() throws Exception {
        streams.create(CreateStreamCommand.of("live", 1, null, null, null));
        put("live", "k", 10);
        mvc.perform(get("/console/streams/live/live"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"live\"")))
                .andExpect(content().string(containsString("shardId-000000000000")))
                .andExpect(content().string(not(containsString("id=\"delete-form\""))));
        mvc.perform(get("/console/streams/live/traffic"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.epochSeconds.length()").value(59))
                .andExpect(jsonPath("$.shards[0].shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.shards[0].writeBytes.length()").value(59));
    }

    @Test
    void aHotShardShowsItsWarningAndAOneClickSplit() throws Exception {
        streams.create(CreateStreamCommand.of("hot", 1, null, null, null));
        int throttled = 0;
        for (int i = 0; i < 50_000 && throttled < 100; i++) {
            try {
                put("hot", "1", 10);
            } catch (dev.runnel.core.error.ProvisionedThroughputExceededException e) {
                throttled++; // the shard's limit is what makes it hot
            }
        }
        assertThat(throttled).isEqualTo(100);
        Thread.sleep(1_100); // traffic windows count whole seconds: let the burst's second end
        MvcResult result = mvc.perform(get("/console/streams/hot"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("1 hot shard")))
                .andExpect(
                        content().string(containsString("100 records refused by the write limit in the last minute")))
                .andExpect(content().string(containsString("SPREAD_PARTITION_KEYS")))
                .andExpect(content().string(containsString("id=\"split-shardId-000000000000\"")))
                .andReturn();
        StreamDetails details =
                (StreamDetails) result.getModelAndView().getModel().get("stream");
        String key = details.advice().stream()
                .filter(a -> a.suggestedSplitHashKey() != null)
                .findFirst()
                .orElseThrow()
                .suggestedSplitHashKey();

        mvc.perform(post("/console/streams/hot/split")
                        .param("shardId", "shardId-000000000000")
                        .param("newStartingHashKey", key))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/streams/hot"))
                .andExpect(flash().attribute(
                                "notice", containsString("into shardId-000000000001 and shardId-000000000002")));
        MvcResult after = mvc.perform(get("/console/streams/hot")).andReturn();
        StreamDetails split = (StreamDetails) after.getModelAndView().getModel().get("stream");
        assertThat(split.openShardIds()).containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(split.lineage()).singleElement().satisfies(step -> {
            assertThat(step.shardId()).isEqualTo("shardId-000000000000");
            assertThat(step.how()).isEqualTo("split into");
            assertThat(step.children()).containsExactly("shardId-000000000001", "shardId-000000000002");
        });
        assertThat(after.getResponse().getContentAsString()).contains("id=\"lineage\"");
    }

    @Test
    void aThrottledShardSaysHowManyRecordsAndGetRecordsCallsItsLimitsRefused() throws Exception {
        streams.create(CreateStreamCommand.of("refusing", 1, null, null, null));
        StreamName name = new StreamName("refusing");
        int refusedRecords = 0;
        for (int batch = 0; batch < 3; batch++) {
            refusedRecords += records.putAll(new PutRecordsCommand(
                            name, java.util.Collections.nCopies(500, new RecordInput("1", new byte[10], null))))
                    .failedRecordCount();
        }
        String iterator = iterators.getShardIterator(name, "shardId-000000000000", new StartingPosition.TrimHorizon());
        int refusedReads = 0;
        for (int call = 0; call < 8; call++) {
            try {
                records.getRecords(iterator, 1);
            } catch (dev.runnel.core.error.ProvisionedThroughputExceededException e) {
                refusedReads++;
            }
        }
        assertThat(refusedRecords)
                .as("1,500 records at once pass 1,000 records/s")
                .isPositive();
        assertThat(refusedReads).as("8 calls at once pass 5 calls/s").isPositive();
        Thread.sleep(1_100); // traffic windows count whole seconds: let the burst's second end

        mvc.perform(get("/console/streams/refusing"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(containsString(refusedRecords + " records refused by the write limit and "
                                + refusedReads + " GetRecords calls refused by the read limit in the last minute")));
    }

    @Test
    void manageFormsCallTheServicesAndShowErrorsBesideTheForm() throws Exception {
        streams.create(CreateStreamCommand.of("managed", 2, null, null, null));
        mvc.perform(post("/console/streams/managed/merge")
                        .param("shardToMerge", "shardId-000000000000")
                        .param("adjacentShardToMerge", "shardId-000000000001"))
                .andExpect(status().is3xxRedirection());
        assertThat(streams.describe(new StreamName("managed")).openShardCount()).isEqualTo(1);

        mvc.perform(post("/console/streams/managed/shard-count").param("targetShardCount", "2"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "Scaled from 1 to 2 open shards."));
        mvc.perform(post("/console/streams/managed/shard-count").param("targetShardCount", "9"))
                .andExpect(status().isBadRequest())
                .andExpect(result -> assertThat(
                                ((FormError) result.getModelAndView().getModel().get("error")).form())
                        .isEqualTo("shard-count"));
        mvc.perform(post("/console/streams/managed/shard-count").param("targetShardCount", "lots"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Member must be a whole number")));

        mvc.perform(post("/console/streams/managed/retention").param("retentionPeriodHours", "72"))
                .andExpect(status().is3xxRedirection());
        assertThat(streams.describe(new StreamName("managed")).retentionHours()).isEqualTo(72);
        mvc.perform(post("/console/streams/managed/retention").param("retentionPeriodHours", "10"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/stream"));

        mvc.perform(post("/console/streams/managed/split")
                        .param("shardId", "shardId-000000000099")
                        .param("newStartingHashKey", HALF))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("ResourceNotFoundException")));

        mvc.perform(post("/console/streams/managed/mode").param("streamMode", "ON_DEMAND"))
                .andExpect(status().is3xxRedirection());
        assertThat(streams.describe(new StreamName("managed")).mode()).isEqualTo(StreamMode.ON_DEMAND);
        mvc.perform(post("/console/streams/managed/mode").param("streamMode", "FAST"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void deletingNeedsTheNameTyped() throws Exception {
        streams.create(CreateStreamCommand.of("doomed", 1, null, null, null));
        mvc.perform(post("/console/streams/doomed/delete").param("confirmName", "wrong"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("to confirm the deletion")));
        assertThat(streams.find(new StreamName("doomed"), streams.now())).isPresent();
        mvc.perform(post("/console/streams/doomed/delete").param("confirmName", "doomed"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console"));
        assertThat(streams.find(new StreamName("doomed"), streams.now())).isEmpty();
    }

    @Test
    void anyStreamNameHasAPage() throws Exception {
        streams.create(CreateStreamCommand.of("rows", 1, null, null, null));
        mvc.perform(get("/console/streams/rows")).andExpect(status().isOk()).andExpect(view().name("console/stream"));
    }

    @Test
    void anUnknownStreamIsAConsoleErrorPage() throws Exception {
        mvc.perform(get("/console/streams/nowhere"))
                .andExpect(status().isNotFound())
                .andExpect(view().name("console/error"))
                .andExpect(content().string(containsString("ResourceNotFoundException")))
                .andExpect(content().string(containsString("Stream nowhere under account 000000000000 not found.")));
    }

    private void put(String stream, String key, int bytes) {
        records.put(new PutRecordCommand(new StreamName(stream), new RecordInput(key, new byte[bytes], null), null));
    }
}
