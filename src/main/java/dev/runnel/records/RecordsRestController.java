package dev.runnel.records;

import dev.runnel.core.stream.StreamName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/streams/{name}/records", produces = {"application/json", "application/problem+json"})
@Tag(name = "Records", description = "Write records and read them back through shard iterators")
class RecordsRestController {

    private final RecordService records;

    RecordsRestController(RecordService records) {
        this.records = records;
    }

    @PostMapping
    @Operation(summary = "Put one record, or a batch of up to 500",
            description = "One record answers {shardId, sequenceNumber}. A batch under `records` answers "
                    + "{failedRecordCount, records}, one result per entry in request order; a failed entry carries "
                    + "errorCode and errorMessage and does not fail the others.")
    @ApiResponse(responseCode = "200", description = "Stored", content = @Content(schema = @Schema(oneOf = {
            PutRecordsResponses.Single.class, PutRecordsResponses.Batch.class})))
    @ApiResponse(responseCode = "400", description = "ValidationException, InvalidArgumentException or "
            + "SerializationException (bad Base64, malformed JSON)")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream, or still CREATING")
    @ApiResponse(responseCode = "413", description = "The body is larger than runnel.http.max-request-size")
    @ApiResponse(responseCode = "429", description = "LimitExceededException: the storage budget is full")
    Object put(@PathVariable String name, @RequestBody PutRecordsRequest request) {
        StreamName stream = new StreamName(name);
        if (request.isBatch()) {
            return PutRecordsResponses.Batch.of(records.putAll(new PutRecordsCommand(stream, request.batch())));
        }
        return PutRecordsResponses.Single.of(records.put(
                new PutRecordCommand(stream, request.single(), request.sequenceNumberForOrdering())));
    }

    @GetMapping
    @Operation(summary = "Read records through a shard iterator",
            description = "Returns up to `limit` records (at most 10 MiB) and the iterator to use next. "
                    + "Iterators are valid for five minutes and may be reused.")
    @ApiResponse(responseCode = "400", description = "InvalidArgumentException (bad iterator) or "
            + "ExpiredIteratorException")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: the stream or shard is gone")
    RecordsPage get(@PathVariable String name,
                    @Parameter(description = "From POST /shard-iterators or a previous nextShardIterator")
                    @RequestParam String shardIterator,
                    @Parameter(description = "1–10000, default 10000") @RequestParam(required = false) Integer limit) {
        return RecordsPage.of(records.getRecords(shardIterator, limit, new StreamName(name)));
    }
}
