package dev.runnel.records;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.streams.StreamService;
import dev.runnel.support.RestSliceTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@RestSliceTest({ShardIteratorsRestController.class, RecordsRestController.class})
class ShardIteratorsRestControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    RecordService records;

    private final String stream = "iterators-" + System.nanoTime();
    private final List<String> sequenceNumbers = new ArrayList<>();

    @BeforeEach
    void putSixRecords() {
        streams.create(CreateStreamCommand.of(stream, 1, null, null, null));
        for (int i = 1; i <= 6; i++) {
            RecordInput record = new RecordInput("1", ("test" + i).getBytes(StandardCharsets.UTF_8), null);
            sequenceNumbers.add(records.put(new PutRecordCommand(new StreamName(stream), record, null))
                    .sequenceNumber()
                    .toString());
        }
    }

    private ResultActions iterator(String extra) throws Exception {
        return mvc.perform(post("/shard-iterators")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"streamName\":\"" + stream + "\",\"shardId\":\"shardId-000000000000\"" + extra + "}"));
    }

    private ResultActions read(String extra) throws Exception {
        String body = iterator(extra)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String shardIterator = JsonPath.read(body, "$.shardIterator");
        return mvc.perform(get("/streams/" + stream + "/records").param("shardIterator", shardIterator));
    }

    @Test
    void readsFromEachKindOfStart() throws Exception {
        read(",\"type\":\"TRIM_HORIZON\"").andExpect(jsonPath("$.records", hasSize(6)));
        read(",\"type\":\"AT_SEQUENCE_NUMBER\",\"startingSequenceNumber\":\"" + sequenceNumbers.get(5) + "\"")
                .andExpect(jsonPath("$.records", hasSize(1)))
                .andExpect(jsonPath("$.records[0].data").value("dGVzdDY="));
        read(",\"type\":\"AFTER_SEQUENCE_NUMBER\",\"startingSequenceNumber\":\"" + sequenceNumbers.get(3) + "\"")
                .andExpect(jsonPath("$.records", hasSize(2)))
                .andExpect(jsonPath("$.records[0].data").value("dGVzdDU="));
        read(",\"type\":\"LATEST\"").andExpect(jsonPath("$.records", hasSize(0)));
        read(",\"type\":\"AT_TIMESTAMP\",\"timestamp\":\"2000-01-01T00:00:00Z\"")
                .andExpect(jsonPath("$.records", hasSize(6)));
    }

    @Test
    void rejectsParametersThatDoNotFitTheType() throws Exception {
        iterator(",\"type\":\"SOMEWHERE\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("1 validation error detected: Value 'SOMEWHERE' at 'type' failed "
                                + "to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, "
                                + "AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]"));
        iterator(",\"type\":\"AT_SEQUENCE_NUMBER\"")
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.detail")
                                .value(
                                        "Must either specify (1) AT_SEQUENCE_NUMBER or "
                                                + "AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no "
                                                + "StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber."));
        iterator(",\"type\":\"LATEST\",\"startingSequenceNumber\":\"" + sequenceNumbers.get(0) + "\"")
                .andExpect(status().isBadRequest());
        iterator(",\"type\":\"AT_TIMESTAMP\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("Must specify timestampInMillis parameter for iterator of type "
                                + "AT_TIMESTAMP. Current request has no timestamp parameter."));
        iterator(",\"type\":\"AT_TIMESTAMP\",\"timestamp\":\"3000-01-01T00:00:00Z\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("InvalidArgumentException"));
        iterator(",\"type\":\"AT_TIMESTAMP\",\"timestamp\":\"yesterday\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("SerializationException"));
        iterator(",\"type\":\"AT_SEQUENCE_NUMBER\",\"startingSequenceNumber\":\"12345\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("StartingSequenceNumber 12345 used in GetShardIterator on shard "
                                + "shardId-000000000000 in stream " + stream
                                + " under account 000000000000 is invalid."));
    }

    @Test
    void unknownShardsAndStreamsAreNotFound() throws Exception {
        mvc.perform(post("/shard-iterators")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"streamName\":\"" + stream + "\",\"shardId\":\"shardId-000000000007\","
                                + "\"type\":\"LATEST\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail")
                        .value("Shard shardId-000000000007 in stream " + stream
                                + " under account 000000000000 does not exist"));
        mvc.perform(post("/shard-iterators")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"streamName\":\"nope\",\"shardId\":\"shardId-000000000000\",\"type\":\"LATEST\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/shard-iterators")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"streamName\":\"" + stream + "\",\"type\":\"LATEST\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("ValidationException"));
    }
}
