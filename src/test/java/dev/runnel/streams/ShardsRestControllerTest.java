package dev.runnel.streams;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.support.ManualClock;
import dev.runnel.support.RestSliceTest;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * The shard endpoints over the real services. The clock is manual, so a stream stays UPDATING after each
 * change (runnel.streams.update-delay, 500 ms by default) until a test moves the clock past it.
 */
@RestSliceTest({ShardsRestController.class, StreamsRestController.class})
class ShardsRestControllerTest {

    static final String ACCOUNT = "000000000000";
    static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    static final String MIDPOINT = "170141183460469231731687303715884105728";
    static final String BELOW_MIDPOINT = "170141183460469231731687303715884105727";
    static final Duration PAST_UPDATE = Duration.ofSeconds(1);

    @TestConfiguration
    static class Clock {

        @Bean
        @Primary
        ManualClock manualClock() {
            return new ManualClock();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ManualClock clock;

    // ------------------------------------------------------------------------------------------------------
    // GET /streams/{name}/shards

    @Test
    void listsShardsThroughAShardFilter() throws Exception {
        create("listed", 2);
        mvc.perform(get("/streams/listed/shards"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shards", hasSize(2)))
                .andExpect(jsonPath("$.shards[0].shardId").value(shardId(0)))
                .andExpect(jsonPath("$.shards[0].hashKeyRange.startingHashKey").value("0"))
                .andExpect(jsonPath("$.shards[0].hashKeyRange.endingHashKey").value(BELOW_MIDPOINT))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.startingHashKey").value(MIDPOINT))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.endingHashKey").value(MAX_HASH_KEY.toString()))
                .andExpect(jsonPath("$.shards[0].open").value(true))
                .andExpect(jsonPath("$.shards[0].parentShardId").doesNotExist())
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.startingSequenceNumber")
                        .isString())
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.endingSequenceNumber")
                        .doesNotExist());

        Instant beforeSplit = clock.advance(PAST_UPDATE);
        Instant splitAt = clock.advance(PAST_UPDATE);
        split("listed", shardId(0), "1000").andExpect(status().isOk());
        clock.advance(PAST_UPDATE);

        expectShards(get("/streams/listed/shards"), shardId(0), shardId(1), shardId(2), shardId(3));
        expectShards(
                get("/streams/listed/shards").param("filter", "FROM_TRIM_HORIZON"),
                shardId(0),
                shardId(1),
                shardId(2),
                shardId(3));
        expectShards(get("/streams/listed/shards").param("filter", "AT_LATEST"), shardId(1), shardId(2), shardId(3));
        expectShards(get("/streams/listed/shards").param("filter", "AT_TRIM_HORIZON"), shardId(0), shardId(1));
        expectShards(
                get("/streams/listed/shards").param("filter", "AFTER_SHARD_ID").param("shardId", shardId(1)),
                shardId(2),
                shardId(3));
        expectShards(
                get("/streams/listed/shards")
                        .param("filter", "AT_TIMESTAMP")
                        .param("timestamp", beforeSplit.toString()),
                shardId(0),
                shardId(1));
        expectShards(
                get("/streams/listed/shards")
                        .param("filter", "FROM_TIMESTAMP")
                        .param("timestamp", beforeSplit.toString()),
                shardId(0),
                shardId(1),
                shardId(2),
                shardId(3));
        expectShards(
                get("/streams/listed/shards")
                        .param("filter", "FROM_TIMESTAMP")
                        .param("timestamp", splitAt.plusMillis(1).toString()),
                shardId(1),
                shardId(2),
                shardId(3));

