package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening one shard log's directory at start: its segments (recovered by {@link LogDirectory#openSegments}), its
 * seal and its {@link PositionReservation}. When a crash took back positions the log had handed out (the recovered
 * end is below the reservation), an open log goes on at the reserved end, so no position is handed out twice.
 */
final class LogOpening {

    private static final Logger LOG = LoggerFactory.getLogger(LogOpening.class);

    private LogOpening() {}

    /**
     * What a log directory holds.
     *
     * @param segments oldest first, never empty
     * @param lastArrival the newest record's arrival, epoch milliseconds; {@link Long#MIN_VALUE} when none is left
     */
    record Opened(List<SegmentFile> segments, boolean sealed, PositionReservation reservation, long lastArrival) {}

    static Opened open(Path dir) throws IOException {
        List<SegmentFile> segments = LogDirectory.openSegments(dir);
        long lastArrival =
                segments.stream().mapToLong(SegmentFile::lastArrival).max().orElse(Long.MIN_VALUE);
        boolean sealed = LogDirectory.isSealed(dir);
        PositionReservation reservation =
                PositionReservation.open(dir, segments.get(segments.size() - 1).endPosition());
        if (!sealed) { // a sealed log keeps its end, its shard's last sequence number, unless it is unsealed
            segments = skipTo(
                    dir,
                    segments,
                    reservation.resumeAt(segments.get(segments.size() - 1).endPosition()));
        }
        return new Opened(segments, sealed, reservation, lastArrival);
    }

    /**
     * The segments, going on at {@code position} when that is past their end: a new newest segment starts there
     * (replacing an empty newest one), so the positions between are never handed out again. Logged at WARN.
     */
    static List<SegmentFile> skipTo(Path dir, List<SegmentFile> segments, long position) throws IOException {
        SegmentFile newest = segments.get(segments.size() - 1);
        long end = newest.endPosition();
        if (position <= end) {
            return segments;
        }
        List<SegmentFile> skipped = new ArrayList<>(segments);
        if (newest.count() == 0) {
            newest.delete();
            skipped.remove(skipped.size() - 1);
        }
        skipped.add(SegmentFile.create(dir, position));
        DurableFiles.forceDirectory(dir);
        LOG.warn(
                "Shard log {}: recovered up to position {}, but positions up to {} were reserved before an unclean stop;"
                        + " the log goes on at {} so that no sequence number handed out before the stop is used twice",
                dir,
                end - 1,
                position - 1,
                position);
        return skipped;
    }
}
