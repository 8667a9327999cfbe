package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.Insights;
import dev.runnel.insight.StreamInsights;
import dev.runnel.insight.TrafficSeries;
import dev.runnel.records.ActiveSubscription;
import dev.runnel.records.Subscriptions;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The stream page and its forms over mocked services: what each form becomes, and what the page shows. */
@RestSliceTest(StreamConsoleController.class)
class StreamConsoleControllerTest {

    private static final String HALF = BigInteger.ONE.shiftLeft(127).toString();
    private static final String SHARD_0 = "shardId-000000000000";

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    StreamSettingsService settings;

    @Autowired
    ReshardingService resharding;

    @Autowired
    Insights insights;

    @Autowired
    Subscriptions subscriptions;

    @BeforeEach
    void answerViews() {
        CannedStreams.answerViews(streams);
        CannedStreams.answerQuietly(insights);
    }

    /** The stream StreamService describes under its name. */
    private Stream described(Stream stream) {
        when(streams.describe(stream.name())).thenReturn(stream);
        return stream;
    }

    private static StreamDetails details(MvcResult result) {
        return (StreamDetails) result.getModelAndView().getModel().get("stream");
    }

    /** The quiet insights of the stream, with shard 0 hot for the reasons and the advice given. */
    private static StreamInsights hotShardZero(Stream stream, List<String> reasons, StreamInsights.Advice... advice) {
        StreamInsights quiet = CannedStreams.quiet(stream);
        List<StreamInsights.ShardInsight> shards = new ArrayList<>(quiet.shards());
        StreamInsights.Rates busy = new StreamInsights.Rates(100_000, 1_000, 0, 0);
        shards.set(
                0,
                new StreamInsights.ShardInsight(
                        SHARD_0,
                        true,
                        busy,
                        1.0,
                        0,
                        100,
                        true,
                        reasons,
                        List.of(new StreamInsights.KeyShare("1", 50_000, 1.0))));
        return new StreamInsights(
                quiet.streamName(), quiet.openShards(), 10, busy, List.copyOf(shards), List.of(advice));
    }

    // ---- the page ------------------------------------------------------------------------------------------