        mvc.perform(get("/streams/listed/shards").param("filter", "AT_LATEST"))
                .andExpect(jsonPath("$.shards[1].parentShardId").value(shardId(0)))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.startingHashKey").value("0"))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.endingHashKey").value("999"))
                .andExpect(jsonPath("$.shards[2].hashKeyRange.startingHashKey").value("1000"))
                .andExpect(jsonPath("$.shards[2].hashKeyRange.endingHashKey").value(BELOW_MIDPOINT));
        mvc.perform(get("/streams/listed/shards"))
                .andExpect(jsonPath("$.shards[0].open").value(false))
                .andExpect(jsonPath("$.shards[0].closedAt").isString())
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.endingSequenceNumber")
                        .isString());
    }

    @Test
    void refusesBadShardListings() throws Exception {
        create("filtered", 1);
        problem(
                get("/streams/filtered/shards").param("filter", "SOMETIMES"),
                status().isBadRequest(),
                "ValidationException",
                "1 validation error detected: Value 'SOMETIMES' at 'filter' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, "
                        + "FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]");
        problem(
                get("/streams/filtered/shards").param("filter", "AFTER_SHARD_ID"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "ShardId must be provided with the ShardFilter type AFTER_SHARD_ID.");
        problem(
                get("/streams/filtered/shards").param("filter", "AT_LATEST").param("shardId", shardId(0)),
                status().isBadRequest(),
                "InvalidArgumentException",
                "ShardId can only be provided with the ShardFilter type AFTER_SHARD_ID, not AT_LATEST.");
        problem(
                get("/streams/filtered/shards").param("filter", "AT_TIMESTAMP"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "Timestamp must be provided with the ShardFilter type AT_TIMESTAMP.");
        problem(
                get("/streams/filtered/shards").param("filter", "FROM_TIMESTAMP"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "Timestamp must be provided with the ShardFilter type FROM_TIMESTAMP.");
        problem(
                get("/streams/filtered/shards")
                        .param("timestamp", clock.instant().toString()),
                status().isBadRequest(),
                "InvalidArgumentException",
                "Timestamp can only be provided with the "
                        + "ShardFilter types AT_TIMESTAMP and FROM_TIMESTAMP, not FROM_TRIM_HORIZON.");
        problem(
                get("/streams/filtered/shards")
                        .param("filter", "AFTER_SHARD_ID")
                        .param("shardId", "nope"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "Invalid shardId: nope.");
        problem(
                get("/streams/filtered/shards").param("filter", "AT_TIMESTAMP").param("timestamp", "yesterday"),
                status().isBadRequest(),
                "SerializationException",
                "Value 'yesterday' at 'timestamp' is not an ISO-8601 timestamp such as 2026-11-26T10:15:30.123Z.");
        problem(
                get("/streams/missing/shards"),
                status().isNotFound(),
                "ResourceNotFoundException",
                "Stream missing under account " + ACCOUNT + " not found.");
    }

    // ------------------------------------------------------------------------------------------------------
    // POST /streams/{name}/shards/{shardId}/split

    @Test
    void splitsAShardInTwo() throws Exception {
        create("split", 1);
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
                .andExpect(jsonPath("$.shards[1].open").value(true))
                .andExpect(jsonPath("$.shards[2].shardId").value(shardId(2)))
                .andExpect(jsonPath("$.shards[2].parentShardId").value(shardId(0)))
                .andExpect(jsonPath("$.shards[2].hashKeyRange.startingHashKey").value(MIDPOINT))
                .andExpect(jsonPath("$.shards[2].hashKeyRange.endingHashKey").value(MAX_HASH_KEY.toString()));

        // UPDATING refuses the next change until the update delay has passed
        problem(
                split("split", shardId(1), "1000"),
                status().isConflict(),
                "ResourceInUseException",
                "Stream split under account " + ACCOUNT + " not ACTIVE, instead in state UPDATING");
        clock.advance(PAST_UPDATE);
        mvc.perform(get("/streams/split")).andExpect(jsonPath("$.status").value("ACTIVE"));

        // a closed shard is split no more
        problem(
                split("split", shardId(0), "1000"),
                status().isConflict(),
                "ResourceInUseException",
                "Shard " + shardId(0) + " in stream split under account " + ACCOUNT + " has already been merged or "
                        + "split, and thus is not eligible for merging or splitting.");
        // the key must satisfy S + 1 < key < E, for shard 1: [0, 2^127 - 1]
        for (String key : new String[] {"0", "1", BELOW_MIDPOINT, MIDPOINT}) {
            problem(
                    split("split", shardId(1), key),
                    status().isBadRequest(),
                    "InvalidArgumentException",
                    "NewStartingHashKey " + key + " used in SplitShard() on shard " + shardId(1) + " in stream split "
                            + "under account " + ACCOUNT + " is not both greater than one plus the shard's "
                            + "StartingHashKey 0 and less than the shard's EndingHashKey " + BELOW_MIDPOINT + ".");
        }
        problem(
                split("split", shardId(1), "half"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "NewStartingHashKey half is not a hash key in the range [0, 2^128-1].");
        String tooBig = MAX_HASH_KEY.add(BigInteger.ONE).toString();
        problem(
                split("split", shardId(1), tooBig),
                status().isBadRequest(),
                "InvalidArgumentException",
                "NewStartingHashKey " + tooBig + " is not a hash key in the range [0, 2^128-1].");
        problem(
                mvc.perform(post("/streams/split/shards/" + shardId(1) + "/split")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}")),
                status().isBadRequest(),
                "ValidationException",
                "1 validation error detected: Value null at 'newStartingHashKey' failed to "
                        + "satisfy constraint: Member must not be null");
        mvc.perform(post("/streams/split/shards/" + shardId(1) + "/split").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("SerializationException"));
        problem(
                split("split", shardId(9), "1000"),
                status().isNotFound(),
                "ResourceNotFoundException",
                "Could not find shard " + shardId(9) + " in stream split under account " + ACCOUNT + ".");
        problem(
                split("missing", shardId(0), "1000"),
                status().isNotFound(),
                "ResourceNotFoundException",
                "Stream missing under account " + ACCOUNT + " not found.");

        // the smallest valid key, S + 2, splits shard 1
        split("split", shardId(1), "2")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shards[3].hashKeyRange.endingHashKey").value("1"))
                .andExpect(jsonPath("$.shards[4].hashKeyRange.startingHashKey").value("2"));
        clock.advance(PAST_UPDATE);
    }

    // ------------------------------------------------------------------------------------------------------
    // POST /streams/{name}/shards/merge

    @Test
    void mergesTwoAdjacentShards() throws Exception {
        create("merged", 3);
        problem(
                merge("merged", shardId(0), shardId(2)),
                status().isBadRequest(),
                "InvalidArgumentException",
                "Shards " + shardId(0) + " and " + shardId(2) + " in stream merged under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        problem(
                merge("merged", shardId(0), shardId(7)),
                status().isNotFound(),
                "ResourceNotFoundException",
                "Could not find shard " + shardId(7) + " in stream merged under account " + ACCOUNT + ".");
        problem(
                merge("missing", shardId(0), shardId(1)),
                status().isNotFound(),
                "ResourceNotFoundException",
                "Stream missing under account " + ACCOUNT + " not found.");
        problem(
                mvc.perform(post("/streams/merged/shards/merge")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shardToMerge\":\"" + shardId(0) + "\"}")),
                status().isBadRequest(),
                "ValidationException",
                "1 validation error detected: Value null at 'adjacentShardToMerge' failed to "
                        + "satisfy constraint: Member must not be null");
        problem(
                mvc.perform(post("/streams/merged/shards/merge")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}")),
                status().isBadRequest(),
                "ValidationException",
                "2 validation errors detected: Value null at 'adjacentShardToMerge' failed to "
                        + "satisfy constraint: Member must not be null; Value null at 'shardToMerge' failed to "
                        + "satisfy constraint: Member must not be null");

        // either order is accepted; ParentShardId is shardToMerge
        merge("merged", shardId(2), shardId(1))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UPDATING"))
                .andExpect(jsonPath("$.openShardCount").value(2))
                .andExpect(jsonPath("$.shards", hasSize(4)))
                .andExpect(jsonPath("$.shards[1].open").value(false))
                .andExpect(jsonPath("$.shards[2].open").value(false))
                .andExpect(jsonPath("$.shards[3].shardId").value(shardId(3)))
                .andExpect(jsonPath("$.shards[3].parentShardId").value(shardId(2)))
                .andExpect(jsonPath("$.shards[3].adjacentParentShardId").value(shardId(1)))
                .andExpect(jsonPath("$.shards[3].hashKeyRange.startingHashKey").value(step(3).toString()))
                .andExpect(jsonPath("$.shards[3].hashKeyRange.endingHashKey").value(MAX_HASH_KEY.toString()))
                .andExpect(jsonPath("$.shards[3].open").value(true));
        problem(
                merge("merged", shardId(0), shardId(3)),
                status().isConflict(),
                "ResourceInUseException",
                "Stream merged under account " + ACCOUNT + " not ACTIVE, instead in state UPDATING");
        clock.advance(PAST_UPDATE);

        problem(
                merge("merged", shardId(0), shardId(1)),
                status().isConflict(),
                "ResourceInUseException",
                "Shard " + shardId(1) + " in stream merged under account " + ACCOUNT + " has already been merged or "
                        + "split, and thus is not eligible for merging or splitting.");
        merge("merged", shardId(0), shardId(3))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openShardCount").value(1))
                .andExpect(jsonPath("$.shards[4].parentShardId").value(shardId(0)))
                .andExpect(jsonPath("$.shards[4].adjacentParentShardId").value(shardId(3)))
                .andExpect(jsonPath("$.shards[4].hashKeyRange.startingHashKey").value("0"))
                .andExpect(jsonPath("$.shards[4].hashKeyRange.endingHashKey").value(MAX_HASH_KEY.toString()));
        clock.advance(PAST_UPDATE);
    }

    // ------------------------------------------------------------------------------------------------------
    // PUT /streams/{name}/shard-count

    @Test
    void rescalesToUniformShards() throws Exception {
        create("scaled", 2);
        shardCount("scaled", "{\"targetShardCount\":4}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentShardCount").value(2))
                .andExpect(jsonPath("$.targetShardCount").value(4))
                .andExpect(jsonPath("$.stream.streamName").value("scaled"))
                .andExpect(jsonPath("$.stream.status").value("UPDATING"))
                .andExpect(jsonPath("$.stream.openShardCount").value(4));
        problem(
                shardCount("scaled", "{\"targetShardCount\":3}"),
                status().isConflict(),
                "ResourceInUseException",
                "Stream scaled under account " + ACCOUNT + " not ACTIVE, instead in state UPDATING");
        clock.advance(PAST_UPDATE);
        expectUniform("scaled", 4);

        problem(
                shardCount("scaled", "{\"targetShardCount\":9}"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "UpdateShardCount cannot scale up over double your current open shard count. Current open shard "
                        + "count: 4 Target shard count: 9");
        problem(
                shardCount("scaled", "{\"targetShardCount\":1}"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "UpdateShardCount cannot scale down below half your current open shard count. Current open shard "
                        + "count: 4 Target shard count: 1");
        problem(
                shardCount("scaled", "{\"targetShardCount\":0}"),
                status().isBadRequest(),
                "ValidationException",
                "1 validation error detected: Value '0' at 'targetShardCount' failed to satisfy constraint: Member "
                        + "must have value greater than or equal to 1");
        problem(
                shardCount("scaled", "{}"),
                status().isBadRequest(),
                "ValidationException",
                "1 validation error detected: Value null at 'targetShardCount' failed to satisfy constraint: Member "
                        + "must not be null");
        shardCount("scaled", "{\"targetShardCount\":\"many\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:runnel:error:SerializationException"))
                .andExpect(jsonPath("$.errorType").value("SerializationException"));
        problem(
                shardCount("missing", "{\"targetShardCount\":2}"),
                status().isNotFound(),
                "ResourceNotFoundException",
                "Stream missing under account " + ACCOUNT + " not found.");

        shardCount("scaled", "{\"targetShardCount\":3}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentShardCount").value(4))
                .andExpect(jsonPath("$.targetShardCount").value(3));
        clock.advance(PAST_UPDATE);
        expectUniform("scaled", 3);
        mvc.perform(get("/streams/scaled/shards").param("filter", "AT_LATEST"))
                .andExpect(jsonPath("$.shards[*].parentShardId", hasSize(3)));
    }

    @Test
    void rescalingStaysWithinTheAccountShardLimit() throws Exception {
        // runnel.streams.shard-limit is 100 in the slice
        create("wide", 60);
        problem(
                        shardCount("wide", "{\"targetShardCount\":120}"),
                        status().isTooManyRequests(),
                        "LimitExceededException",
                        null)
                .andExpect(jsonPath("$.detail")
                        .value(startsWith("This request would exceed the shard limit for the " + "account " + ACCOUNT
                                + " in us-east-1.")));
        mvc.perform(get("/streams/wide")).andExpect(jsonPath("$.openShardCount").value(60));
        mvc.perform(delete("/streams/wide")).andExpect(status().isAccepted());
    }

    // ------------------------------------------------------------------------------------------------------
    // PUT /streams/{name}/mode

    @Test
    void switchesTheCapacityMode() throws Exception {
        create("moded", 2);
        mode("moded", "{\"streamMode\":\"ON_DEMAND\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streamMode").value("ON_DEMAND"))
                .andExpect(jsonPath("$.status").value("UPDATING"))
                .andExpect(jsonPath("$.openShardCount").value(2));
        problem(
                mode("moded", "{\"streamMode\":\"PROVISIONED\"}"),
                status().isConflict(),
                "ResourceInUseException",
                "Stream moded under account " + ACCOUNT + " not ACTIVE, instead in state UPDATING");
        clock.advance(PAST_UPDATE);

        problem(
                mode("moded", "{\"streamMode\":\"ON_DEMAND\"}"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "Stream moded under account " + ACCOUNT + " is already in ON_DEMAND mode.");
        problem(
                shardCount("moded", "{\"targetShardCount\":3}"),
                status().isBadRequest(),
                "InvalidArgumentException",
                "UpdateShardCount is not supported for stream moded under account " + ACCOUNT
                        + " because it is in ON_DEMAND mode.");
        problem(
                mode("moded", "{\"streamMode\":\"FAST\"}"),
                status().isBadRequest(),
                "ValidationException",
                "1 validation error detected: Value 'FAST' at 'streamMode' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [PROVISIONED, ON_DEMAND]");
        problem(
                mode("moded", "{}"),
                status().isBadRequest(),
                "ValidationException",
                "1 validation error detected: Value null at 'streamMode' failed to satisfy constraint: Member must "
                        + "not be null");
        problem(
                mode("missing", "{\"streamMode\":\"ON_DEMAND\"}"),
                status().isNotFound(),
                "ResourceNotFoundException",
                "Stream missing under account " + ACCOUNT + " not found.");

        mode("moded", "{\"streamMode\":\"PROVISIONED\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streamMode").value("PROVISIONED"))
                .andExpect(jsonPath("$.openShardCount").value(2));
        clock.advance(PAST_UPDATE);
        problem(
                mode("moded", "{\"streamMode\":\"ON_DEMAND\"}"),
                status().isTooManyRequests(),
                "LimitExceededException",
                "Stream moded under account " + ACCOUNT + " has already switched its mode 2 "
                        + "times in the last 24 hours.");
        // the window rolls
        clock.advance(Duration.ofHours(24));
        mode("moded", "{\"streamMode\":\"ON_DEMAND\"}").andExpect(status().isOk());
        clock.advance(PAST_UPDATE);
    }

    @Test
    void createsOnDemandStreamsWithFourShards() throws Exception {
        mvc.perform(post("/streams")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"streamName\":\"elastic\",\"streamMode\":\"ON_DEMAND\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.streamMode").value("ON_DEMAND"))
                .andExpect(jsonPath("$.openShardCount").value(4));
        expectUniform("elastic", 4);
        mvc.perform(get("/streams/elastic/shards"))
                .andExpect(jsonPath("$.shards[*].shardId", contains(shardId(0), shardId(1), shardId(2), shardId(3))));
        // SplitShard and MergeShards, like UpdateShardCount, are for PROVISIONED streams only
        split("elastic", shardId(0), "1000").andExpect(status().isBadRequest());
        merge("elastic", shardId(0), shardId(1)).andExpect(status().isBadRequest());
        mvc.perform(get("/streams/elastic"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.shards", hasSize(4)));
        problem(
                mvc.perform(post("/streams")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"streamName\":\"elastic2\",\"streamMode\":\"ELASTIC\"}")),
                status().isBadRequest(),
                "ValidationException",
                "1 validation error detected: Value 'ELASTIC' at 'streamMode' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers

    private void create(String name, int shards) throws Exception {
        mvc.perform(post("/streams")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"streamName\":\"" + name + "\",\"shardCount\":" + shards + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
    }

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

    private void expectShards(org.springframework.test.web.servlet.RequestBuilder request, String... ids)
            throws Exception {
        mvc.perform(request).andExpect(status().isOk()).andExpect(jsonPath("$.shards[*].shardId", contains(ids)));
    }

    /** The open shards have a new stream's ranges: step = floor(2^128 / count), the last ending at 2^128 − 1. */
    private void expectUniform(String stream, int count) throws Exception {
        BigInteger step = step(count);
        ResultActions result = mvc.perform(get("/streams/" + stream + "/shards").param("filter", "AT_LATEST"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shards", hasSize(count)));
        // AT_LATEST lists in id order; uniform scaling allocates ids left to right, so id order is hash order
        for (int i = 0; i < count; i++) {
            BigInteger end = i == count - 1
                    ? MAX_HASH_KEY
                    : step.multiply(BigInteger.valueOf(i + 1)).subtract(BigInteger.ONE);
            result.andExpect(jsonPath("$.shards[" + i + "].hashKeyRange.startingHashKey")
                            .value(step.multiply(BigInteger.valueOf(i)).toString()))
                    .andExpect(jsonPath("$.shards[" + i + "].hashKeyRange.endingHashKey")
                            .value(end.toString()))
                    .andExpect(jsonPath("$.shards[" + i + "].open").value(true));
        }
    }

    private ResultActions problem(ResultActions result, ResultMatcher status, String errorType, String detail)
            throws Exception {
        result.andExpect(status)
                .andExpect(jsonPath("$.type").value("urn:runnel:error:" + errorType))
                .andExpect(jsonPath("$.errorType").value(errorType));
        if (detail != null) {
            result.andExpect(jsonPath("$.detail").value(detail));
        }
        return result;
    }

    private void problem(
            org.springframework.test.web.servlet.RequestBuilder request,
            ResultMatcher status,
            String errorType,
            String detail)
            throws Exception {
        problem(mvc.perform(request), status, errorType, detail);
    }

    private static BigInteger step(int count) {
        return BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
    }

    private static String shardId(int index) {
        return String.format("shardId-%012d", index);
    }
}
