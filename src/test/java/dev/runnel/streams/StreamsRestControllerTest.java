package dev.runnel.streams;

import static dev.runnel.support.Problems.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** What each streams request becomes for StreamService and StreamSettingsService, and how their answers read. */
@RestSliceTest(StreamsRestController.class)
class StreamsRestControllerTest {

    private static final String ACCOUNT = CannedStreams.ACCOUNT;

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    StreamSettingsService settings;

    @BeforeEach
    void answerViews() {
        CannedStreams.answerViews(streams);
    }

    private ResultActions create(String body) throws Exception {
        return mvc.perform(
                post("/streams").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions retention(String stream, String body) throws Exception {
        return mvc.perform(put("/streams/" + stream + "/retention")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    // ---- POST /streams -------------------------------------------------------------------------------------

    @Test
    void createBecomesACreateStreamCommandAndAnswersTheStreamWithItsLocation() throws Exception {
        Stream orders = CannedStreams.active("orders", StreamMode.PROVISIONED, 2, 24, Map.of("team", "data"));
        when(streams.create(any())).thenReturn(orders);
        when(streams.retainedRecordCount(orders, orders.shards().get(1))).thenReturn(7L);

        create("{\"streamName\":\"orders\",\"shardCount\":2,\"tags\":{\"team\":\"data\"}}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/streams/orders"))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.streamName").value("orders"))
                .andExpect(jsonPath("$.streamArn").value("arn:aws:kinesis:us-east-1:000000000000:stream/orders"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.streamMode").value("PROVISIONED"))
                .andExpect(jsonPath("$.streamCreationTimestamp").value("2026-11-26T09:15:30.000Z"))
                .andExpect(jsonPath("$.retentionPeriodHours").value(24))
                .andExpect(jsonPath("$.maxRecordSizeInKiB").value(1024))
                .andExpect(jsonPath("$.openShardCount").value(2))
                .andExpect(jsonPath("$.tags.team").value("data"))
                .andExpect(jsonPath("$.scalingEvents", hasSize(0)))
                .andExpect(jsonPath("$.shards", hasSize(2)))
                .andExpect(jsonPath("$.shards[0].shardId").value("shardId-000000000000"))
                .andExpect(jsonPath("$.shards[0].parentShardId").doesNotExist())
                .andExpect(jsonPath("$.shards[0].hashKeyRange.startingHashKey").value("0"))
                .andExpect(jsonPath("$.shards[0].hashKeyRange.endingHashKey")
                        .value("170141183460469231731687303715884105727"))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.startingHashKey")
                        .value("170141183460469231731687303715884105728"))
                .andExpect(jsonPath("$.shards[1].hashKeyRange.endingHashKey")
                        .value("340282366920938463463374607431768211455"))
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.startingSequenceNumber")
                        .value(matchesPattern("\\d{56}")))
                .andExpect(jsonPath("$.shards[0].sequenceNumberRange.endingSequenceNumber")
                        .doesNotExist())
                .andExpect(jsonPath("$.shards[0].open").value(true))
                .andExpect(jsonPath("$.shards[0].openedAt").value("2026-11-26T09:15:30.000Z"))
                .andExpect(jsonPath("$.shards[0].closedAt").doesNotExist())
                .andExpect(jsonPath("$.shards[0].recordCount").value(0))
                .andExpect(jsonPath("$.shards[1].recordCount").value(7));
        verify(streams).create(CreateStreamCommand.of("orders", 2, null, null, Map.of("team", "data")));
    }

    @Test
    void everyOptionalMemberReachesTheCommand() throws Exception {
        when(streams.create(any())).thenReturn(CannedStreams.active("elastic", StreamMode.ON_DEMAND, 4, 48, Map.of()));
        create("{\"streamName\":\"elastic\",\"streamMode\":\"ON_DEMAND\",\"retentionPeriodHours\":48,"
                        + "\"maxRecordSizeInKiB\":2048}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.streamMode").value("ON_DEMAND"))
                .andExpect(jsonPath("$.openShardCount").value(4));
        verify(streams).create(CreateStreamCommand.of("elastic", StreamMode.ON_DEMAND, null, 48, 2048, null));
    }

    @Test
    void aCreatingStreamIsDescribedWithoutShards() throws Exception {
        when(streams.create(any())).thenReturn(CannedStreams.creating("young", 3));
        create("{\"streamName\":\"young\",\"shardCount\":3}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("CREATING"))
                .andExpect(jsonPath("$.openShardCount").value(3))
                .andExpect(jsonPath("$.shards", hasSize(0)));
    }

    @Test
    void createRefusalsOfTheServiceBecomeProblems() throws Exception {
        when(streams.create(any())).thenThrow(Messages.streamExists("dup", ACCOUNT));
        create("{\"streamName\":\"dup\",\"shardCount\":1}")
                .andExpect(problem(
                        HttpStatus.CONFLICT,
                        "ResourceInUseException",
                        "Stream dup under account 000000000000 already exists."))
                .andExpect(jsonPath("$.instance").value("/streams"))
                .andExpect(header().doesNotExist("Location"));

        doThrow(Messages.shardLimitExceeded(ACCOUNT, "us-east-1", 100, 100, 1))
                .when(streams)
                .create(any());
        create("{\"streamName\":\"wide\",\"shardCount\":1}")
                .andExpect(problem(HttpStatus.TOO_MANY_REQUESTS, "LimitExceededException"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(
                                        startsWith(
                                                "This request would exceed the shard limit for the account 000000000000 in us-east-1.")))
                .andExpect(header().doesNotExist("Retry-After"));
    }

    @Test
    void malformedCreateRequestsAreRefusedBeforeTheService() throws Exception {
        create("{\"streamName\":\"bad name\",\"shardCount\":1}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"));
        create("{\"streamName\":\"s\",\"shardCount\":0}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: "
                                + "Member must have value greater than or equal to 1"));
        create("{\"streamName\":\"s\"}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"))
                .andExpect(jsonPath("$.detail")
                        .value(startsWith("1 validation error detected: Value null at 'shardCount'")));
        create("{\"streamName\":\"s\",\"shardCount\":1,\"streamMode\":\"ELASTIC\"}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value 'ELASTIC' at 'streamMode' failed to satisfy constraint: "
                                + "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"));
        create("{\"streamName\":\"s\",\"streamMode\":\"ON_DEMAND\",\"shardCount\":7}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "InvalidArgumentException"))
                .andExpect(jsonPath("$.detail").value(startsWith("An ON_DEMAND stream takes no shardCount")));
        create("{\"streamName\":\"s\",\"shardCount\":1,\"retentionPeriodHours\":23}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "InvalidArgumentException",
                        "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too "
                                + "short."));
        create("{\"streamName\":\"s\",\"shardCount\":1,\"maxRecordSizeInKiB\":1023}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"))
                .andExpect(jsonPath("$.detail").value(containsString("at 'maxRecordSizeInKiB'")));
        verifyNoInteractions(streams);
    }

    @Test
    void unreadableCreateBodiesAreSerializationProblems() throws Exception {
        String[][] cases = {
            {"{\"streamName\":\"s\",\"shardCount\":\"two\"}", "The value at 'shardCount' is not a whole number."},
            {"{\"streamName\":\"s\",\"shardCount\":1.5}", "Value '1.5' at 'shardCount' is not a whole number."},
            {
                "{\"streamName\":\"s\",\"shardCount\":99999999999}",
                "The number at 'shardCount' is out of range (-2147483648 to 2147483647)."
            },
            {"{\"streamName\":\"s\",\"shardCount\":1,\"tags\":[]}", "The value at 'tags' is not a JSON object."},
            {"[]", "The request body is not a JSON object."},
            {
                "{\"streamName\": \"s\",\n \"shardCount\": 1,}",
                "The request body is not valid JSON (line 2, column 18): Unexpected character ('}'): was expecting "
                        + "double-quote to start property name."
            },
            {"", "The request body is missing or is not valid JSON."}
        };
        for (String[] c : cases) {
            create(c[0]).andExpect(problem(HttpStatus.BAD_REQUEST, "SerializationException", c[1]));
        }
        create("{\"streamName\":")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "SerializationException"))
                .andExpect(jsonPath("$.detail").value(startsWith("The request body is not valid JSON")));
        verifyNoInteractions(streams);
    }

    /** Issue 17, item 8: "٣" (Arabic-Indic three) made three shards, and text took numbers. */
    @Test
    void numbersAndStringsAreNeverCoercedIntoEachOther() throws Exception {
        String[][] cases = {
            {"{\"streamName\":\"s\",\"shardCount\":\"\u0663\"}", "The value at 'shardCount' is not a whole number."},
            {"{\"streamName\":\"s\",\"shardCount\":\"3\"}", "The value at 'shardCount' is not a whole number."},
            {"{\"streamName\":\"s\",\"shardCount\":true}", "The value at 'shardCount' is not a whole number."},
            {"{\"streamName\":\"s\",\"shardCount\":1.0}", "Value '1.0' at 'shardCount' is not a whole number."},
            {"{\"streamName\":7,\"shardCount\":1}", "The value at 'streamName' is not a string."},
            {"{\"streamName\":\"s\",\"streamMode\":false}", "The value at 'streamMode' is not a string."},
            {"{\"streamName\":\"s\",\"shardCount\":1,\"tags\":{\"k\":1}}", "The value at 'tags.k' is not a string."}
        };
        for (String[] c : cases) {
            create(c[0]).andExpect(problem(HttpStatus.BAD_REQUEST, "SerializationException", c[1]));
        }
        for (String limit : new String[] {"\u0663", "0x10", "+5", "#5"}) {
            mvc.perform(get("/streams").param("limit", limit))
                    .andExpect(problem(
                            HttpStatus.BAD_REQUEST,
                            "SerializationException",
                            "Value '" + limit + "' at 'limit' is not a whole number."));
        }
        verifyNoInteractions(streams);
    }

    // ---- GET /streams/{name} -------------------------------------------------------------------------------

    @Test
    void describeAsksForTheNamedStream() throws Exception {
        when(streams.describe(StreamName.of("orders"))).thenReturn(CannedStreams.active("orders", 1));
        mvc.perform(get("/streams/orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streamName").value("orders"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.shards", hasSize(1)));
    }

    @Test
    void anUnknownStreamIsANotFoundProblem() throws Exception {
        when(streams.describe(StreamName.of("missing"))).thenThrow(Messages.streamNotFound("missing", ACCOUNT));
        mvc.perform(get("/streams/missing"))
                .andExpect(problem(
                        HttpStatus.NOT_FOUND,
                        "ResourceNotFoundException",
                        "Stream missing under account 000000000000 not found."))
                .andExpect(jsonPath("$.instance").value("/streams/missing"));
        mvc.perform(get("/streams/bad name!"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"))
                .andExpect(jsonPath("$.detail").value(startsWith("1 validation error detected: Value 'bad name!'")));
    }

    @Test
    void unexpectedFailuresAreInternalFailuresWithoutDetails() throws Exception {
        when(streams.describe(StreamName.of("broken"))).thenThrow(new IllegalStateException("a bug's own words"));
        mvc.perform(get("/streams/broken"))
                .andExpect(problem(HttpStatus.INTERNAL_SERVER_ERROR, "InternalFailure", "Internal service failure."));
        when(streams.describe(StreamName.of("failing"))).thenThrow(new InternalFailureException("Storage failed."));
        mvc.perform(get("/streams/failing"))
                .andExpect(problem(HttpStatus.INTERNAL_SERVER_ERROR, "InternalFailure", "Storage failed."));
    }

    // ---- GET /streams --------------------------------------------------------------------------------------

    @Test
    void listBecomesAPageRequestAndNamesTheNextStart() throws Exception {
        when(streams.list(StreamName.of("page-"), 2))
                .thenReturn(new StreamPage(
                        List.of(
                                CannedStreams.active("page-a", 1),
                                CannedStreams.deleting(CannedStreams.active("page-b", 3))),
                        true));
        mvc.perform(get("/streams").param("limit", "2").param("exclusiveStartStreamName", "page-"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streams", hasSize(2)))
                .andExpect(jsonPath("$.streams[0].streamName").value("page-a"))
                .andExpect(jsonPath("$.streams[0].streamArn").value(CannedStreams.arn("page-a")))
                .andExpect(jsonPath("$.streams[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$.streams[0].streamCreationTimestamp").value("2026-11-26T09:15:30.000Z"))
                .andExpect(jsonPath("$.streams[0].retentionPeriodHours").value(24))
                .andExpect(jsonPath("$.streams[1].streamName").value("page-b"))
                .andExpect(jsonPath("$.streams[1].status").value("DELETING"))
                .andExpect(jsonPath("$.streams[1].openShardCount").value(3))
                .andExpect(jsonPath("$.hasMore").value(true))
                .andExpect(jsonPath("$.nextExclusiveStartStreamName").value("page-b"));

        when(streams.list(null, 100)).thenReturn(new StreamPage(List.of(CannedStreams.active("only", 1)), false));
        mvc.perform(get("/streams"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streams[0].streamName").value("only"))
                .andExpect(jsonPath("$.hasMore").value(false))
                .andExpect(jsonPath("$.nextExclusiveStartStreamName").doesNotExist());
    }

    @Test
    void listParametersAreCheckedBeforeTheService() throws Exception {
        mvc.perform(get("/streams").param("limit", "0"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must "
                                + "have value greater than or equal to 1"));
        mvc.perform(get("/streams").param("limit", "101"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"));
        mvc.perform(get("/streams").param("limit", "many"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value 'many' at 'limit' is not a whole number."));
        mvc.perform(get("/streams").param("exclusiveStartStreamName", "no spaces"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"));
        verifyNoInteractions(streams);
    }

    // ---- PUT /streams/{name}/retention ---------------------------------------------------------------------

    @Test
    void retentionBecomesASetRetentionCall() throws Exception {
        when(settings.setRetention(StreamName.of("kept"), 168))
                .thenReturn(CannedStreams.active("kept", StreamMode.PROVISIONED, 1, 168, Map.of()));
        retention("kept", "{\"retentionPeriodHours\":168}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.streamName").value("kept"))
                .andExpect(jsonPath("$.retentionPeriodHours").value(168));
        verify(settings).setRetention(StreamName.of("kept"), 168);
    }

    @Test
    void retentionRefusalsBecomeProblems() throws Exception {
        retention("kept", "{}")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "ValidationException",
                        "1 validation error detected: Value null at 'retentionPeriodHours' failed to satisfy "
                                + "constraint: Member must not be null"));
        retention("kept", "{\"retentionPeriodHours\":\"long\"}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "SerializationException"));
        verifyNoInteractions(settings);

        String tooLong =
                "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too "
                        + "long.";
        when(settings.setRetention(StreamName.of("kept"), 8761)).thenThrow(new InvalidArgumentException(tooLong));
        retention("kept", "{\"retentionPeriodHours\":8761}")
                .andExpect(problem(HttpStatus.BAD_REQUEST, "InvalidArgumentException", tooLong));
        when(settings.setRetention(StreamName.of("young"), 48))
                .thenThrow(Messages.streamNotActive("young", ACCOUNT, "CREATING"));
        retention("young", "{\"retentionPeriodHours\":48}")
                .andExpect(problem(
                        HttpStatus.CONFLICT,
                        "ResourceInUseException",
                        "Stream young under account 000000000000 not ACTIVE, instead in state CREATING"));
        when(settings.setRetention(StreamName.of("missing"), 48))
                .thenThrow(Messages.streamNotFound("missing", ACCOUNT));
        retention("missing", "{\"retentionPeriodHours\":48}")
                .andExpect(problem(HttpStatus.NOT_FOUND, "ResourceNotFoundException"));
    }

    // ---- DELETE /streams/{name} ----------------------------------------------------------------------------

    @Test
    void deleteAnswersTheDeletingStreamWith202() throws Exception {
        when(streams.delete(StreamName.of("gone"))).thenReturn(CannedStreams.deleting(CannedStreams.active("gone", 1)));
        mvc.perform(delete("/streams/gone"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.streamName").value("gone"))
                .andExpect(jsonPath("$.status").value("DELETING"));
        verify(streams).delete(StreamName.of("gone"));

        when(streams.delete(StreamName.of("missing"))).thenThrow(Messages.streamNotFound("missing", ACCOUNT));
        mvc.perform(delete("/streams/missing")).andExpect(problem(HttpStatus.NOT_FOUND, "ResourceNotFoundException"));
    }

    /** Issue 17, item 9: Spring matched /streams/semi;x=1 as /streams/semi and deleted that stream. */
    @Test
    void pathsWithSemicolonParametersAreNotOperations() throws Exception {
        mvc.perform(delete("/streams/semi;x=1"))
                .andExpect(problem(
                        HttpStatus.NOT_FOUND,
                        "UnknownOperationException",
                        "DELETE /streams/semi;x=1 is not an operation of the REST API: its paths take no ';' "
                                + "parameters."));
        mvc.perform(get("/streams;limit=5")).andExpect(problem(HttpStatus.NOT_FOUND, "UnknownOperationException"));
        mvc.perform(get("/streams/s;jsessionid=abc"))
                .andExpect(problem(HttpStatus.NOT_FOUND, "UnknownOperationException"));
        verifyNoInteractions(streams, settings);
    }

    // ---- outside the operations ----------------------------------------------------------------------------

    @Test
    void requestsOutsideTheOperationsAreTypedProblems() throws Exception {
        mvc.perform(get("/streamz"))
                .andExpect(problem(HttpStatus.NOT_FOUND, "UnknownOperationException"))
                .andExpect(jsonPath("$.detail")
                        .value("GET /streamz is not an operation of the REST API; its operations are described at "
                                + "/v3/api-docs and in Swagger UI at /swagger-ui.html."));
        mvc.perform(patch("/streams"))
                .andExpect(problem(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "UnknownOperationException",
                        "PATCH /streams is not an operation of the REST API; this path takes GET, POST."))
                .andExpect(header().exists("Allow"));
        mvc.perform(post("/streams").contentType(MediaType.TEXT_PLAIN).content("hi"))
                .andExpect(problem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "SerializationException",
                        "Send the body as JSON with Content-Type 'application/json' (the request had Content-Type "
                                + "'text/plain')."));
        mvc.perform(get("/streams/orders").accept(MediaType.TEXT_PLAIN))
                .andExpect(problem(
                        HttpStatus.NOT_ACCEPTABLE,
                        "SerializationException",
                        "The REST API answers in 'application/json' (errors in 'application/problem+json'); the "
                                + "request's Accept header allows neither."));
        verifyNoInteractions(streams);
        verifyNoInteractions(settings);
    }
}
