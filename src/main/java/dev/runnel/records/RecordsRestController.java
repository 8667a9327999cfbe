package dev.runnel.records;

import dev.runnel.core.stream.StreamName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

@RestController
@RequestMapping(
        path = "/streams/{name}/records",
        produces = {"application/json", "application/problem+json"})
@Tag(name = "Records", description = "Write records and read them back through shard iterators")
class RecordsRestController {

    private final RecordService records;

    RecordsRestController(RecordService records) {
        this.records = records;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "putRecord",
            summary = "Put one record",
            description = "The record goes to the open shard whose hash-key range holds the MD5 of its partition key "
                    + "(or its explicitHashKey). Data plus partition key may be at most the stream's "
                    + "maxRecordSizeInKiB.")
    @ApiResponse(responseCode = "200", description = "Stored")
    @ApiResponse(
            responseCode = "400",
            description = "ValidationException (a missing or malformed member), "
                    + "InvalidArgumentException (a record too large, a hash key out of range, a batch sent here) or "
                    + "SerializationException (bad Base64, malformed JSON)")
    @ApiResponse(
            responseCode = "404",
            description = "ResourceNotFoundException: no such stream, or it is still CREATING")
    @ApiResponse(
            responseCode = "429",
            description =
                    "ProvisionedThroughputExceededException (the shard's write "
                            + "limit; retry after Retry-After seconds) or LimitExceededException (Runnel's memory budget is full)")
    PutRecordsResponses.Single putRecord(
            @PathVariable @Parameter(example = "myKinesis") String name, @RequestBody PutRecordRequest request) {
        return PutRecordsResponses.Single.of(records.put(
                new PutRecordCommand(new StreamName(name), request.input(), request.sequenceNumberForOrdering())));
    }

    @PostMapping(path = "/batch", consumes = "application/json")
    @Operation(
            operationId = "putRecords",
            summary = "Put a batch of up to 500 records",
            description = "Each record is routed and stored on its own; the answer has one result per record in "
                    + "request order. A record refused by its shard's limit fails alone (errorCode), so retry just "
                    + "the failed ones. At most 10 MiB of data and partition keys per batch.")
    @ApiResponse(
            responseCode = "200",
            description = "Every record stored or failed on its own; see " + "failedRecordCount")
    @ApiResponse(
            responseCode = "400",
            description = "ValidationException (no records, more than 500, a malformed "
                    + "member), InvalidArgumentException (a record or the batch too large, a hash key out of range) or "
                    + "SerializationException (bad Base64, malformed JSON)")
    @ApiResponse(
            responseCode = "404",
            description = "ResourceNotFoundException: no such stream, or it is still CREATING")
    PutRecordsResponses.Batch putRecords(
            @PathVariable @Parameter(example = "myKinesis") String name, @RequestBody PutRecordsRequest request) {
        return PutRecordsResponses.Batch.of(
                records.putAll(new PutRecordsCommand(new StreamName(name), request.inputs())));
    }

    @GetMapping
    @Operation(
            operationId = "getRecords",
            summary = "Read records through a shard iterator",
            description = "Returns up to `limit` records (at most 10 MiB) from the iterator's position, oldest first, "
                    + "and the iterator to continue with. Iterators are valid for five minutes and may be reused; an "
                    + "empty page with a new iterator means no newer records yet.")
    @ApiResponse(responseCode = "200", description = "A page of records, possibly empty")
    @ApiResponse(
            responseCode = "400",
            description = "InvalidArgumentException (a malformed iterator, or one of "
                    + "another stream), ExpiredIteratorException (older than five minutes) or ValidationException (limit "
                    + "out of range)")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: the stream or shard is gone")
    @ApiResponse(
            responseCode = "429",
            description = "ProvisionedThroughputExceededException: the shard's read "
                    + "limit (5 calls and 2 MiB a second); retry after Retry-After seconds")
    RecordsPage getRecords(
            @PathVariable @Parameter(example = "myKinesis") String name,
            @Parameter(description = "From getShardIterator or a previous nextShardIterator", required = true)
                    @RequestParam
                    String shardIterator,
            @Parameter(
                            description = "Most records to return, 1–10000 (default 10000)",
                            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "10000"))
                    @RequestParam(required = false)
                    Integer limit) {
        GetRecordsResult page = records.getRecords(shardIterator, limit, new StreamName(name));
        // The page holds its share of the read budget until Spring has written the answer.
        RequestContextHolder.currentRequestAttributes()
                .registerDestructionCallback(
                        "runnel.readLease@" + System.identityHashCode(page),
                        page::close,
                        RequestAttributes.SCOPE_REQUEST);
        return RecordsPage.of(page);
    }
}