    @Test
    void theStreamPageShowsShardsWithRangesSequenceNumbersCountsAndTopKeys() throws Exception {
        Stream page = described(CannedStreams.active("page", 2));
        when(streams.retainedRecordCount(page, page.shards().get(0))).thenReturn(3L);
        when(streams.retainedRecordCount(page, page.shards().get(1))).thenReturn(2L);
        StreamInsights quiet = CannedStreams.quiet(page);
        List<StreamInsights.ShardInsight> shards = new ArrayList<>(quiet.shards());
        StreamInsights.Rates writing = new StreamInsights.Rates(500, 5, 0, 0);
        shards.set(
                1,
                new StreamInsights.ShardInsight(
                        "shardId-000000000001",
                        true,
                        writing,
                        0.005,
                        0,
                        0,
                        false,
                        List.of(),
                        List.of(new StreamInsights.KeyShare("1", 5, 1.0))));
        when(insights.analyze(page, CannedStreams.NOW))
                .thenReturn(new StreamInsights("page", 2, 10, writing, List.copyOf(shards), List.of()));

        MvcResult result = mvc.perform(get("/console/streams/page"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/stream"))
                .andExpect(model().attribute("modes", StreamMode.values()))
                .andReturn();
        StreamDetails details = details(result);
        assertThat(details.name()).isEqualTo("page");
        assertThat(details.arn()).isEqualTo(CannedStreams.arn("page"));
        assertThat(details.status()).isEqualTo("ACTIVE");
        assertThat(details.createdAt()).isEqualTo("2026-11-26T09:15:30.000Z");
        assertThat(details.writes()).isEqualTo(new Rate(500, 5));
        assertThat(details.shards()).hasSize(2);
        ShardRow first = details.shards().get(0);
        assertThat(first.rangeStartPercent()).isEqualTo(0.0);
        assertThat(first.rangeWidthPercent()).isCloseTo(50.0, within(0.001));
        assertThat(details.shards().get(1).rangeStartPercent()).isCloseTo(50.0, within(0.001));
        assertThat(first.startingSequenceNumber()).hasSize(56);
        assertThat(first.endingSequenceNumber()).isNull();
        assertThat(details.shards()).extracting(ShardRow::recordCount).containsExactly(3L, 2L);
        assertThat(details.shards().get(1).topKeys()).containsExactly(new ShardRow.TopKey("1", 5, "100%"));
        assertThat(details.hotShards()).isZero();
        assertThat(details.lineage()).isEmpty();
        assertThat(result.getResponse().getContentAsString())
                .contains(
                        "id=\"shard-table\"",
                        "class=\"keyspace-range\"",
                        "left:0.0000%;width:max(50.0000%,2px)",
                        "data-traffic-url=\"/console/streams/page/traffic\"",
                        "<label for=\"split-key\">",
                        "id=\"no-consumers\"")
                .doesNotContain("id=\"warnings\"", "id=\"lineage\"", "id=\"consumer-table\"");
        assertThat(details.fanOut().consumers()).isEmpty();
        assertThat(details.fanOut().shards()).isEmpty();
    }

    @Test
    void theStreamPageListsItsConsumersAndEachOnesSubscriptionOnEachShard() throws Exception {
        StreamConsumer app = CannedStreams.consumer("app");
        StreamConsumer audit = StreamConsumer.register("audit", Map.of(), CannedStreams.NOW, CannedStreams.DELAY);
        StreamConsumer leaving =
                CannedStreams.consumer("leaving").deregistering(CannedStreams.NOW, CannedStreams.DELAY);
        StreamConsumer gone = CannedStreams.consumer("gone").deregistering(CannedStreams.CREATED, Duration.ZERO);
        Stream fan = described(CannedStreams.withConsumers(CannedStreams.active("fan", 2), app, gone, audit, leaving));
        String streamArn = CannedStreams.arn("fan");
        when(subscriptions.active(fan))
                .thenReturn(List.of(new ActiveSubscription(
                        "app",
                        app.arn(streamArn),
                        new ShardId(1),
                        CannedStreams.NOW.minusSeconds(30),
                        1250L,
                        42,
                        4200)));

        MvcResult result = mvc.perform(get("/console/streams/fan"))
                .andExpect(status().isOk())
                .andReturn();
        FanOutDetails fanOut = details(result).fanOut();
        assertThat(fanOut.consumers())
                .as("in registration order, without the consumer that finished deregistering")
                .containsExactly(
                        new FanOutDetails.ConsumerRow("app", "ACTIVE", app.arn(streamArn), "2026-11-26T09:16:30.000Z"),
                        new FanOutDetails.ConsumerRow(
                                "audit", "CREATING", audit.arn(streamArn), "2026-11-26T10:15:30.000Z"),
                        new FanOutDetails.ConsumerRow(
                                "leaving", "DELETING", leaving.arn(streamArn), "2026-11-26T09:16:30.000Z"));
        FanOutDetails.SubscriptionCell notSubscribed = new FanOutDetails.SubscriptionCell("app", null, null, 0);
        assertThat(fanOut.shards())
                .containsExactly(
                        new FanOutDetails.ShardSubscriptions(
                                SHARD_0,
                                List.of(
                                        notSubscribed,
                                        new FanOutDetails.SubscriptionCell("audit", null, null, 0),
                                        new FanOutDetails.SubscriptionCell("leaving", null, null, 0))),
                        new FanOutDetails.ShardSubscriptions(
                                "shardId-000000000001",
                                List.of(
                                        new FanOutDetails.SubscriptionCell(
                                                "app", "2026-11-26T10:15:00.000Z", 1250L, 42),
                                        new FanOutDetails.SubscriptionCell("audit", null, null, 0),
                                        new FanOutDetails.SubscriptionCell("leaving", null, null, 0))));
        assertThat(result.getResponse().getContentAsString())
                .contains(
                        "id=\"consumer-table\"",
                        "id=\"subscription-table\"",
                        app.arn(streamArn),
                        "since <time datetime=\"2026-11-26T10:15:00.000Z\">",
                        "1,250 ms behind",
                        "42 records pushed",
                        "not subscribed")
                .doesNotContain("id=\"no-consumers\"", ">gone<");
    }

    @Test
    void aCreatingStreamShowsNoShardsYet() throws Exception {
        described(CannedStreams.creating("young", 2));
        MvcResult result = mvc.perform(get("/console/streams/young"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The stream is being created")))
                .andReturn();
        assertThat(details(result).status()).isEqualTo("CREATING");
        assertThat(details(result).shards()).isEmpty();
    }

    @Test
    void theLiveFragmentAndTheTrafficSeriesRefreshWithoutAReload() throws Exception {
        Stream live = described(CannedStreams.active("live", 1));
        mvc.perform(get("/console/streams/live/live"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"live\"")))
                .andExpect(content().string(containsString("id=\"consumers\"")))
                .andExpect(content().string(containsString(SHARD_0)))
                .andExpect(content().string(not(containsString("id=\"delete-form\""))));

        long last = CannedStreams.NOW.getEpochSecond() - 1;
        long[] seconds = LongStream.rangeClosed(last - 58, last).toArray();
        long[] writes = new long[59];
        writes[58] = 1024;
        when(insights.series(live, CannedStreams.NOW))
                .thenReturn(new TrafficSeries(
                        seconds,
                        List.of(new TrafficSeries.ShardSeries(
                                SHARD_0, true, writes, new long[59], new long[59], new long[59]))));
        mvc.perform(get("/console/streams/live/traffic"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.epochSeconds.length()").value(59))
                .andExpect(jsonPath("$.epochSeconds[58]").value(last))
                .andExpect(jsonPath("$.shards[0].shardId").value(SHARD_0))
                .andExpect(jsonPath("$.shards[0].open").value(true))
                .andExpect(jsonPath("$.shards[0].writeBytes.length()").value(59))
                .andExpect(jsonPath("$.shards[0].writeBytes[58]").value(1024));
    }

    @Test
    void aHotShardShowsItsReasonsItsAdviceAndAOneClickSplit() throws Exception {
        Stream hot = described(CannedStreams.active("hot", 1));
        String key = "123456789";
        when(insights.analyze(hot, CannedStreams.NOW))
                .thenReturn(hotShardZero(
                        hot,
                        List.of("100 records refused by the write limit and 3 GetRecords calls refused by the read "
                                + "limit in the last minute"),
                        new StreamInsights.Advice(
                                "SPREAD_PARTITION_KEYS", SHARD_0, "Partition key '1' carries 100%.", key, null)));
        MvcResult result = mvc.perform(get("/console/streams/hot"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("1 hot shard")))
                .andExpect(content()
                        .string(containsString("100 records refused by the write limit and 3 GetRecords calls "
                                + "refused by the read limit in the last minute")))
                .andExpect(content().string(containsString("SPREAD_PARTITION_KEYS")))
                .andExpect(content().string(containsString("id=\"split-" + SHARD_0 + "\"")))
                .andReturn();
        assertThat(details(result).hotShards()).isEqualTo(1);
        assertThat(details(result).advice())
                .singleElement()
                .satisfies(a -> assertThat(a.suggestedSplitHashKey()).isEqualTo(key));

        when(resharding.split(StreamName.of("hot"), SHARD_0, key)).thenReturn(CannedStreams.split(hot, 0, key));
        mvc.perform(post("/console/streams/hot/split")
                        .param("shardId", SHARD_0)
                        .param("newStartingHashKey", " " + key + " "))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/streams/hot"))
                .andExpect(flash().attribute(
                                "notice",
                                "Split " + SHARD_0 + " at hash key " + key
                                        + " into shardId-000000000001 and shardId-000000000002."));
        verify(resharding).split(StreamName.of("hot"), SHARD_0, key);
    }

    @Test
    void aClosedShardsAdviceOffersNoSplitButton() throws Exception {
        Stream split = described(CannedStreams.split(CannedStreams.active("closed", 1), 0, HALF));
        when(insights.analyze(split, CannedStreams.NOW))
                .thenReturn(new StreamInsights(
                        "closed",
                        2,
                        10,
                        new StreamInsights.Rates(0, 0, 0, 0),
                        CannedStreams.quiet(split).shards(),
                        List.of(new StreamInsights.Advice("SPLIT_SHARD", SHARD_0, "Split it.", "5", null))));
        mvc.perform(get("/console/streams/closed"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("SPLIT_SHARD")))
                .andExpect(content().string(not(containsString("id=\"split-" + SHARD_0 + "\""))));
    }

    @Test
    void closedShardsAreListedWithWhatReplacedThem() throws Exception {
        Stream stream = CannedStreams.merge(CannedStreams.split(CannedStreams.active("lineage", 1), 0, HALF), 1, 2);
        described(stream);
        MvcResult result = mvc.perform(get("/console/streams/lineage"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"lineage\"")))
                .andReturn();
        StreamDetails details = details(result);
        assertThat(details.openShardIds()).containsExactly("shardId-000000000003");
        assertThat(details.lineage())
                .containsExactly(
                        new StreamDetails.LineageStep(
                                SHARD_0,
                                "2026-11-26T10:15:30.000Z",
                                "split into",
                                List.of("shardId-000000000001", "shardId-000000000002")),
                        new StreamDetails.LineageStep(
                                "shardId-000000000001",
                                "2026-11-26T10:15:30.000Z",
                                "merged into",
                                List.of("shardId-000000000003")),
                        new StreamDetails.LineageStep(
                                "shardId-000000000002",
                                "2026-11-26T10:15:30.000Z",
                                "merged into",
                                List.of("shardId-000000000003")));
    }

    // ---- the forms -----------------------------------------------------------------------------------------

    @Test
    void theManageFormsBecomeServiceCallsAndSayWhatHappened() throws Exception {
        Stream managed = described(CannedStreams.active("managed", 2));
        StreamName name = StreamName.of("managed");

        when(resharding.merge(name, SHARD_0, "shardId-000000000001")).thenReturn(CannedStreams.merge(managed, 0, 1));
        mvc.perform(post("/console/streams/managed/merge")
                        .param("shardToMerge", SHARD_0)
                        .param("adjacentShardToMerge", "shardId-000000000001"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/streams/managed"))
                .andExpect(flash().attribute("notice", "Merged " + SHARD_0 + " and shardId-000000000001."));
        verify(resharding).merge(name, SHARD_0, "shardId-000000000001");

        when(resharding.updateShardCount(name, 2)).thenReturn(new ReshardingService.ShardCountUpdate(managed, 1, 2));
        mvc.perform(post("/console/streams/managed/shard-count").param("targetShardCount", " 2 "))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "Scaled from 1 to 2 open shards."));
        verify(resharding).updateShardCount(name, 2);

        when(settings.setRetention(name, 72)).thenReturn(managed);
        mvc.perform(post("/console/streams/managed/retention").param("retentionPeriodHours", "72"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "Records are now kept for 72 hours."));
        verify(settings).setRetention(name, 72);

        when(resharding.updateMode(name, StreamMode.ON_DEMAND)).thenReturn(managed);
        mvc.perform(post("/console/streams/managed/mode").param("streamMode", "ON_DEMAND"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "Capacity mode is now ON_DEMAND."));
        verify(resharding).updateMode(name, StreamMode.ON_DEMAND);
    }

    @Test
    void refusalsOfTheServicesComeBackBesideTheirForm() throws Exception {
        described(CannedStreams.active("managed", 2));
        StreamName name = StreamName.of("managed");

        String tooMany = "UpdateShardCount cannot scale up over double your current open shard count. Current open "
                + "shard count: 2 Target shard count: 9";
        when(resharding.updateShardCount(name, 9)).thenThrow(new InvalidArgumentException(tooMany));
        mvc.perform(post("/console/streams/managed/shard-count").param("targetShardCount", "9"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/stream"))
                .andExpect(
                        model().attribute("error", new FormError("shard-count", "InvalidArgumentException", tooMany)))
                .andExpect(content().string(containsString(tooMany)));

        when(settings.setRetention(name, 10))
                .thenThrow(new InvalidArgumentException("Minimum allowed retention period is 24 hours."));
        mvc.perform(post("/console/streams/managed/retention").param("retentionPeriodHours", "10"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/stream"))
                .andExpect(model().attribute(
                                "error",
                                new FormError(
                                        "retention",
                                        "InvalidArgumentException",
                                        "Minimum allowed retention period is 24 hours.")));

        when(resharding.split(name, "shardId-000000000099", HALF))
                .thenThrow(new ResourceNotFoundException(
                        "Could not find shard shardId-000000000099 in stream managed under account 000000000000."));
        mvc.perform(post("/console/streams/managed/split")
                        .param("shardId", "shardId-000000000099")
                        .param("newStartingHashKey", HALF))
                .andExpect(status().isNotFound())
                .andExpect(model().attribute(
                                "error",
                                new FormError(
                                        "split",
                                        "ResourceNotFoundException",
                                        "Could not find shard shardId-000000000099 in stream managed under account "
                                                + "000000000000.")))
                .andExpect(content().string(containsString("ResourceNotFoundException")));

        when(resharding.updateMode(name, StreamMode.PROVISIONED))
                .thenThrow(Messages.streamNotActive("managed", "000000000000", "UPDATING"));
        mvc.perform(post("/console/streams/managed/mode").param("streamMode", "PROVISIONED"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("not ACTIVE, instead in state UPDATING")));
    }

    @Test
    void formValuesTheServicesCannotTakeAreRefusedBeforeCallingThem() throws Exception {
        described(CannedStreams.active("managed", 2));
        mvc.perform(post("/console/streams/managed/shard-count").param("targetShardCount", "lots"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Member must be a whole number")));
        mvc.perform(post("/console/streams/managed/retention").param("retentionPeriodHours", ""))
                .andExpect(status().isBadRequest())
                .andExpect(model().attributeExists("error"));
        mvc.perform(post("/console/streams/managed/mode").param("streamMode", "FAST"))
                .andExpect(status().isBadRequest())
                .andExpect(model().attributeExists("error"));
        verifyNoInteractions(settings, resharding);
    }

    @Test
    void deletingNeedsTheNameTyped() throws Exception {
        described(CannedStreams.active("doomed", 1));
        mvc.perform(post("/console/streams/doomed/delete").param("confirmName", "wrong"))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute(
                                "error",
                                new FormError(
                                        "delete",
                                        "InvalidArgumentException",
                                        "Type the stream's name, doomed, to confirm the deletion.")))
                .andExpect(content().string(containsString("to confirm the deletion")));
        verify(streams, never()).delete(any());

        when(streams.delete(StreamName.of("doomed")))
                .thenReturn(CannedStreams.deleting(CannedStreams.active("doomed", 1)));
        mvc.perform(post("/console/streams/doomed/delete").param("confirmName", " doomed "))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console"))
                .andExpect(flash().attribute("notice", "Stream doomed is being deleted with all its records."));
        verify(streams).delete(StreamName.of("doomed"));
    }

    @Test
    void aRefusedDeletionComesBackBesideItsForm() throws Exception {
        described(CannedStreams.active("busy", 1));
        when(streams.delete(StreamName.of("busy")))
                .thenThrow(Messages.streamNotActive("busy", "000000000000", "UPDATING"));
        mvc.perform(post("/console/streams/busy/delete").param("confirmName", "busy"))
                .andExpect(status().isConflict())
                .andExpect(view().name("console/stream"))
                .andExpect(model().attribute(
                                "error",
                                new FormError(
                                        "delete",
                                        "ResourceInUseException",
                                        "Stream busy under account 000000000000 not ACTIVE, instead in state "
                                                + "UPDATING")));
    }

    // ---- errors --------------------------------------------------------------------------------------------

    @Test
    void anyStreamNameHasAPage() throws Exception {
        described(CannedStreams.active("rows", 1));
        mvc.perform(get("/console/streams/rows")).andExpect(status().isOk()).andExpect(view().name("console/stream"));
    }

    @Test
    void anUnknownStreamIsAConsoleErrorPage() throws Exception {
        when(streams.describe(StreamName.of("nowhere")))
                .thenThrow(Messages.streamNotFound("nowhere", CannedStreams.ACCOUNT));
        mvc.perform(get("/console/streams/nowhere"))
                .andExpect(status().isNotFound())
                .andExpect(view().name("console/error"))
                .andExpect(content().string(containsString("ResourceNotFoundException")))
                .andExpect(content().string(containsString("Stream nowhere under account 000000000000 not found.")));
    }

    @Test
    void anUnexpectedFailureIsAConsoleErrorPageWithoutInternals() throws Exception {
        when(streams.describe(StreamName.of("broken"))).thenThrow(new IllegalStateException("a bug's own words"));
        mvc.perform(get("/console/streams/broken"))
                .andExpect(status().isInternalServerError())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("errorType", "InternalFailure"))
                .andExpect(model().attribute("message", "Internal service failure."))
                .andExpect(content().string(not(containsString("a bug's own words"))));
    }
}
