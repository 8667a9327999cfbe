package dev.runnel.records;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamName;
import java.util.List;
import java.util.Objects;

/** PutRecords: 1 to 500 records for one stream; the constructor rejects values the service model forbids. */
public record PutRecordsCommand(StreamName stream, List<RecordInput> records) {

    public static final int MAX_RECORDS = 500;
    /** The most data plus partition-key bytes one request may carry. */
    public static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;

    public PutRecordsCommand {
        Objects.requireNonNull(stream, "stream");
        Constraints check = Constraints.check();
        check(check, records);
        check.throwIfInvalid();
        records = List.copyOf(records);
    }

    /**
     * The one place of PutRecords' request-level rules (1 to 500 records, none null, each passing {@link
     * RecordInput#check}): adds the violations of {@code records}, with AWS's member paths ({@code
     * records.3.partitionKey}). The AWS edge calls it to report them together with its other members'.
     */
    public static void check(Constraints check, List<RecordInput> records) {
        if (check.required("records", records)) {
            check.size("records", records.isEmpty() ? "[]" : "[...]", records.size(), 1, MAX_RECORDS);
            for (int i = 0; i < records.size(); i++) {
                RecordInput record = records.get(i);
                String prefix = "records." + (i + 1) + ".";
                if (check.required(prefix + "member", record)) {
                    record.check(check, prefix);
                }
            }
        }
    }
}
