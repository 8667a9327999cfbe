package dev.runnel.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The REST API's OpenAPI document as a contract: its title and description, one tag per resource, and one
 * {@code Problem} schema (with the {@code errorType} values of {@link RestErrorTable}) for every error answer.
 * Controllers name each operation and its success and error answers; {@link #errorAnswers()} gives every error
 * answer the problem schema and an example, so generated clients get typed errors. The document is checked into
 * {@code docs/openapi.json}; a test keeps the two equal.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** One tag per resource, in the order Swagger UI shows them. */
    private static final List<Tag> TAGS = List.of(
            new Tag().name("Streams").description("Create, describe, list and delete streams; change their retention"),
            new Tag()
                    .name("Shards")
                    .description("List, split, merge and rescale a stream's shards; switch its " + "capacity mode"),
            new Tag().name("Records").description("Write records and read them back through shard iterators"),
            new Tag().name("Shard iterators").description("Positions in a shard to read records from"),
            new Tag().name("Insights").description("Hot shards, heavy partition keys and advice"));

    @Bean
    OpenAPI runnelOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Runnel REST API")
                        .version("v1")
                        .description("""
                                A Kinesis Data Streams-compatible stream service. Streams are split into shards; \
                                records are routed to shards by the MD5 of their partition key, get sequence numbers, \
                                are kept for the retention period and are read back through shard iterators.

                                Every error is an RFC 9457 problem (`application/problem+json`, schema `Problem`) \
                                whose `errorType` names the Kinesis exception, such as `ResourceNotFoundException`, \
                                and whose `type` is that name prefixed with `urn:runnel:error:`. Timestamps are \
                                ISO-8601 in UTC with three fractional digits.

                                The same port also speaks the AWS Kinesis protocol (`POST /` with `X-Amz-Target`) \
                                for the AWS CLI and SDKs; that protocol is not described here.""")
                        .license(new License().name("Apache License 2.0").identifier("Apache-2.0")))
                .tags(TAGS);
    }

    @Bean
    OpenApiCustomizer errorAnswers() {
        return openApi -> {
            openApi.setTags(TAGS);
            openApi.getComponents().getSchemas().remove("ProblemDetail");
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(OpenApiConfiguration::answers));
        };
    }

    /**
     * Describes the {@code {name}} path parameter of every operation; gives every operation the 500 answer, and
     * every one that takes a body the 413 of the request-size filter; keeps problem details out of success
     * answers; and gives every error answer the problem schema, an example, and for throttling the Retry-After
     * header that {@link RestExceptionHandler} sends.
     */
    private static void answers(Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(p -> "path".equals(p.getIn()) && "name".equals(p.getName()) && p.getDescription() == null)
                    .forEach(p -> p.description("The stream's name"));
        }
        if (operation.getRequestBody() != null) {
            operation
                    .getResponses()
                    .addApiResponse(
                            "413",
                            new ApiResponse()
                                    .description(
                                            "RequestTooLarge: the body is larger than runnel.http.max-request-size"));
        }
        operation
                .getResponses()
                .addApiResponse(
                        "500",
                        new ApiResponse().description("InternalFailure: a bug in Runnel; the details are in its log"));
        operation.getResponses().forEach((code, response) -> {
            if (code.startsWith("2")) {
                if (response.getContent() != null) {
                    response.getContent().remove(PROBLEM_JSON);
                }
            } else {
                if (response.getDescription().contains("ProvisionedThroughputExceededException")) {
                    response.addHeaderObject(
                            HttpHeaders.RETRY_AFTER,
                            new Header()
                                    .description("Seconds to wait before retrying")
                                    .schema(new Schema<Integer>()
                                            .types(Set.of("integer"))
                                            .example(1)));
                }
                response.setContent(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                                        .example(example(Integer.parseInt(code), response.getDescription()))));
            }
        });
    }

    /** A problem as the answer would carry it, of the first error type its description names. */
    private static Map<String, Object> example(int status, String description) {
        String errorType = RestErrorTable.errorTypes().stream()
                .filter(description::startsWith)
                .findFirst()
                .orElseGet(() -> RestErrorTable.errorTypes().stream()
                        .filter(description::contains)
                        .findFirst()
                        .orElse(RestErrorTable.INTERNAL_FAILURE));
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", RestErrorTable.TYPE_PREFIX + errorType);
        example.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", EXAMPLE_DETAILS.getOrDefault(errorType, "Internal service failure."));
        example.put("instance", "/streams/myKinesis");
        example.put("errorType", errorType);
        return example;
    }

    private static final Map<String, String> EXAMPLE_DETAILS = Map.ofEntries(
            Map.entry(
                    "ValidationException",
                    "1 validation error detected: Value '' at 'streamName' failed to "
                            + "satisfy constraint: Member must have length greater than or equal to 1"),
            Map.entry(
                    "InvalidArgumentException",
                    "Minimum allowed retention period is 24 hours. Requested retention "
                            + "period (12 hours) is too short."),
            Map.entry("SerializationException", "Value 'one' at 'shardCount' is not a whole number."),
            Map.entry(
                    "ExpiredIteratorException",
                    "Iterator expired. The iterator was created at time "
                            + "Thu Nov 26 02:47:47 UTC 2026 while right now it is Thu Nov 26 02:52:48 UTC 2026 which is "
                            + "further in the future than the tolerated delay of 300000 milliseconds."),
            Map.entry("ExpiredNextTokenException", "The pagination token has expired."),
            Map.entry("ResourceNotFoundException", "Stream myKinesis under account 000000000000 not found."),
            Map.entry("ResourceInUseException", "Stream myKinesis under account 000000000000 already exists."),
            Map.entry(
                    "LimitExceededException",
                    "This request would exceed the shard limit for the account " + "000000000000 in us-east-1."),
            Map.entry(
                    "ProvisionedThroughputExceededException",
                    "Rate exceeded for shard shardId-000000000000 in "
                            + "stream myKinesis under account 000000000000."),
            Map.entry(RestErrorTable.UNKNOWN_OPERATION, "GET /streamz is not an operation of the REST API."),
            Map.entry(
                    RestErrorTable.REQUEST_TOO_LARGE,
                    "The request body has 20971520 bytes, more than the limit of "
                            + "16777216 bytes (runnel.http.max-request-size)."));

    private static Schema<Object> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                string("`urn:runnel:error:` and the errorType", "urn:runnel:error:ResourceNotFoundException")
                        .format("uri"));
        properties.put("title", string("The HTTP status in words", "Not Found"));
        properties.put(
                "status",
                new Schema<Integer>()
                        .types(Set.of("integer"))
                        .format("int32")
                        .description("The HTTP status")
                        .example(404));
        properties.put(
                "detail",
                string(
                        "What went wrong, in AWS's wording where Kinesis has one",
                        "Stream myKinesis under account 000000000000 not found."));
        properties.put(
                "instance",
                string("The path of the request", "/streams/myKinesis").format("uri"));
        Schema<String> errorType = string(
                "The Kinesis error name (ResourceNotFoundException, ...), or "
                        + "UnknownOperationException (no such path or method), RequestTooLarge (a body, URI or "
                        + "headers over the limit), RequestTimeout (a body that stalled) or InternalFailure",
                "ResourceNotFoundException");
        errorType.setEnum(RestErrorTable.errorTypes());
        properties.put("errorType", errorType);
        Schema<Object> problem = new Schema<>();
        problem.types(Set.of("object"))
                .description("An RFC 9457 problem: every error answer of the REST API")
                .properties(properties)
                .required(List.of("type", "title", "status", "detail", "errorType"));
        return problem;
    }

    private static Schema<String> string(String description, String example) {
        return new Schema<String>()
                .types(Set.of("string"))
                .description(description)
                .example(example);
    }
}
