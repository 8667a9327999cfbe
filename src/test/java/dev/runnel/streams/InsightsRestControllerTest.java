package dev.runnel.streams;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.core.stream.StreamName;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.RecordInput;
import dev.runnel.records.RecordService;
import dev.runnel.support.RestSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@RestSliceTest(InsightsRestController.class)
class InsightsRestControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    RecordService records;

    @Autowired
    dev.runnel.records.ShardIteratorService iterators;

    @Test
    void describesEachShardWithItsHeavyKeys() throws Exception {
        streams.create(CreateStreamCommand.of("watched", 2, null, null, null));
        for (int i = 0; i < 20; i++) {
            records.put(
                    new PutRecordCommand(new StreamName("watched"), new RecordInput("1", new byte[10], null), null));
        }
        mvc.perform(get("/streams/watched/insights"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streamName").value("watched"))
                .andExpect(jsonPath("$.openShards").value(2))
                .andExpect(jsonPath("$.windowSeconds").value(10))
                .andExpect(jsonPath("$.shards", hasSize(2)))
                .andExpect(jsonPath("$.shards[?(@.topKeys.length() > 0)].topKeys[0].partitionKey")
                        .value("1"))
                .andExpect(jsonPath("$.shards[?(@.topKeys.length() > 0)].topKeys[0].records")
                        .value(20))
                .andExpect(jsonPath("$.advice").isArray())
                .andExpect(jsonPath("$.advice[?(@.kind == 'START_CONSUMERS_FIRST')]")
                        .isEmpty());
        iterators.getShardIterator(
                new StreamName("watched"),
                "shardId-000000000000",
                new dev.runnel.core.record.StartingPosition.Latest());
        iterators.getShardIterator(
                new StreamName("watched"),
                "shardId-000000000001",
                new dev.runnel.core.record.StartingPosition.Latest());
        mvc.perform(get("/streams/watched/insights"))
                .andExpect(jsonPath("$.advice[?(@.kind == 'START_CONSUMERS_FIRST')].message", hasSize(1)));
        mvc.perform(get("/streams/missing/insights"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.errorType").value("ResourceNotFoundException"));
    }
}
