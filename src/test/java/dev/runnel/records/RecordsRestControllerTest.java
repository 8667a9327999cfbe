package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.streams.StreamService;
import dev.runnel.support.RestSliceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@RestSliceTest(RecordsRestController.class)
class RecordsRestControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    ShardIteratorService iterators;

    private final String stream = "records-" + System.nanoTime();

    @BeforeEach
    void createStream() {
        streams.create(CreateStreamCommand.of(stream, 2, null, null, null));
    }

    private ResultActions put(String body) throws Exception {
        return mvc.perform(post("/streams/" + stream + "/records")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions putBatch(String body) throws Exception {
        return mvc.perform(post("/streams/" + stream + "/records/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private String trimHorizon(String shardId) {
        return iterators.getShardIterator(new StreamName(stream), shardId, new StartingPosition.TrimHorizon());
    }

    @Test
    void putsOneRecordAsTextOrBase64() throws Exception {
        // MD5("pk") is below 2^127, so with two shards the record lands on the first one.
        put("{\"partitionKey\":\"pk\",\"text\":\"test1\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.sequenceNumber").value(org.hamcrest.Matchers.matchesPattern("\\d{56}")));
        put("{\"partitionKey\":\"pk\",\"data\":\"AP8=\"}").andExpect(status().isOk());
        mvc.perform(get("/streams/" + stream + "/records").param("shardIterator", trimHorizon("shardId-000000000000")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records", hasSize(2)))
                .andExpect(jsonPath("$.records[0].data").value("dGVzdDE="))
                .andExpect(jsonPath("$.records[0].partitionKey").value("pk"))
                .andExpect(jsonPath("$.records[0].approximateArrivalTimestamp")
                        .value(org.hamcrest.Matchers.matchesPattern(
                                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")))
                .andExpect(jsonPath("$.records[1].data").value("AP8="))
                .andExpect(jsonPath("$.nextShardIterator").isString())
                .andExpect(jsonPath("$.millisBehindLatest").value(0));
    }

    @Test
    void putsABatchWithResultsInRequestOrder() throws Exception {
        // "été" hashes above 2^127 (second shard); "pk" below it (first shard).
        putBatch(
                        "{\"records\":[{\"partitionKey\":\"\\u00e9t\\u00e9\",\"text\":\"a\"},{\"partitionKey\":\"pk\",\"text\":\"b\"},"
                                + "{\"partitionKey\":\"x\",\"text\":\"c\",\"explicitHashKey\":\"0\"}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.failedRecordCount").value(0))
                .andExpect(jsonPath("$.records", hasSize(3)))
                .andExpect(jsonPath("$.records[0].shardId").value("shardId-000000000001"))
                .andExpect(jsonPath("$.records[1].shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.records[2].shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.records[0].errorCode").doesNotExist());
    }

    @Test
    void rejectsBadRecords() throws Exception {
        put("{\"partitionKey\":\"pk\",\"data\":\"not base64!\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("SerializationException"))
                .andExpect(jsonPath("$.detail")
                        .value("Value at 'data' is not valid standard Base64: character ' ' "
                                + "(U+0020) at position 4 is not allowed there (only A–Z, a–z, 0–9, + and /, then up to two = "
                                + "at the end)."));
        put("{\"partitionKey\":\"pk\",\"data\":\"dGVzd\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("Value at 'data' is not valid standard Base64: it ends with a "
                                + "single character after the last group of four, which encodes no whole byte."));
        put("{\"partitionKey\":\"pk\",\"data\":\"dGVzdA=\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("Value at 'data' is not valid standard Base64: its 1 = signs do "
                                + "not fit its length of 7 characters."));
        put("{\"partitionKey\":\"pk\",\"data\":\"AA==\",\"text\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("InvalidArgumentException"));
        put("{\"text\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("1 validation error detected: Value null at 'partitionKey' "
                                + "failed to satisfy constraint: Member must not be null"));
        put("{\"partitionKey\":\"pk\",\"text\":\"x\",\"explicitHashKey\":\"340282366920938463463374607431768211456\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: "
                                + "[0, 2^128-1]. Specified value was 340282366920938463463374607431768211456"));
        putBatch("{\"records\":[]}")
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.detail")
                                .value(
                                        startsWith(
                                                "1 validation error detected: Value '[]' at "
                                                        + "'records' failed to satisfy constraint: Member must have length greater than or equal to 1")));
        putBatch("{\"records\":[{\"partitionKey\":\"\",\"text\":\"x\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("1 validation error detected: Value '' at 'records.1.partitionKey' "
                                + "failed to satisfy constraint: Member must have length greater than or equal to 1"));
        put("{\"records\":[{\"partitionKey\":\"pk\",\"text\":\"x\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("InvalidArgumentException"))
                .andExpect(jsonPath("$.detail")
                        .value(startsWith("A batch of records goes to POST " + "/streams/{name}/records/batch")));
        putBatch(
                        "{\"records\":[{\"partitionKey\":\"pk\",\"data\":\"AA==\"}, {\"partitionKey\":\"pk\",\"data\":\"A\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value(startsWith("Value at 'records.2.data' is not valid standard " + "Base64")));
        mvc.perform(post("/streams/missing/records")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partitionKey\":\"pk\",\"text\":\"x\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Stream missing under account 000000000000 not found."));
    }

    @Test
    void refusesOversizedBodiesWith413() throws Exception {
        String big = "a".repeat((int) RestSliceTest.MAX_REQUEST_BYTES);
        put("{\"partitionKey\":\"pk\",\"text\":\"" + big + "\"}")
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.errorType").value("RequestTooLarge"));
    }

    @Test
    void aShardReadMoreThanFiveTimesASecondAnswers429WithRetryAfter() throws Exception {
        String iterator = trimHorizon("shardId-000000000000");
        boolean throttled = false;
        for (int call = 0; call < 50 && !throttled; call++) {
            var response = mvc.perform(get("/streams/" + stream + "/records").param("shardIterator", iterator))
                    .andReturn()
                    .getResponse();
            if (response.getStatus() == 429) {
                throttled = true;
                assertThat(response.getHeader("Retry-After")).isEqualTo("1");
                assertThat(response.getContentAsString())
                        .contains("\"errorType\":\"ProvisionedThroughputExceededException\"")
                        .contains("Rate exceeded for shard shardId-000000000000 in stream " + stream);
                assertThat(call).isGreaterThanOrEqualTo(5);
            } else {
                assertThat(response.getStatus()).isEqualTo(200);
            }
        }
        assertThat(throttled).isTrue();
    }

    @Test
    void rejectsBadIteratorsAndLimits() throws Exception {
        String iterator = trimHorizon("shardId-000000000000");
        mvc.perform(get("/streams/" + stream + "/records").param("shardIterator", iterator + "A"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Invalid ShardIterator."));
        mvc.perform(get("/streams/" + stream + "/records")
                        .param("shardIterator", iterator)
                        .param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("1 validation error detected: Value '0' at 'limit' failed to "
                                + "satisfy constraint: Member must have value greater than or equal to 1"));
        mvc.perform(get("/streams/" + stream + "/records")
                        .param("shardIterator", iterator)
                        .param("limit", "10001"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("ValidationException"));
        mvc.perform(get("/streams/" + stream + "/records")
                        .param("shardIterator", iterator)
                        .param("limit", "ten"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("SerializationException"));
        mvc.perform(get("/streams/" + stream + "/records"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("1 validation error detected: Value null at 'shardIterator' "
                                + "failed to satisfy constraint: Member must not be null"));
        mvc.perform(get("/streams/other/records").param("shardIterator", iterator))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("The shard iterator reads stream " + stream + ", not stream other."));
    }
}
