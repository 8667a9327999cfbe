package dev.runnel.bench.ceiling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The framework's ceiling on this machine: one controller that reads the request body (as Runnel must)
 * and answers every {@code POST /} with the same small PutRecord-like JSON (a PutRecords-like one when
 * the target is PutRecords, so the benchmark's check for failed records passes), doing no other work.
 */
@SpringBootApplication
@RestController
public class CeilingApplication {

    private static final MediaType AMZ_JSON = MediaType.parseMediaType("application/x-amz-json-1.1");
    private static final byte[] ANSWER = ("{\"ShardId\":\"shardId-000000000000\",\"SequenceNumber\":"
            + "\"49590338271490256608559692538361571095921575989136588898\"}").getBytes();
    private static final byte[] BATCH_ANSWER = "{\"FailedRecordCount\":0,\"Records\":[]}".getBytes();

    public static void main(String[] args) {
        SpringApplication.run(CeilingApplication.class, args);
    }

    @PostMapping("/")
    public ResponseEntity<byte[]> answer(@RequestHeader(name = "X-Amz-Target", required = false) String target,
            @RequestBody(required = false) byte[] body) {
        boolean batch = target != null && target.endsWith(".PutRecords");
        return ResponseEntity.ok().contentType(AMZ_JSON).body(batch ? BATCH_ANSWER : ANSWER);
    }
}
