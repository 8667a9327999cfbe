package dev.runnel.streams;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(
        path = "/streams",
        produces = {"application/json", "application/problem+json"})
@Tag(name = "Streams", description = "Create, describe, list and delete streams; change their retention")
class StreamsRestController {

    private final StreamService streams;
    private final StreamSettingsService settings;

    StreamsRestController(StreamService streams, StreamSettingsService settings) {
        this.streams = streams;
        this.settings = settings;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "createStream",
            summary = "Create a stream",
            description = "The stream is CREATING for runnel.streams.create-delay (half a second by default), then "
                    + "ACTIVE; its shards split the 128-bit hash-key space evenly.")
    @ApiResponse(
            responseCode = "201",
            description = "Created; Location names the stream",
            headers =
                    @Header(
                            name = "Location",
                            description = "The new stream's path",
                            schema = @Schema(type = "string", example = "/streams/myKinesis")))
    @ApiResponse(
            responseCode = "400",
            description =
                    "ValidationException (a malformed name, a missing or out-of-range "
                            + "value) or InvalidArgumentException (retention out of range, a shard count for an ON_DEMAND stream)")
    @ApiResponse(responseCode = "409", description = "ResourceInUseException: the name is taken")
    @ApiResponse(responseCode = "429", description = "LimitExceededException: the region's shard limit")
    ResponseEntity<StreamDescription> createStream(@RequestBody CreateStreamRequest request) {
        Stream stream = streams.create(request.toCommand());
        return ResponseEntity.created(URI.create("/streams/" + stream.name().value()))
                .body(StreamDescription.of(stream, streams));
    }

    @GetMapping
    @Operation(operationId = "listStreams", summary = "List streams in name order, a page at a time")
    @ApiResponse(responseCode = "200", description = "A page of streams")
    @ApiResponse(responseCode = "400", description = "ValidationException: limit out of range or a malformed name")
    StreamList listStreams(
            @Parameter(
                            description = "Page size, 1–100",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "100",
                                            defaultValue = "100"))
                    @RequestParam(defaultValue = "100")
                    int limit,
            @Parameter(
                            description = "List the names after this one (nextExclusiveStartStreamName of the previous "
                                    + "page)")
                    @RequestParam(required = false)
                    String exclusiveStartStreamName) {
        Constraints.check().range("limit", limit, 1, 100).throwIfInvalid();
        StreamName after = exclusiveStartStreamName == null ? null : new StreamName(exclusiveStartStreamName);
        return StreamList.of(streams.list(after, limit), streams);
    }

    @GetMapping("/{name}")
    @Operation(operationId = "describeStream", summary = "Describe a stream and its shards")
    @ApiResponse(responseCode = "200", description = "The stream")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream")
    StreamDescription describeStream(@PathVariable @Parameter(example = "myKinesis") String name) {
        return StreamDescription.of(streams.describe(new StreamName(name)), streams);
    }

    @DeleteMapping("/{name}")
    @Operation(
            operationId = "deleteStream",
            summary = "Delete a stream",
            description = "The stream is DELETING for runnel.streams.delete-delay, then gone with its records; its "
                    + "name can be used again at once.")
    @ApiResponse(responseCode = "202", description = "Deletion started")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream")
    ResponseEntity<StreamDescription> deleteStream(@PathVariable @Parameter(example = "myKinesis") String name) {
        return ResponseEntity.accepted().body(StreamDescription.of(streams.delete(new StreamName(name)), streams));
    }

    @PutMapping(path = "/{name}/retention", consumes = "application/json")
    @Operation(
            operationId = "updateRetentionPeriod",
            summary = "Change the retention period",
            description = "24–8760 hours. Shortening it makes older records unreadable at once; lengthening it does "
                    + "not bring back expired ones.")
    @ApiResponse(responseCode = "200", description = "The stream with its new retention period")
    @ApiResponse(
            responseCode = "400",
            description = "ValidationException (missing) or InvalidArgumentException (out " + "of range)")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream")
    @ApiResponse(responseCode = "409", description = "ResourceInUseException: the stream is not ACTIVE")
    StreamDescription updateRetentionPeriod(
            @PathVariable @Parameter(example = "myKinesis") String name, @RequestBody RetentionRequest request) {
        Constraints check = Constraints.check();
        check.required("retentionPeriodHours", request.retentionPeriodHours());
        check.throwIfInvalid();
        return StreamDescription.of(
                settings.setRetention(new StreamName(name), request.retentionPeriodHours()), streams);
    }
}
