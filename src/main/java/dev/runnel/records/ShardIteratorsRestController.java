package dev.runnel.records;

import dev.runnel.core.stream.StreamName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(
        path = "/shard-iterators",
        produces = {"application/json", "application/problem+json"})
@Tag(name = "Shard iterators", description = "Positions in a shard to read records from")
class ShardIteratorsRestController {

    private final ShardIteratorService iterators;

    ShardIteratorsRestController(ShardIteratorService iterators) {
        this.iterators = iterators;
    }

    @Schema(name = "GetShardIteratorResult", description = "An opaque iterator for getRecords, valid for five minutes")
    record ShardIteratorResponse(
            @Schema(
                    example = "ARoku-be4UjxAAAAAAAAAAAAAAAAAAABoku-cvwCczHMX9vhgMaVgXiwJ1bSdc_t",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String shardIterator) {}

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "getShardIterator",
            summary = "Get a shard iterator",
            description = "TRIM_HORIZON: the oldest retained record. LATEST: just after the newest record now "
                    + "(records put later are returned). AT_SEQUENCE_NUMBER / AFTER_SEQUENCE_NUMBER: at or just "
                    + "after startingSequenceNumber. AT_TIMESTAMP: the first record that arrived at or after "
                    + "`timestamp` (exact, millisecond precision).")
    @ApiResponse(responseCode = "200", description = "The iterator")
    @ApiResponse(
            responseCode = "400",
            description = "ValidationException (a missing member, an unknown type) or "
                    + "InvalidArgumentException (parameters that do not fit the type, a sequence number of another shard or "
                    + "stream, a future timestamp)")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream or shard")
    ShardIteratorResponse getShardIterator(@RequestBody ShardIteratorRequest request) {
        var start = request.startingPosition();
        return new ShardIteratorResponse(
                iterators.getShardIterator(new StreamName(request.streamName()), request.shardId(), start));
    }
}
