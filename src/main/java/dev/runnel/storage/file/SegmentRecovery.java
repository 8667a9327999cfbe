package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a segment file at start-up: walks its frame headers (reading no data, except for the last segment, whose
 * frames are all checked against their CRCs because a crash can only have torn that one), rebuilds the sparse
 * index, and cuts the file after the last good record when the rest is not a valid frame, with one WARN line.
 */
final class SegmentRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);

    private SegmentRecovery() {}

    /**
     * @param lastSegment whether this is the log's newest segment: its frames' CRCs are checked
     * @param minArrival the previous segment's last arrival; arrivals must not go below it
     */
    static SegmentFile open(Path path, long basePosition, boolean lastSegment, long minArrival) throws IOException {
        SegmentFile segment = SegmentFile.open(path, basePosition);
        long fileSize = Files.size(path);
        SegmentCursor cursor = new SegmentCursor(segment, 0, fileSize, !lastSegment);
        long expected = basePosition;
        long arrival = minArrival;
        String problem = null;
        RecordFrame.Header header;
        while (true) {
            header = cursor.header();
            if (header == null) {
                if (cursor.offset() < fileSize) {
                    problem = "an incomplete frame header";
                }
                break;
            }
            problem = problem(header, fileSize, expected, arrival);
            if (problem == null && lastSegment) {
                int at = cursor.load(header);
                int crc = RecordFrame.crc(cursor.buffer(), at + RecordFrame.CRC_FROM, at + (int) header.frameBytes());
                problem = crc == header.crc() ? null : "a CRC mismatch";
            }
            if (problem != null) {
                break;
            }
            segment.stage(header.position(), header.arrivalMillis(), (int) header.frameBytes());
            expected = header.position() + 1;
            arrival = header.arrivalMillis();
            cursor.skip(header);
        }
        long good = cursor.offset();
        if (good < fileSize) {
            LOG.warn(
                    "Shard log segment {}: {} at byte {}; truncated {} bytes after the last good record, the log"
                            + " continues at position {}",
                    path,
                    problem,
                    good,
                    fileSize - good,
                    expected);
            segment.truncate(good);
        }
        segment.recovered();
        return segment;
    }

    private static String problem(RecordFrame.Header header, long fileSize, long expected, long minArrival) {
        if (!header.sane()) {
            return "an invalid frame header";
        }
        if (header.nextOffset() > fileSize) {
            return "an incomplete frame";
        }
        if (header.position() != expected) {
            return "position " + header.position() + " where " + expected + " was expected";
        }
        if (header.arrivalMillis() < minArrival) {
            return "an arrival time going backwards";
        }
        return null;
    }
}
