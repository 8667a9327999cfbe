package dev.runnel.records;

import static dev.runnel.support.Problems.problem;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.StreamName;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Which starting position each GetShardIterator body becomes, and how ShardIteratorService's answers read. */
@RestSliceTest(ShardIteratorsRestController.class)
class ShardIteratorsRestControllerTest {

    private static final StreamName STREAM = StreamName.of("orders");
    private static final String SHARD = "shardId-000000000000";
    private static final String SEQUENCE_NUMBER = "49646563862187298580838047627327302113839587024297558016";

    @Autowired
    MockMvc mvc;

    @Autowired
    ShardIteratorService iterators;

    private ResultActions iterator(String extra) throws Exception {
        return mvc.perform(post("/shard-iterators")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"streamName\":\"orders\",\"shardId\":\"" + SHARD + "\"" + extra + "}"));
    }

    /** The body becomes a getShardIterator call with this position, and its iterator is the answer. */
    private void expectPosition(String extra, StartingPosition position) throws Exception {
        when(iterators.getShardIterator(STREAM, SHARD, position)).thenReturn("ITERATOR-" + position.type());
        iterator(extra)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shardIterator").value("ITERATOR-" + position.type()));
    }

    @Test
    void eachKindOfStartBecomesItsStartingPosition() throws Exception {
        expectPosition(",\"type\":\"TRIM_HORIZON\"", new StartingPosition.TrimHorizon());
        expectPosition(",\"type\":\"LATEST\"", new StartingPosition.Latest());
        expectPosition(
                ",\"type\":\"AT_SEQUENCE_NUMBER\",\"startingSequenceNumber\":\"" + SEQUENCE_NUMBER + "\"",
                new StartingPosition.AtSequenceNumber(SEQUENCE_NUMBER));
        expectPosition(
                ",\"type\":\"AFTER_SEQUENCE_NUMBER\",\"startingSequenceNumber\":\"" + SEQUENCE_NUMBER + "\"",
                new StartingPosition.AfterSequenceNumber(SEQUENCE_NUMBER));
        expectPosition(
                ",\"type\":\"AT_TIMESTAMP\",\"timestamp\":\"2000-01-01T00:00:00.123Z\"",
                new StartingPosition.AtTimestamp(Instant.parse("2000-01-01T00:00:00.123Z")));
        expectPosition(
                ",\"type\":\"TRIM_HORIZON\",\"timestamp\":\"2000-01-01T00:00:00Z\"",
                new StartingPosition.TrimHorizon());
    }

    @Test
    void parametersThatDoNotFitTheTypeAreRefusedBeforeTheService() throws Exception {
        iterator(",\"type\":\"SOMEWHERE\"")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value 'SOMEWHERE' at 'type' failed to satisfy constraint: "
                                + "Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, "
                                + "TRIM_HORIZON, LATEST, AT_TIMESTAMP]"));
        iterator(",\"type\":\"AT_SEQUENCE_NUMBER\"")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber "
                                + "or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified "
                                + "AT_SEQUENCE_NUMBER and no StartingSequenceNumber."));
        iterator(",\"type\":\"LATEST\",\"startingSequenceNumber\":\"" + SEQUENCE_NUMBER + "\"")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber "
                                + "or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified LATEST "
                                + "and also a StartingSequenceNumber."));
        iterator(",\"type\":\"AT_SEQUENCE_NUMBER\",\"startingSequenceNumber\":\"12x\"")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"));
        iterator(",\"type\":\"AT_TIMESTAMP\"")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request "
                                + "has no timestamp parameter."));
        iterator(",\"type\":\"AT_TIMESTAMP\",\"timestamp\":\"yesterday\"")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value 'yesterday' at 'timestamp' is not an ISO-8601 timestamp such as "
                                + "2026-11-26T10:15:30.123Z."));
        mvc.perform(post("/shard-iterators")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"streamName\":\"orders\",\"type\":\"LATEST\"}"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'shardId' failed to satisfy constraint: Member "
                                + "must not be null"));
        mvc.perform(post("/shard-iterators")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"))
                .andExpect(jsonPath("$.detail").value(startsWith("3 validation errors detected")));
        verifyNoInteractions(iterators);
    }

    @Test
    void refusalsOfTheServiceBecomeProblems() throws Exception {
        expectRefusal(
                new InvalidArgumentException("The timestampInMillis parameter cannot be greater than the "
                        + "currentTimestampInMillis. timestampInMillis: 32503680000000, currentTimestampInMillis: "
                        + "1795688130000"),
                HttpStatus.BAD_REQUEST,
                ",\"type\":\"AT_TIMESTAMP\",\"timestamp\":\"3000-01-01T00:00:00Z\"");
        expectRefusal(
                new InvalidArgumentException("StartingSequenceNumber 12345 used in GetShardIterator on shard " + SHARD
                        + " in stream orders under account 000000000000 is invalid."),
                HttpStatus.BAD_REQUEST,
                ",\"type\":\"AT_SEQUENCE_NUMBER\",\"startingSequenceNumber\":\"12345\"");
        expectRefusal(
                Messages.shardNotFound(SHARD, "orders", CannedStreams.ACCOUNT),
                HttpStatus.NOT_FOUND,
                ",\"type\":\"LATEST\"");
        expectRefusal(
                Messages.streamNotFound("orders", CannedStreams.ACCOUNT), HttpStatus.NOT_FOUND, ",\"type\":\"LATEST\"");
    }

    private void expectRefusal(KinesisException refusal, HttpStatus status, String extra) throws Exception {
        doThrow(refusal).when(iterators).getShardIterator(any(), anyString(), any());
        iterator(extra).andExpect(problem(status, refusal.errorType(), refusal.getMessage()));
    }
}
