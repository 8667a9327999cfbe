package dev.runnel.streams;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ProblemDetail;
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
@RequestMapping(path = "/streams", produces = {"application/json", "application/problem+json"})
@Tag(name = "Streams", description = "Create, inspect, list and delete streams")
class StreamsRestController {

    private final StreamService streams;

    StreamsRestController(StreamService streams) {
        this.streams = streams;
    }

    @PostMapping
    @Operation(summary = "Create a stream", description = "The stream is CREATING for runnel.streams.create-delay, "
            + "then ACTIVE.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the stream")
    @ApiResponse(responseCode = "400", description = "Invalid name, shard count, retention or tags",
            content = @io.swagger.v3.oas.annotations.media.Content(
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "ResourceInUseException: the name is taken")
    @ApiResponse(responseCode = "429", description = "LimitExceededException: the account shard limit")
    ResponseEntity<StreamDescription> create(@RequestBody CreateStreamRequest request) {
        Stream stream = streams.create(request.toCommand());
        return ResponseEntity.created(URI.create("/streams/" + stream.name().value()))
                .body(StreamDescription.of(stream, streams));
    }

    @GetMapping
    @Operation(summary = "List streams in name order, a page at a time")
    StreamList list(
            @Parameter(description = "Page size, 1–100") @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "List names after this one") @RequestParam(required = false)
            String exclusiveStartStreamName) {
        Constraints.check().range("limit", limit, 1, 100).throwIfInvalid();
        StreamName after = exclusiveStartStreamName == null ? null : new StreamName(exclusiveStartStreamName);
        return StreamList.of(streams.list(after, limit), streams);
    }

    @GetMapping("/{name}")
    @Operation(summary = "Describe a stream and its shards")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException")
    StreamDescription describe(@PathVariable String name) {
        return StreamDescription.of(streams.describe(new StreamName(name)), streams);
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a stream", description = "The stream is DELETING for runnel.streams.delete-delay, "
            + "then gone with its records.")
    @ApiResponse(responseCode = "202", description = "Deletion started")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException")
    ResponseEntity<StreamDescription> delete(@PathVariable String name) {
        return ResponseEntity.accepted().body(StreamDescription.of(streams.delete(new StreamName(name)), streams));
    }

    @PutMapping("/{name}/retention")
    @Operation(summary = "Change the retention period", description = "24–8760 hours. Shortening it makes older "
            + "records unreadable at once; lengthening it does not bring back expired ones.")
    @ApiResponse(responseCode = "409", description = "ResourceInUseException: the stream is not ACTIVE")
    StreamDescription retention(@PathVariable String name, @RequestBody RetentionRequest request) {
        Constraints check = Constraints.check();
        check.required("retentionPeriodHours", request.retentionPeriodHours());
        check.throwIfInvalid();
        return StreamDescription.of(streams.setRetention(new StreamName(name), request.retentionPeriodHours()), streams);
    }
}
