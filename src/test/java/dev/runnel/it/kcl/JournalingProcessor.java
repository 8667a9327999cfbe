package dev.runnel.it.kcl;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.kinesis.exceptions.KinesisClientLibException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Writes what KCL hands it to the worker's journal, one line per event, each starting with a word and the wall
 * time in epoch microseconds (comparable across the workers' JVMs on one machine), read back by
 * {@link Journal}:
 *
 * <pre>
 * INIT  micros shardId startingCheckpoint     (a sequence number, TRIM_HORIZON, SHARD_END …)
 * REC   micros shardId sequenceNumber partitionKey payload
 * CKPT  micros shardId sequenceNumber        (after a batch, once the checkpoint is stored)
 * END   micros shardId                       (shard end, once SHARD_END is stored)
 * SHUT  micros shardId                       (shutdown requested, once the checkpoint is stored)
 * LOST  micros shardId
 * FAIL  micros shardId what                  (a checkpoint that was not stored)
 * </pre>
 *
 * Records are journaled before their batch is checkpointed, so a record may appear twice (at-least-once), never
 * zero times. It checkpoints after every batch, at shard end and when shutdown is requested.
 */
final class JournalingProcessor implements ShardRecordProcessor {

    private final PrintStream journal;
    private String shardId = "?";

    JournalingProcessor(PrintStream journal) {
        this.journal = journal;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        write(
                journal,
                "INIT " + micros() + " " + shardId + " "
                        + input.extendedSequenceNumber().sequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        List<KinesisClientRecord> records = input.records();
        if (records.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (KinesisClientRecord record : records) {
            byte[] data = new byte[record.data().remaining()];
            record.data().get(data);
            lines.append("REC ")
                    .append(micros())
                    .append(' ')
                    .append(shardId)
                    .append(' ')
                    .append(record.sequenceNumber())
                    .append(' ')
                    .append(record.partitionKey())
                    .append(' ')
                    .append(new String(data, StandardCharsets.UTF_8))
                    .append('\n');
        }
        write(journal, lines.substring(0, lines.length() - 1));
        String last = records.get(records.size() - 1).sequenceNumber();
        if (checkpoint(input.checkpointer(), "batch")) {
            write(journal, "CKPT " + micros() + " " + shardId + " " + last);
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        write(journal, "LOST " + micros() + " " + shardId);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        if (checkpoint(input.checkpointer(), "shard-end")) {
            write(journal, "END " + micros() + " " + shardId);
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        if (checkpoint(input.checkpointer(), "shutdown-requested")) {
            write(journal, "SHUT " + micros() + " " + shardId);
        }
    }

    private boolean checkpoint(RecordProcessorCheckpointer checkpointer, String when) {
        try {
            checkpointer.checkpoint();
            return true;
        } catch (KinesisClientLibException | RuntimeException e) {
            write(journal, "FAIL " + micros() + " " + shardId + " " + when + " " + e);
            return false;
        }
    }

    static void write(PrintStream journal, String lines) {
        synchronized (journal) {
            journal.println(lines);
            journal.flush();
        }
    }

    private static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
