package dev.runnel.streams;

import static dev.runnel.support.Problems.problem;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.core.error.Messages;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.Insights;
import dev.runnel.insight.StreamInsights;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;

/** The insights of the named stream at the services' now, rendered as Insights computes them. */
@RestSliceTest(InsightsRestController.class)
class InsightsRestControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    Insights insights;

    @BeforeEach
    void answerViews() {
        CannedStreams.answerViews(streams);
    }

    @Test
    void analysesTheDescribedStreamAtTheServicesNow() throws Exception {
        Stream watched = CannedStreams.active("watched", 2);
        when(streams.describe(StreamName.of("watched"))).thenReturn(watched);
        StreamInsights.Rates busy = new StreamInsights.Rates(2000, 20, 100, 1);
        StreamInsights.Rates none = new StreamInsights.Rates(0, 0, 0, 0);
        when(insights.analyze(watched, CannedStreams.NOW))
                .thenReturn(new StreamInsights(
                        "watched",
                        2,
                        10,
                        busy,
                        List.of(
                                new StreamInsights.ShardInsight(
                                        "shardId-000000000000",
                                        true,
                                        busy,
                                        0.95,
                                        0.1,
                                        3,
                                        true,
                                        List.of("writes at 95% of the shard's limit (950 records/s, 2000 bytes/s)"),
                                        List.of(new StreamInsights.KeyShare("1", 20, 1.0))),
                                new StreamInsights.ShardInsight(
                                        "shardId-000000000001", true, none, 0, 0, 0, false, List.of(), List.of())),
                        List.of(
                                new StreamInsights.Advice(
                                        "SPREAD_PARTITION_KEYS",
                                        "shardId-000000000000",
                                        "Partition key '1' carries 100% of the records of shardId-000000000000.",
                                        "100",
                                        null),
                                new StreamInsights.Advice("ADD_SHARDS", null, "Scale to 3.", null, 3))));

        mvc.perform(get("/streams/watched/insights"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streamName").value("watched"))
                .andExpect(jsonPath("$.openShards").value(2))
                .andExpect(jsonPath("$.windowSeconds").value(10))
                .andExpect(jsonPath("$.stream.writeBytesPerSecond").value(2000.0))
                .andExpect(jsonPath("$.stream.writeRecordsPerSecond").value(20.0))
                .andExpect(jsonPath("$.stream.readBytesPerSecond").value(100.0))
                .andExpect(jsonPath("$.stream.readRecordsPerSecond").value(1.0))
                .andExpect(jsonPath("$.shards", hasSize(2)))
                .andExpect(jsonPath("$.shards[0].shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.shards[0].open").value(true))
                .andExpect(jsonPath("$.shards[0].writeUtilisation").value(0.95))
                .andExpect(jsonPath("$.shards[0].readUtilisation").value(0.1))
                .andExpect(jsonPath("$.shards[0].throttlesLastMinute").value(3))
                .andExpect(jsonPath("$.shards[0].hot").value(true))
                .andExpect(jsonPath("$.shards[0].hotReasons[0]")
                        .value("writes at 95% of the shard's limit (950 records/s, 2000 bytes/s)"))
                .andExpect(jsonPath("$.shards[0].topKeys[0].partitionKey").value("1"))
                .andExpect(jsonPath("$.shards[0].topKeys[0].records").value(20))
                .andExpect(jsonPath("$.shards[0].topKeys[0].share").value(1.0))
                .andExpect(jsonPath("$.shards[1].hot").value(false))
                .andExpect(jsonPath("$.shards[1].topKeys", hasSize(0)))
                .andExpect(jsonPath("$.advice", hasSize(2)))
                .andExpect(jsonPath("$.advice[0].kind").value("SPREAD_PARTITION_KEYS"))
                .andExpect(jsonPath("$.advice[0].shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.advice[0].suggestedSplitHashKey").value("100"))
                .andExpect(jsonPath("$.advice[1].kind").value("ADD_SHARDS"))
                .andExpect(jsonPath("$.advice[1].suggestedShardCount").value(3))
                .andExpect(jsonPath("$.advice[1].message").value("Scale to 3."));
    }

    @Test
    void anUnknownStreamIsNotFoundAndNotAnalysed() throws Exception {
        when(streams.describe(StreamName.of("missing"))).thenThrow(Messages.streamNotFound("missing", "000000000000"));
        mvc.perform(get("/streams/missing/insights"))
                .andExpect(problem(
                        HttpStatus.NOT_FOUND,
                        "ResourceNotFoundException",
                        "Stream missing under account 000000000000 not found."));
        verifyNoInteractions(insights);
    }
}
