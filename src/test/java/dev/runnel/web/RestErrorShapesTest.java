package dev.runnel.web;

import static dev.runnel.support.Problems.problem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.jayway.jsonpath.JsonPath;
import dev.runnel.streams.StreamService;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shape of REST errors whatever the request got wrong: always an {@code application/problem+json} body with an
 * error type (also when the Accept header does not allow it or does not parse, and when Spring made the problem),
 * details that name member paths and JSON types but no Java type, and echoed text made printable. The Tomcat-level
 * cases are in {@code RestErrorShapesIT}.
 */
@RestSliceTest
class RestErrorShapesTest {

    /** A Java type, package or Jackson setting in a detail. */
    private static final String JAVA_NAMES = "(?s).*(java\\.|javax\\.|dev\\.runnel|tools\\.jackson|`|Feature\\.).*";

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @BeforeEach
    void answerViews() {
        CannedStreams.answerViews(streams);
    }

    @Test
    void anErrorIsAProblemWhateverTheAcceptHeaderAllows() throws Exception {
        for (String accept : List.of("text/plain", "application/xml", "image/png")) {
            mvc.perform(get("/streams").header("Accept", accept))
                    .andExpect(problem(
                            HttpStatus.NOT_ACCEPTABLE,
                            "SerializationException",
                            "The REST API answers in 'application/json' (errors in 'application/problem+json'); the "
                                    + "request's Accept header allows neither."));
            mvc.perform(get("/streamz").header("Accept", accept))
                    .andExpect(problem(HttpStatus.NOT_FOUND, "UnknownOperationException"));
        }
    }

    @Test
    void anAcceptHeaderThatDoesNotParseStillGetsAProblem() throws Exception {
        mvc.perform(get("/streams").header("Accept", ";;;"))
                .andExpect(problem(
                        HttpStatus.NOT_ACCEPTABLE,
                        "SerializationException",
                        "The REST API answers in 'application/json' (errors in 'application/problem+json'); the "
                                + "request's Accept header does not parse."));
        mvc.perform(get("/streamz").header("Accept", "text"))
                .andExpect(problem(HttpStatus.NOT_FOUND, "UnknownOperationException"));
    }

    @Test
    void aContentTypeThatDoesNotParseIsSaidSo() throws Exception {
        mvc.perform(post("/streams").header("Content-Type", ";;;").content("{}"))
                .andExpect(problem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "SerializationException",
                        "Send the body as JSON with Content-Type 'application/json' (the request had a Content-Type "
                                + "that does not parse)."));
    }

    @Test
    void aProblemSpringMadeGetsAnErrorTypeAndLosesItsJavaNames() throws Exception {
        when(streams.describe(any()))
                .thenThrow(new ResponseStatusException(
                        HttpStatus.BAD_REQUEST,
                        "Cannot deserialize value of type `java.util.ArrayList<"
                                + "dev.runnel.records.RecordEntryRequest>`"));
        mvc.perform(get("/streams/any"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST, "SerializationException", "The request was refused: Bad Request."));

        doThrow(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE))
                .when(streams)
                .describe(any());
        mvc.perform(get("/streams/any")).andExpect(problem(HttpStatus.SERVICE_UNAVAILABLE, "InternalFailure"));
    }

    /** Each REST operation with a body, with its members: each gets values of every JSON type but its own. */
    static List<String[]> malformedBodies() {
        String[][] operations = {
            {"POST", "/streams", "streamName", "shardCount", "streamMode", "tags"},
            {"POST", "/streams/s/records", "partitionKey", "data", "text", "explicitHashKey"},
            {"POST", "/streams/s/records/batch", "records"},
            {"POST", "/shard-iterators", "streamName", "shardId", "type", "timestamp"},
            {"POST", "/streams/s/shards/shardId-000000000000/split", "newStartingHashKey"},
            {"POST", "/streams/s/shards/merge", "shardToMerge", "adjacentShardToMerge"},
            {"PUT", "/streams/s/shard-count", "targetShardCount"},
            {"PUT", "/streams/s/mode", "streamMode"},
            {"PUT", "/streams/s/retention", "retentionPeriodHours"}
        };
        List<String[]> cases = new ArrayList<>();
        for (String[] operation : operations) {
            for (String body : List.of("[]", "5", "\"x\"", "{", "{}}", "{\"a\":1,}", "\u0000")) {
                cases.add(new String[] {operation[0], operation[1], body});
            }
            for (int member = 2; member < operation.length; member++) {
                for (String value : List.of("Infinity", "{}", "[1]", "\"x\"", "true", "1e400", "99999999999")) {
                    cases.add(
                            new String[] {operation[0], operation[1], "{\"" + operation[member] + "\":" + value + "}"});
                }
            }
        }
        cases.add(new String[] {"POST", "/streams/s/records/batch", "{\"records\":[{\"partitionKey\":{}}]}"});
        cases.add(new String[] {"POST", "/streams/s/records/batch", "{\"records\":[5]}"});
        return cases;
    }

    /** Any 4xx answer is a problem whose detail names no Java type (the services are mocks: only 4xx count). */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("malformedBodies")
    void detailsOfMalformedBodiesNameNoJavaType(String method, String path, String body) throws Exception {
        var request = method.equals("PUT") ? put(path) : post(path);
        mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(result -> {
                    int status = result.getResponse().getStatus();
                    if (status >= 400 && status < 500) {
                        String errorType = JsonPath.read(result.getResponse().getContentAsString(), "$.errorType");
                        problem(HttpStatus.valueOf(status), errorType).match(result);
                        jsonPath("$.detail", not(matchesPattern(JAVA_NAMES))).match(result);
                    }
                });
    }

    @Test
    void theExampleOfTheIssueIsWordedForPeople() throws Exception {
        mvc.perform(post("/streams/s/records/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"records\":{\"partitionKey\":\"k\"}}"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST, "SerializationException", "The value at 'records' is not an array."));
        mvc.perform(post("/streams").contentType(MediaType.APPLICATION_JSON).content("{\"shardCount\":Infinity}"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "The request body is not valid JSON (line 1, column 23): Non-standard token 'Infinity'."));
    }

    @Test
    void echoedTextThatCannotBeEncodedIsReplaced() throws Exception {
        mvc.perform(post("/streams")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"streamName\":\"a\\ud800\",\"shardCount\":1}"))
                .andExpect(problem(HttpStatus.BAD_REQUEST, "ValidationException"))
                .andExpect(jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.startsWith(
                                "1 validation error detected: Value 'a\uFFFD' at 'streamName'")));
    }
}
