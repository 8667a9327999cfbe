package dev.runnel.streams;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.support.RestSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@RestSliceTest(StreamsRestController.class)
class StreamsRestControllerTest {

    @Autowired
    MockMvc mvc;

    private ResultActions create(String body) throws Exception {
        return mvc.perform(
                post("/streams").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void createsAStreamWithUniformShards() throws Exception {
        create("{\"streamName\":\"orders\",\"shardCount\":2,\"tags\":{\"team\":\"data\"}}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/streams/orders"))
                .andExpect(jsonPath("$.streamName").value("orders"))
                .andExpect(jsonPath("$.streamArn").value("arn:aws:kinesis:us-east-1:000000000000:stream/orders"))
                .andExpect(jsonPath("$.retentionPeriodHours").value(24))
                .andExpect(jsonPath("$.maxRecordSizeInKiB").value(1024))
                .andExpect(jsonPath("$.tags.team").value("data"));
        mvc.perform(get("/streams/orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.shards", hasSize(2)))
                .andExpect(jsonPath("$.shards[0].shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.shards[0].hashKeyRange.startingHashKey").value("0"))
                .andExpect(jsonPath("$.shards[0].hashKeyRange.endingHashKey")
                        .value("170141183460469231731687303715884105727"))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.startingHashKey")
                        .value("170141183460469231731687303715884105728"))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.endingHashKey")
                        .value("340282366920938463463374607431768211455"))
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.startingSequenceNumber")
                        .isString())
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.endingSequenceNumber")
                        .doesNotExist())
                .andExpect(jsonPath("$.shards[0].open").value(true));
    }

    @Test
    void refusesADuplicateName() throws Exception {
        create("{\"streamName\":\"dup\",\"shardCount\":1}").andExpect(status().isCreated());
        create("{\"streamName\":\"dup\",\"shardCount\":1}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:runnel:error:ResourceInUseException"))
                .andExpect(jsonPath("$.detail").value("Stream dup under account 000000000000 already exists."));
    }

    @Test
    void rejectsBadInputWithClearProblems() throws Exception {
        create("{\"streamName\":\"bad name\",\"shardCount\":1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("ValidationException"))
                .andExpect(jsonPath("$.detail")
                        .value("1 validation error detected: Value 'bad name' at 'streamName' "
                                + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                                + "[a-zA-Z0-9_.-]+"));
        create("{\"streamName\":\"s\",\"shardCount\":0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("1 validation error detected: Value '0' at 'shardCount' "
                                + "failed to satisfy constraint: Member must have value greater than or equal to 1"));
        create("{\"streamName\":\"s\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value(startsWith("1 validation error detected: Value null at " + "'shardCount'")));
        create("{\"streamName\":\"s\",\"shardCount\":\"two\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("SerializationException"))
                .andExpect(jsonPath("$.detail").value("Value 'two' at 'shardCount' is not a whole number."));
        create("{\"streamName\":")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("SerializationException"));
        create("{\"streamName\": \"s\",\n \"shardCount\": 1,}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("The request body is not valid JSON (line 2, column 18): "
                                + "Unexpected character ('}'): was expecting double-quote to start property name."));
        create("{\"streamName\":\"s\",\"shardCount\":1,\"tags\":[]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The value at 'tags' is not a JSON object."));
        create("{\"streamName\":\"s\",\"shardCount\":99999999999}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("The number at 'shardCount' is out of range (-2147483648 to " + "2147483647)."));
        create("{\"streamName\":\"s\",\"shardCount\":1.5}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Value '1.5' at 'shardCount' is not a whole number."));
        create("[]")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body is not a JSON object."));
        create("{\"streamName\":\"s\",\"streamMode\":\"ON_DEMAND\",\"shardCount\":7}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("InvalidArgumentException"))
                .andExpect(jsonPath("$.detail").value(startsWith("An ON_DEMAND stream takes no shardCount")));
        create("{\"streamName\":\"s\",\"shardCount\":1,\"retentionPeriodHours\":23}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("InvalidArgumentException"))
                .andExpect(jsonPath("$.detail")
                        .value("Minimum allowed retention period is 24 hours. Requested "
                                + "retention period (23 hours) is too short."));
        create("{\"streamName\":\"s\",\"shardCount\":101}")
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.errorType").value("LimitExceededException"))
                .andExpect(jsonPath("$.detail")
                        .value(startsWith("This request would exceed the shard limit for "
                                + "the account 000000000000 in us-east-1.")));
    }

    @Test
    void unknownStreamIsNotFound() throws Exception {
        mvc.perform(get("/streams/missing"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:runnel:error:ResourceNotFoundException"))
                .andExpect(jsonPath("$.detail").value("Stream missing under account 000000000000 not found."));
    }

    @Test
    void listsStreamsPageByPage() throws Exception {
        for (String name : new String[] {"page-c", "page-a", "page-b"}) {
            create("{\"streamName\":\"" + name + "\",\"shardCount\":1}").andExpect(status().isCreated());
        }
        mvc.perform(get("/streams").param("limit", "2").param("exclusiveStartStreamName", "page-"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streams[0].streamName").value("page-a"))
                .andExpect(jsonPath("$.streams[1].streamName").value("page-b"))
                .andExpect(jsonPath("$.hasMore").value(true))
                .andExpect(jsonPath("$.nextExclusiveStartStreamName").value("page-b"));
        mvc.perform(get("/streams").param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("ValidationException"));
        mvc.perform(get("/streams").param("limit", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("SerializationException"));
    }

    @Test
    void changesRetentionByKinesisRules() throws Exception {
        create("{\"streamName\":\"kept\",\"shardCount\":1}").andExpect(status().isCreated());
        mvc.perform(put("/streams/kept/retention")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionPeriodHours\":168}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.retentionPeriodHours").value(168));
        mvc.perform(put("/streams/kept/retention")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionPeriodHours\":48}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.retentionPeriodHours").value(48));
        mvc.perform(put("/streams/kept/retention")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionPeriodHours\":8761}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("InvalidArgumentException"));
        mvc.perform(put("/streams/kept/retention")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("ValidationException"));
    }

    @Test
    void deletesAStream() throws Exception {
        create("{\"streamName\":\"gone\",\"shardCount\":1}").andExpect(status().isCreated());
        mvc.perform(delete("/streams/gone"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("DELETING"));
        mvc.perform(get("/streams/gone")).andExpect(status().isNotFound());
        mvc.perform(delete("/streams/gone")).andExpect(status().isNotFound());
        create("{\"streamName\":\"gone\",\"shardCount\":1}").andExpect(status().isCreated());
    }
}
