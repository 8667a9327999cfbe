package dev.runnel.streams;

import static dev.runnel.support.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.shard.ShardFilter;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

/** What each shard request becomes for StreamService and ReshardingService, and how their answers read. */
@RestSliceTest(ShardsRestController.class)
class ShardsRestControllerTest {

    private static final String ACCOUNT = CannedStreams.ACCOUNT;
    private static final String MIDPOINT = "170141183460469231731687303715884105728";
    private static final String BELOW_MIDPOINT = "170141183460469231731687303715884105727";
    private static final String MAX_HASH_KEY = "340282366920938463463374607431768211455";

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    ReshardingService resharding;

    @BeforeEach
    void answerViews() {
        CannedStreams.answerViews(streams);
    }

    // ---- GET /streams/{name}/shards ------------------------------------------------------------------------

    /** Shard 0 of a two-shard stream split at 1000: shards 0 (closed), 1, 2 (its children) and 3. */
    private Stream listed() {
        Stream listed = CannedStreams.split(CannedStreams.active("listed", 2), 0, "1000");
        when(streams.describe(StreamName.of("listed"))).thenReturn(listed);
        return listed;
    }

    @Test
    void listShardsPassesTheFilterAndRendersTheShardsTheServicePicks() throws Exception {
        Stream listed = listed();
        when(streams.shards(listed, ShardFilter.ALL)).thenReturn(listed.shards());
        when(streams.retainedRecordCount(listed, listed.shards().get(0))).thenReturn(6L);
        mvc.perform(get("/streams/listed/shards"))
                .andExpect(status().isOk())
                .andExpect(
                        jsonPath("$.shards[*].shardId").value(contains(shardId(0), shardId(1), shardId(2), shardId(3))))
                .andExpect(jsonPath("$.shards[0].open").value(false))
                .andExpect(jsonPath("$.shards[0].closedAt").value("2026-11-26T10:15:30.000Z"))
                .andExpect(jsonPath("$.shards[0].recordCount").value(6))
                .andExpect(jsonPath("$.shards[0].parentShardId").doesNotExist())
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.startingSequenceNumber")
                        .value(matchesPattern("\\d{56}")))
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.endingSequenceNumber")
                        .value(matchesPattern("\\d{56}")))
                .andExpect(jsonPath("$.shards[2].parentShardId").value(shardId(0)))
                .andExpect(jsonPath("$.shards[2].adjacentParentShardId").doesNotExist())
                .andExpect(jsonPath("$.shards[2].hashKeyRange.startingHashKey").value("0"))
                .andExpect(jsonPath("$.shards[2].hashKeyRange.endingHashKey").value("999"))
                .andExpect(jsonPath("$.shards[3].hashKeyRange.startingHashKey").value("1000"))
                .andExpect(jsonPath("$.shards[3].hashKeyRange.endingHashKey").value(BELOW_MIDPOINT))
                .andExpect(jsonPath("$.shards[3].open").value(true))
                .andExpect(jsonPath("$.shards[3].openedAt").value("2026-11-26T10:15:30.000Z"))
                .andExpect(jsonPath("$.shards[3].closedAt").doesNotExist())
                .andExpect(jsonPath("$.shards[3].sequenceNumberRange.endingSequenceNumber")
                        .doesNotExist());

        Instant at = Instant.parse("2026-11-26T09:30:00.123Z");
        expectFilter(get("/streams/listed/shards").param("filter", "AT_LATEST"), listed, ShardFilter.Type.AT_LATEST);
        expectFilter(
                get("/streams/listed/shards").param("filter", "AT_TRIM_HORIZON"),
                listed,
                ShardFilter.Type.AT_TRIM_HORIZON);
        expectFilter(
                get("/streams/listed/shards").param("filter", "AFTER_SHARD_ID").param("shardId", shardId(1)),
                listed,
                new ShardFilter(ShardFilter.Type.AFTER_SHARD_ID, new ShardId(1), null));
        expectFilter(
                get("/streams/listed/shards").param("filter", "AFTER_SHARD_ID").param("shardId", "1"),
                listed,
                new ShardFilter(ShardFilter.Type.AFTER_SHARD_ID, new ShardId(1), null));
        expectFilter(
                get("/streams/listed/shards").param("filter", "AT_TIMESTAMP").param("timestamp", at.toString()),
                listed,
                new ShardFilter(ShardFilter.Type.AT_TIMESTAMP, null, at));
        expectFilter(
                get("/streams/listed/shards").param("filter", "FROM_TIMESTAMP").param("timestamp", at.toString()),
                listed,
                new ShardFilter(ShardFilter.Type.FROM_TIMESTAMP, null, at));
    }

    private void expectFilter(RequestBuilder request, Stream stream, ShardFilter.Type type) throws Exception {
        expectFilter(request, stream, new ShardFilter(type, null, null));
    }

    /** The filter reaches StreamService as sent, and the answer lists what it picks. */
    private void expectFilter(RequestBuilder request, Stream stream, ShardFilter filter) throws Exception {
        when(streams.shards(stream, filter)).thenReturn(List.of(stream.shards().get(2)));
        mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shards[*].shardId").value(contains(shardId(2))));
    }

    @Test
    void badShardListingsAreProblems() throws Exception {
        listed();
        mvc.perform(get("/streams/listed/shards").param("filter", "SOMETIMES"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value 'SOMETIMES' at 'filter' failed to satisfy constraint: "
                                + "Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, "
                                + "FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]"));
        mvc.perform(get("/streams/listed/shards").param("filter", "AFTER_SHARD_ID"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "ShardId must be provided with the ShardFilter type AFTER_SHARD_ID."));
        mvc.perform(get("/streams/listed/shards").param("filter", "AT_LATEST").param("shardId", shardId(0)))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "ShardId can only be provided with the ShardFilter type AFTER_SHARD_ID, not AT_LATEST."));
        mvc.perform(get("/streams/listed/shards").param("filter", "AT_TIMESTAMP"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Timestamp must be provided with the ShardFilter type AT_TIMESTAMP."));
        mvc.perform(get("/streams/listed/shards").param("filter", "FROM_TIMESTAMP"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Timestamp must be provided with the ShardFilter type FROM_TIMESTAMP."));
        mvc.perform(get("/streams/listed/shards").param("timestamp", "2026-11-26T09:30:00Z"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Timestamp can only be provided with the ShardFilter types AT_TIMESTAMP and FROM_TIMESTAMP, "
                                + "not FROM_TRIM_HORIZON."));
        mvc.perform(get("/streams/listed/shards")
                        .param("filter", "AFTER_SHARD_ID")
                        .param("shardId", "nope"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "InvalidArgumentException", "Invalid shardId: nope."));
        mvc.perform(get("/streams/listed/shards")
                        .param("filter", "AT_TIMESTAMP")
                        .param("timestamp", "yesterday"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value 'yesterday' at 'timestamp' is not an ISO-8601 timestamp such as "
                                + "2026-11-26T10:15:30.123Z."));
        verify(streams, never()).shards(any(), any());

        when(streams.describe(StreamName.of("missing"))).thenThrow(Messages.streamNotFound("missing", ACCOUNT));
        mvc.perform(get("/streams/missing/shards"))
                .andExpect(problem(
                        HttpStatus.NOT_FOUND,
                        "ResourceNotFoundException",
                        "Stream missing under account " + ACCOUNT + " not found."));
    }

    // ---- POST /streams/{name}/shards/{shardId}/split -------------------------------------------------------

    @Test
    void splitBecomesASplitCallAndAnswersTheUpdatingStream() throws Exception {
        when(resharding.split(StreamName.of("split"), shardId(0), MIDPOINT))
                .thenReturn(CannedStreams.split(CannedStreams.active("split", 1), 0, MIDPOINT));
        split("split", shardId(0), MIDPOINT)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streamName").value("split"))
                .andExpect(jsonPath("$.status").value("UPDATING"))
                .andExpect(jsonPath("$.openShardCount").value(2))
                .andExpect(jsonPath("$.shards", hasSize(3)))
                .andExpect(jsonPath("$.shards[0].open").value(false))
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.endingSequenceNumber")
                        .isString())
                .andExpect(jsonPath("$.shards[1].shardId").value(shardId(1)))
                .andExpect(jsonPath("$.shards[1].parentShardId").value(shardId(0)))
                .andExpect(jsonPath("$.shards[1].adjacentParentShardId").doesNotExist())
                .andExpect(jsonPath("$.shards[1].hashKeyRange.startingHashKey").value("0"))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.endingHashKey").value(BELOW_MIDPOINT))
                .andExpect(jsonPath("$.shards[2].shardId").value(shardId(2)))
                .andExpect(jsonPath("$.shards[2].parentShardId").value(shardId(0)))
                .andExpect(jsonPath("$.shards[2].hashKeyRange.startingHashKey").value(MIDPOINT))
                .andExpect(jsonPath("$.shards[2].hashKeyRange.endingHashKey").value(MAX_HASH_KEY));
        verify(resharding).split(StreamName.of("split"), shardId(0), MIDPOINT);
    }

    @Test
    void splitRequestsWithoutAKeyAreRefusedBeforeTheService() throws Exception {
        mvc.perform(post("/streams/split/shards/" + shardId(1) + "/split")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'newStartingHashKey' failed to satisfy "
                                + "constraint: Member must not be null"));
        mvc.perform(post("/streams/split/shards/" + shardId(1) + "/split").contentType(MediaType.APPLICATION_JSON))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "The request body is missing or is not valid JSON."));
        verifyNoInteractions(resharding);
    }

    /** Every refusal ReshardingService.split documents, with its status. */
    @Test
    void splitRefusalsBecomeProblems() throws Exception {
        expectRefusal(
                Messages.streamNotActive("split", ACCOUNT, "UPDATING"),
                HttpStatus.CONFLICT,
                () -> split("split", "0", "1"));
        expectRefusal(
                new ResourceInUseException("Shard " + shardId(0) + " in stream split under account " + ACCOUNT
                        + " has already been merged or split, and thus is not eligible for merging or splitting."),
                HttpStatus.CONFLICT,
                () -> split("split", "0", "1"));
        expectRefusal(
                new InvalidArgumentException("NewStartingHashKey half is not a hash key in the range [0, 2^128-1]."),
                HttpStatus.BAD_REQUEST,
                () -> split("split", "0", "half"));
        expectRefusal(
                new ResourceNotFoundException(
                        "Could not find shard " + shardId(9) + " in stream split under account " + ACCOUNT + "."),
                HttpStatus.NOT_FOUND,
                () -> split("split", shardId(9), "1000"));
        expectRefusal(
                Messages.shardLimitExceeded(ACCOUNT, "us-east-1", 100, 100, 1),
                HttpStatus.TOO_MANY_REQUESTS,
                () -> split("split", "0", "1"));
    }

    private interface Call {
        ResultActions perform() throws Exception;
    }

    private void expectRefusal(KinesisException refusal, HttpStatus status, Call call) throws Exception {
        reset(resharding);
        when(resharding.split(any(), anyString(), anyString())).thenThrow(refusal);
        when(resharding.merge(any(), anyString(), anyString())).thenThrow(refusal);
        when(resharding.updateShardCount(any(), anyInt())).thenThrow(refusal);
        when(resharding.updateMode(any(), any())).thenThrow(refusal);
        call.perform()
                .andExpect(problem(status, refusal.errorType(), refusal.getMessage()))
                .andExpect(header().doesNotExist("Retry-After"));
    }

    // ---- POST /streams/{name}/shards/merge -----------------------------------------------------------------

    @Test
    void mergeBecomesAMergeCallInTheOrderSent() throws Exception {
        when(resharding.merge(StreamName.of("merged"), shardId(1), shardId(2)))
                .thenReturn(CannedStreams.merge(CannedStreams.active("merged", 3), 1, 2));
        merge("merged", shardId(1), shardId(2))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UPDATING"))
                .andExpect(jsonPath("$.openShardCount").value(2))
                .andExpect(jsonPath("$.shards", hasSize(4)))
                .andExpect(jsonPath("$.shards[1].open").value(false))
                .andExpect(jsonPath("$.shards[2].open").value(false))
                .andExpect(jsonPath("$.shards[3].shardId").value(shardId(3)))
                .andExpect(jsonPath("$.shards[3].parentShardId").value(shardId(1)))
                .andExpect(jsonPath("$.shards[3].adjacentParentShardId").value(shardId(2)))
                .andExpect(jsonPath("$.shards[3].open").value(true));
        verify(resharding).merge(StreamName.of("merged"), shardId(1), shardId(2));
    }

    @Test
    void mergeRequestsMissingAShardAreRefusedBeforeTheService() throws Exception {
        mvc.perform(post("/streams/merged/shards/merge")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shardToMerge\":\"" + shardId(0) + "\"}"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'adjacentShardToMerge' failed to satisfy "
                                + "constraint: Member must not be null"));
        mvc.perform(post("/streams/merged/shards/merge")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "2 validation errors detected: Value null at 'adjacentShardToMerge' failed to satisfy "
                                + "constraint: Member must not be null; Value null at 'shardToMerge' failed to satisfy "
                                + "constraint: Member must not be null"));
        verifyNoInteractions(resharding);
    }

    @Test
    void mergeRefusalsBecomeProblems() throws Exception {
        expectRefusal(
                new InvalidArgumentException("Shards " + shardId(0) + " and " + shardId(2) + " in stream merged under "
                        + "account " + ACCOUNT + " are not an adjacent pair of shards eligible for merging"),
                HttpStatus.BAD_REQUEST,
                () -> merge("merged", shardId(0), shardId(2)));
        expectRefusal(
                Messages.streamNotActive("merged", ACCOUNT, "UPDATING"),
                HttpStatus.CONFLICT,
                () -> merge("merged", shardId(0), shardId(1)));
        expectRefusal(
                Messages.streamNotFound("missing", ACCOUNT),
                HttpStatus.NOT_FOUND,
                () -> merge("missing", shardId(0), shardId(1)));
    }

    // ---- PUT /streams/{name}/shard-count -------------------------------------------------------------------

    @Test
    void shardCountBecomesAnUpdateAndAnswersBothCountsWithTheStream() throws Exception {
        Stream scaled = CannedStreams.updating(CannedStreams.active("scaled", 4));
        when(resharding.updateShardCount(StreamName.of("scaled"), 4))
                .thenReturn(new ReshardingService.ShardCountUpdate(scaled, 2, 4));
        shardCount("scaled", "{\"targetShardCount\":4}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentShardCount").value(2))
                .andExpect(jsonPath("$.targetShardCount").value(4))
                .andExpect(jsonPath("$.stream.streamName").value("scaled"))
                .andExpect(jsonPath("$.stream.status").value("UPDATING"))
                .andExpect(jsonPath("$.stream.openShardCount").value(4))
                .andExpect(jsonPath("$.stream.shards", hasSize(4)));
        verify(resharding).updateShardCount(StreamName.of("scaled"), 4);
    }

    @Test
    void shardCountRequestsOutOfTheModelAreRefusedBeforeTheService() throws Exception {
        shardCount("scaled", "{\"targetShardCount\":0}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value '0' at 'targetShardCount' failed to satisfy constraint: "
                                + "Member must have value greater than or equal to 1"));
        shardCount("scaled", "{}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'targetShardCount' failed to satisfy constraint: "
                                + "Member must not be null"));
        shardCount("scaled", "{\"targetShardCount\":\"many\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "The value at 'targetShardCount' is not a whole number."));
        verifyNoInteractions(resharding);
    }

    @Test
    void shardCountRefusalsBecomeProblems() throws Exception {
        expectRefusal(
                new InvalidArgumentException("UpdateShardCount cannot scale up over double your current open shard "
                        + "count. Current open shard count: 4 Target shard count: 9"),
                HttpStatus.BAD_REQUEST,
                () -> shardCount("scaled", "{\"targetShardCount\":9}"));
        expectRefusal(
                new LimitExceededException("Stream scaled under account " + ACCOUNT
                        + " has already been updated 10 times with UpdateShardCount in the last 24 hours."),
                HttpStatus.TOO_MANY_REQUESTS,
                () -> shardCount("scaled", "{\"targetShardCount\":2}"));
        expectRefusal(
                Messages.shardLimitExceeded(ACCOUNT, "us-east-1", 60, 100, 60),
                HttpStatus.TOO_MANY_REQUESTS,
                () -> shardCount("wide", "{\"targetShardCount\":120}"));
        expectRefusal(
                Messages.streamNotActive("scaled", ACCOUNT, "UPDATING"),
                HttpStatus.CONFLICT,
                () -> shardCount("scaled", "{\"targetShardCount\":3}"));
        expectRefusal(
                Messages.streamNotFound("missing", ACCOUNT),
                HttpStatus.NOT_FOUND,
                () -> shardCount("missing", "{\"targetShardCount\":2}"));
    }

    // ---- PUT /streams/{name}/mode --------------------------------------------------------------------------

    @Test
    void modeBecomesAnUpdateModeCall() throws Exception {
        when(resharding.updateMode(StreamName.of("moded"), StreamMode.ON_DEMAND))
                .thenReturn(
                        CannedStreams.updating(CannedStreams.active("moded", StreamMode.ON_DEMAND, 2, 24, Map.of())));
        mode("moded", "{\"streamMode\":\"ON_DEMAND\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streamMode").value("ON_DEMAND"))
                .andExpect(jsonPath("$.status").value("UPDATING"))
                .andExpect(jsonPath("$.openShardCount").value(2));
        verify(resharding).updateMode(StreamName.of("moded"), StreamMode.ON_DEMAND);
    }

    @Test
    void modeRequestsOutOfTheModelAreRefusedBeforeTheService() throws Exception {
        mode("moded", "{\"streamMode\":\"FAST\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value 'FAST' at 'streamMode' failed to satisfy constraint: "
                                + "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"));
        mode("moded", "{}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'streamMode' failed to satisfy constraint: "
                                + "Member must not be null"));
        verifyNoInteractions(resharding);
    }

    @Test
    void modeRefusalsBecomeProblems() throws Exception {
        expectRefusal(
                new InvalidArgumentException(
                        "Stream moded under account " + ACCOUNT + " is already in ON_DEMAND mode."),
                HttpStatus.BAD_REQUEST,
                () -> mode("moded", "{\"streamMode\":\"ON_DEMAND\"}"));
        expectRefusal(
                new LimitExceededException("Stream moded under account " + ACCOUNT
                        + " has already switched its mode 2 times in the last 24 hours."),
                HttpStatus.TOO_MANY_REQUESTS,
                () -> mode("moded", "{\"streamMode\":\"ON_DEMAND\"}"));
        expectRefusal(
                Messages.streamNotActive("moded", ACCOUNT, "UPDATING"),
                HttpStatus.CONFLICT,
                () -> mode("moded", "{\"streamMode\":\"PROVISIONED\"}"));
        expectRefusal(
                Messages.streamNotFound("missing", ACCOUNT),
                HttpStatus.NOT_FOUND,
                () -> mode("missing", "{\"streamMode\":\"ON_DEMAND\"}"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private ResultActions split(String stream, String shard, String key) throws Exception {
        return mvc.perform(post("/streams/" + stream + "/shards/" + shard + "/split")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"newStartingHashKey\":\"" + key + "\"}"));
    }

    private ResultActions merge(String stream, String shard, String adjacent) throws Exception {
        return mvc.perform(post("/streams/" + stream + "/shards/merge")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"shardToMerge\":\"" + shard + "\",\"adjacentShardToMerge\":\"" + adjacent + "\"}"));
    }

    private ResultActions shardCount(String stream, String body) throws Exception {
        return mvc.perform(put("/streams/" + stream + "/shard-count")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions mode(String stream, String body) throws Exception {
        return mvc.perform(put("/streams/" + stream + "/mode")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String shardId(int index) {
        return String.format("shardId-%012d", index);
    }
}
