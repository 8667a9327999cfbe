package dev.runnel.records;

import static dev.runnel.support.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.core.error.ExpiredIteratorException;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.error.ValidationException;
import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.StreamName;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** What each records request becomes for RecordService, and how its answers read. */
@RestSliceTest(RecordsRestController.class)
class RecordsRestControllerTest {

    private static final StreamName STREAM = StreamName.of("orders");
    private static final SequenceNumber FIRST = new SequenceNumber(CannedStreams.INCARNATION, 0, 0);
    private static final SequenceNumber SECOND = new SequenceNumber(CannedStreams.INCARNATION, 1, 5);

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordService records;

    private ResultActions put(String body) throws Exception {
        return mvc.perform(post("/streams/orders/records")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions putBatch(String body) throws Exception {
        return mvc.perform(post("/streams/orders/records/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private PutRecordCommand putCommand() {
        ArgumentCaptor<PutRecordCommand> command = ArgumentCaptor.forClass(PutRecordCommand.class);
        verify(records).put(command.capture());
        return command.getValue();
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    // ---- POST /streams/{name}/records ----------------------------------------------------------------------

    @Test
    void aTextRecordBecomesAPutRecordCommandWithItsUtf8Bytes() throws Exception {
        when(records.put(any())).thenReturn(new PutResult(new ShardId(0), FIRST, false));
        put("{\"partitionKey\":\"pk\",\"text\":\"t\\u00e9st1\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.sequenceNumber").value(FIRST.toString()));
        PutRecordCommand command = putCommand();
        assertThat(command.stream()).isEqualTo(STREAM);
        assertThat(command.record().partitionKey()).isEqualTo("pk");
        assertThat(text(command.record().data())).isEqualTo("t\u00e9st1");
        assertThat(command.record().explicitHashKey()).isNull();
        assertThat(command.sequenceNumberForOrdering()).isNull();
    }

    @Test
    void aBase64RecordIsDecodedAndItsOptionsPassThrough() throws Exception {
        when(records.put(any())).thenReturn(new PutResult(new ShardId(1), SECOND, true));
        put("{\"partitionKey\":\"pk\",\"data\":\"AP8=\",\"explicitHashKey\":\"0\",\"sequenceNumberForOrdering\":\""
                        + FIRST + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shardId").value("shardId-000000000001"))
                .andExpect(jsonPath("$.sequenceNumber").value(SECOND.toString()));
        PutRecordCommand command = putCommand();
        assertThat(command.record().data()).containsExactly(0x00, 0xFF);
        assertThat(command.record().explicitHashKey()).isEqualTo("0");
        assertThat(command.sequenceNumberForOrdering()).isEqualTo(FIRST.toString());
    }

    @Test
    void malformedRecordsAreRefusedBeforeTheService() throws Exception {
        put("{\"partitionKey\":\"pk\",\"data\":\"not base64!\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value at 'data' is not valid standard Base64: character ' ' (U+0020) at position 4 is not "
                                + "allowed there (only A–Z, a–z, 0–9, + and /, then up to two = at the end)."));
        put("{\"partitionKey\":\"pk\",\"data\":\"dGVzd\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value at 'data' is not valid standard Base64: it ends with a single character after the "
                                + "last group of four, which encodes no whole byte."));
        put("{\"partitionKey\":\"pk\",\"data\":\"dGVzdA=\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value at 'data' is not valid standard Base64: its 1 = signs do not fit its length of 7 "
                                + "characters."));
        put("{\"partitionKey\":\"pk\",\"data\":\"+/+=\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value at 'data' is not valid standard Base64: the last character before the padding, '+', "
                                + "sets bits that encode no byte (an encoder writes '8' there)."));
        put("{\"partitionKey\":\"pk\",\"data\":\"AA==\",\"text\":\"x\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Give the payload at 'data' (Base64) or at 'text' (UTF-8), not both."));
        put("{\"partitionKey\":\"pk\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'data' failed to satisfy constraint: Member must "
                                + "not be null"));
        put("{\"partitionKey\":\"pk\",\"text\":\"x\",\"explicitHashKey\":\"0x10\"}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"));
        put("{\"partitionKey\":\"pk\",\"text\":\"x\",\"sequenceNumberForOrdering\":\"abc\"}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"));
        put("{\"records\":[{\"partitionKey\":\"pk\",\"text\":\"x\"}]}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "InvalidArgumentException"))
                .andExpect(jsonPath("$.detail")
                        .value(startsWith("A batch of records goes to POST /streams/{name}/records/batch")));
        verifyNoInteractions(records);
    }

    /** Issue 17, item 8: a number was accepted as text. */
    @Test
    void textMembersTakeOnlyStrings() throws Exception {
        put("{\"partitionKey\":\"pk\",\"text\":2147483648}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST, "SerializationException", "The value at 'text' is not a string."));
        put("{\"partitionKey\":1,\"text\":\"x\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "The value at 'partitionKey' is not a string."));
        put("{\"partitionKey\":\"pk\",\"data\":true}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST, "SerializationException", "The value at 'data' is not a string."));
        putBatch("{\"records\":[{\"partitionKey\":\"pk\",\"text\":1.5}]}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "The value at 'records.1.text' is not a string."));
        mvc.perform(get("/streams/orders/records")
                        .param("shardIterator", "ITERATOR")
                        .param("limit", "\u0663"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value '\u0663' at 'limit' is not a whole number."));
        verifyNoInteractions(records);
    }

    @Test
    void putRefusalsOfTheServiceBecomeProblems() throws Exception {
        when(records.put(any())).thenThrow(Messages.streamNotFound("orders", CannedStreams.ACCOUNT));
        put("{\"partitionKey\":\"pk\",\"text\":\"x\"}")
                .andExpect(problem(
                        HttpStatus.NOT_FOUND,
                        "ResourceNotFoundException",
                        "Stream orders under account 000000000000 not found."));
    }

    @Test
    void throttlingAsksTheClientToRetryAfterASecond() throws Exception {
        String rate = "Rate exceeded for shard shardId-000000000000 in stream orders under account 000000000000.";
        when(records.put(any())).thenThrow(new ProvisionedThroughputExceededException(rate));
        put("{\"partitionKey\":\"pk\",\"text\":\"x\"}")
                .andExpect(problem(HttpStatus.TOO_MANY_REQUESTS, "ProvisionedThroughputExceededException", rate))
                .andExpect(header().string("Retry-After", "1"));

        when(records.putAll(any())).thenThrow(new LimitExceededException("The memory budget is full."));
        putBatch("{\"records\":[{\"partitionKey\":\"pk\",\"text\":\"x\"}]}")
                .andExpect(
                        problem(HttpStatus.TOO_MANY_REQUESTS, "LimitExceededException", "The memory budget is full."))
                .andExpect(header().doesNotExist("Retry-After"));
    }

    @Test
    void bodiesOverTheRequestSizeLimitAre413BeforeAnythingIsRead() throws Exception {
        String big = "a".repeat((int) RestSliceTest.MAX_REQUEST_BYTES);
        String body = "{\"partitionKey\":\"pk\",\"text\":\"" + big + "\"}";
        put(body)
                .andExpect(problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "RequestTooLarge",
                        "The request body has " + body.length() + " bytes, more than the limit of "
                                + RestSliceTest.MAX_REQUEST_BYTES + " bytes (runnel.http.max-request-size)."));
        verifyNoInteractions(records);
    }

    // ---- POST /streams/{name}/records/batch ----------------------------------------------------------------

    @Test
    void aBatchBecomesAPutRecordsCommandAndAnswersEachRecordInOrder() throws Exception {
        when(records.putAll(any()))
                .thenReturn(new PutRecordsResult(
                        1,
                        List.of(
                                new PutRecordsResult.Entry(new ShardId(1), SECOND, null, null),
                                new PutRecordsResult.Entry(
                                        null,
                                        null,
                                        "ProvisionedThroughputExceededException",
                                        "Rate exceeded for shard shardId-000000000000 in stream orders under account "
                                                + "000000000000."),
                                new PutRecordsResult.Entry(new ShardId(0), FIRST, null, null)),
                        false));
        putBatch("{\"records\":[{\"partitionKey\":\"\\u00e9t\\u00e9\",\"text\":\"a\"},{\"partitionKey\":\"pk\","
                        + "\"data\":\"Yg==\"},{\"partitionKey\":\"x\",\"text\":\"c\",\"explicitHashKey\":\"0\"}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.failedRecordCount").value(1))
                .andExpect(jsonPath("$.records", hasSize(3)))
                .andExpect(jsonPath("$.records[0].shardId").value("shardId-000000000001"))
                .andExpect(jsonPath("$.records[0].sequenceNumber").value(SECOND.toString()))
                .andExpect(jsonPath("$.records[0].errorCode").doesNotExist())
                .andExpect(jsonPath("$.records[0].errorMessage").doesNotExist())
                .andExpect(jsonPath("$.records[1].shardId").doesNotExist())
                .andExpect(jsonPath("$.records[1].sequenceNumber").doesNotExist())
                .andExpect(jsonPath("$.records[1].errorCode").value("ProvisionedThroughputExceededException"))
                .andExpect(jsonPath("$.records[1].errorMessage").value(startsWith("Rate exceeded for shard")))
                .andExpect(jsonPath("$.records[2].shardId").value("shardId-000000000000"));

        ArgumentCaptor<PutRecordsCommand> captor = ArgumentCaptor.forClass(PutRecordsCommand.class);
        verify(records).putAll(captor.capture());
        PutRecordsCommand command = captor.getValue();
        assertThat(command.stream()).isEqualTo(STREAM);
        assertThat(command.records()).extracting(RecordInput::partitionKey).containsExactly("\u00e9t\u00e9", "pk", "x");
        assertThat(command.records()).extracting(r -> text(r.data())).containsExactly("a", "b", "c");
        assertThat(command.records()).extracting(RecordInput::explicitHashKey).containsExactly(null, null, "0");
    }

    @Test
    void malformedBatchesAreRefusedBeforeTheService() throws Exception {
        putBatch("{\"records\":[]}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member "
                                + "must have length greater than or equal to 1"));
        putBatch("{}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'records' failed to satisfy constraint: Member "
                                + "must not be null"));
        putBatch("{\"records\":[{\"partitionKey\":\"\",\"text\":\"x\"}]}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value '' at 'records.1.partitionKey' failed to satisfy "
                                + "constraint: Member must have length greater than or equal to 1"));
        putBatch(
                        "{\"records\":[{\"partitionKey\":\"pk\",\"data\":\"AA==\"}, {\"partitionKey\":\"pk\",\"data\":\"A\"}]}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "SerializationException"))
                .andExpect(jsonPath("$.detail")
                        .value(startsWith("Value at 'records.2.data' is not valid standard Base64")));
        putBatch("{\"records\":[{\"partitionKey\":\"pk\",\"text\":\"x\"},{\"partitionKey\":\"pk\",\"data\":\"AA==\","
                        + "\"text\":\"x\"}]}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Give the payload at 'records.2.data' (Base64) or at 'records.2.text' (UTF-8), not both."));
        putBatch("{\"records\":{\"partitionKey\":\"pk\"}}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST, "SerializationException", "The value at 'records' is not an array."));
        verifyNoInteractions(records);
    }

    @Test
    void batchRefusalsOfTheServiceBecomeProblems() throws Exception {
        String tooLarge = "Records size exceeds 10485760 bytes limit for the request: 10485770 bytes of data and "
                + "partition keys were sent.";
        when(records.putAll(any())).thenThrow(new InvalidArgumentException(tooLarge));
        putBatch("{\"records\":[{\"partitionKey\":\"pk\",\"text\":\"x\"}]}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "InvalidArgumentException", tooLarge));
    }

    // ---- GET /streams/{name}/records -----------------------------------------------------------------------

    @Test
    void getRecordsPassesTheIteratorTheLimitAndTheStreamItNames() throws Exception {
        Instant arrived = Instant.parse("2026-11-26T10:15:30Z");
        when(records.getRecords("ITERATOR", 2, STREAM))
                .thenReturn(new GetRecordsResult(
                        List.of(
                                new RecordView(
                                        FIRST,
                                        arrived,
                                        "pk",
                                        RecordData.copyOf("test1".getBytes(StandardCharsets.UTF_8)),
                                        false),
                                new RecordView(
                                        SECOND,
                                        arrived.plusNanos(7_000_000),
                                        "pk2",
                                        RecordData.copyOf(new byte[] {0, (byte) 0xFF}),
                                        true)),
                        "NEXT",
                        1500,
                        List.of()));
        mvc.perform(get("/streams/orders/records")
                        .param("shardIterator", "ITERATOR")
                        .param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records", hasSize(2)))
                .andExpect(jsonPath("$.records[0].sequenceNumber").value(FIRST.toString()))
                .andExpect(jsonPath("$.records[0].partitionKey").value("pk"))
                .andExpect(jsonPath("$.records[0].data").value("dGVzdDE="))
                .andExpect(jsonPath("$.records[0].approximateArrivalTimestamp").value("2026-11-26T10:15:30.000Z"))
                .andExpect(jsonPath("$.records[1].data").value("AP8="))
                .andExpect(jsonPath("$.records[1].approximateArrivalTimestamp").value("2026-11-26T10:15:30.007Z"))
                .andExpect(jsonPath("$.nextShardIterator").value("NEXT"))
                .andExpect(jsonPath("$.millisBehindLatest").value(1500));

        when(records.getRecords("LAST", null, STREAM)).thenReturn(new GetRecordsResult(List.of(), null, 0, List.of()));
        mvc.perform(get("/streams/orders/records").param("shardIterator", "LAST"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records", hasSize(0)))
                .andExpect(jsonPath("$.nextShardIterator").doesNotExist())
                .andExpect(jsonPath("$.millisBehindLatest").value(0));
    }

    @Test
    void getRecordsParametersTheWebLayerReadsAreCheckedThere() throws Exception {
        mvc.perform(get("/streams/orders/records"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: "
                                + "Member must not be null"));
        mvc.perform(get("/streams/orders/records")
                        .param("shardIterator", "ITERATOR")
                        .param("limit", "ten"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value 'ten' at 'limit' is not a whole number."));
        verifyNoInteractions(records);
    }

    @Test
    void getRecordsRefusalsOfTheServiceBecomeProblems() throws Exception {
        when(records.getRecords(eq("BAD"), any(), eq(STREAM))).thenThrow(Messages.invalidIterator());
        mvc.perform(get("/streams/orders/records").param("shardIterator", "BAD"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "InvalidArgumentException", "Invalid ShardIterator."));

        when(records.getRecords(eq("ITERATOR"), eq(0), eq(STREAM)))
                .thenThrow(ValidationException.of("Value '0' at 'limit' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 1"));
        mvc.perform(get("/streams/orders/records")
                        .param("shardIterator", "ITERATOR")
                        .param("limit", "0"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must "
                                + "have value greater than or equal to 1"));

        String expired = "Iterator expired. The iterator was created at time Wed Jan 01 00:00:00 UTC 2025 while right "
                + "now it is Wed Jan 01 00:05:00 UTC 2025 which is further in the future than the tolerated delay of "
                + "300000 milliseconds.";
        when(records.getRecords(eq("OLD"), any(), eq(STREAM))).thenThrow(new ExpiredIteratorException(expired));
        mvc.perform(get("/streams/orders/records").param("shardIterator", "OLD"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ExpiredIteratorException", expired));

        String other = "The shard iterator reads stream payments, not stream orders.";
        when(records.getRecords(eq("OTHER"), any(), eq(STREAM))).thenThrow(new InvalidArgumentException(other));
        mvc.perform(get("/streams/orders/records").param("shardIterator", "OTHER"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "InvalidArgumentException", other));

        when(records.getRecords(eq("GONE"), any(), eq(STREAM)))
                .thenThrow(Messages.streamNotFound("orders", CannedStreams.ACCOUNT));
        mvc.perform(get("/streams/orders/records").param("shardIterator", "GONE"))
                .andExpect(problem(HttpStatus.NOT_FOUND, "ResourceNotFoundException"));

        String rate = "Rate exceeded for shard shardId-000000000000 in stream orders under account 000000000000.";
        when(records.getRecords(eq("BUSY"), any(), eq(STREAM)))
                .thenThrow(new ProvisionedThroughputExceededException(rate));
        mvc.perform(get("/streams/orders/records").param("shardIterator", "BUSY"))
                .andExpect(problem(HttpStatus.TOO_MANY_REQUESTS, "ProvisionedThroughputExceededException", rate))
                .andExpect(header().string("Retry-After", "1"));
        verify(records, never()).getRecords(anyString(), any());
    }
}
