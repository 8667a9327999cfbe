package dev.runnel.console;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.streams.ShardBacklog;
import dev.runnel.streams.ShardBacklog.Backlog;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * How far a lease's shard is behind its newest record, from the lease's checkpoint: records after the checkpoint
 * up to the shard's end, and how long ago the oldest of them arrived. A shard checkpointed at {@code SHARD_END} is
 * finished; at {@code TRIM_HORIZON} every retained record is left; at {@code LATEST} nothing is. {@code
 * AT_TIMESTAMP} (the timestamp is in the application's settings, not in the lease) and checkpoints that are not
 * sequence numbers of this shard leave the lag unknown.
 *
 * @param state {@code behind}, {@code caught-up}, {@code finished} or {@code unknown}
 * @param records records left; null unless behind or caught up
 * @param millis milliseconds the oldest record left has waited; null unless behind or caught up
 * @param note why the lag is unknown; null otherwise
 */
public record LeaseLag(String state, Long records, Long millis, String note) {

    static final LeaseLag FINISHED = new LeaseLag("finished", null, null, null);

    static LeaseLag unknown(String note) {
        return new LeaseLag("unknown", null, null, note);
    }

    static LeaseLag of(Backlog backlog) {
        return new LeaseLag(
                backlog.caughtUp() ? "caught-up" : "behind", backlog.records(), backlog.millisBehind(), null);
    }

    static LeaseLag of(KclLease lease, Stream stream, ShardBacklog backlogs, Instant now) {
        String checkpoint = lease.checkpoint();
        if (checkpoint == null) {
            return unknown("The lease has no checkpoint.");
        }
        if (checkpoint.equals(KclLease.SHARD_END)) {
            return FINISHED;
        }
        if (checkpoint.equals("LATEST")) {
            return of(Backlog.NONE);
        }
        if (checkpoint.equals("AT_TIMESTAMP")) {
            return unknown("The application starts at a timestamp in its own settings.");
        }
        Optional<ShardId> shard = lease.shardIn(stream).map(Shard::id);
        if (shard.isEmpty()) {
            return unknown("The stream has no shard " + lease.shardId() + " (any more).");
        }
        Optional<Backlog> backlog = checkpoint.equals("TRIM_HORIZON")
                ? backlogs.all(stream, shard.get(), now)
                : backlogs.afterSequenceNumber(stream, shard.get(), checkpoint, now);
        return backlog.map(LeaseLag::of)
                .orElseGet(() -> unknown("The checkpoint is not a sequence number of this shard of the stream."));
    }

    /** e.g. "12 records · 3,400 ms", "caught up", "finished", "unknown". */
    public String text() {
        return switch (state) {
            case "behind" -> recordsText() + " · " + millisText();
            case "caught-up" -> "caught up";
            default -> state;
        };
    }

    /** e.g. "1 record", "1,250 records". */
    public String recordsText() {
        return records == null
                ? ""
                : String.format(Locale.ROOT, "%,d %s", records, records == 1 ? "record" : "records");
    }

    /** e.g. "3,400 ms". */
    public String millisText() {
        return millis == null ? "" : String.format(Locale.ROOT, "%,d ms", millis);
    }
}
