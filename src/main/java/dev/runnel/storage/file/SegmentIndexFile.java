package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index file beside a finished segment ({@code 00000000000000000042.idx}): its sparse index and totals, so a
 * start opens the log's older segments without reading their frames — start-up time grows with the number of
 * segments, not records (as Kafka's offset and time indexes do). Written once, when the segment stops taking records,
 * after the segment itself was forced; written by {@link DurableFiles}. An index file that is missing, torn, fails its
 * CRC or describes a file of another size is ignored, and the segment's frame headers are walked instead.
 *
 * <p>Layout, big-endian: magic {@code RNIX}, version 1, base position, segment size, record count, end position,
 * last arrival, entry count, then per entry (position, file offset, arrival), then a CRC32C of everything before it.
 */
final class SegmentIndexFile {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentIndexFile.class);
    private static final int MAGIC = 0x524E4958; // "RNIX"
    private static final int VERSION = 1;
    private static final int FIXED_BYTES = 4 + 4 + 8 * 5 + 4;
    private static final int ENTRY_BYTES = 24;

    private SegmentIndexFile() {}

    /**
     * A finished segment's published sparse index and totals, as its index file keeps them.
     *
     * @param entries how many index entries the arrays hold
     */
    record Summary(
            long[] positions,
            long[] offsets,
            long[] arrivals,
            int entries,
            long count,
            long endPosition,
            long lastArrival,
            long size) {}

    /** The index file of the segment file at {@code segmentPath}. */
    static Path pathOf(Path segmentPath) {
        String name = segmentPath.getFileName().toString();
        return segmentPath.resolveSibling(name.substring(0, name.length() - ".log".length()) + ".idx");
    }

    /**
     * Forces each finished segment and writes its index file. A failure only costs a slower next start (the
     * segment's frames are walked then), so it is logged, not thrown.
     */
    static void writeFinished(List<SegmentFile> finished) {
        for (SegmentFile segment : finished) {
            try {
                segment.force();
                write(segment);
            } catch (IOException e) {
                LOG.warn(
                        "Writing the index of segment {} failed; the next start reads its frames instead",
                        segment.path,
                        e);
            }
        }
    }

    /** Writes the segment's published index and totals, by write-then-rename. */
    static void write(SegmentFile segment) throws IOException {
        Summary summary = segment.summary();
        ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + summary.entries() * ENTRY_BYTES + 4);
        out.putInt(MAGIC).putInt(VERSION);
        out.putLong(segment.basePosition)
                .putLong(summary.size())
                .putLong(summary.count())
                .putLong(summary.endPosition())
                .putLong(summary.lastArrival());
        out.putInt(summary.entries());
        for (int i = 0; i < summary.entries(); i++) {
            out.putLong(summary.positions()[i]).putLong(summary.offsets()[i]).putLong(summary.arrivals()[i]);
        }
        out.putInt(crc(out, out.position()));
        DurableFiles.replace(pathOf(segment.path), out.array());
    }

    /**
     * Opens a finished segment from its index file.
     *
     * @return the segment, published, or null when the index file is missing or does not describe this segment
     *     file as it is (the caller walks the frames instead)
     */
    static SegmentFile open(Path segmentPath, long basePosition) throws IOException {
        Summary summary = read(pathOf(segmentPath), basePosition, Files.size(segmentPath));
        if (summary == null) {
            return null;
        }
        SegmentFile segment = SegmentFile.open(segmentPath, basePosition);
        segment.restore(summary);
        return segment;
    }

    private static Summary read(Path path, long basePosition, long segmentSize) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException missing) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < FIXED_BYTES + 4
                || in.getInt() != MAGIC
                || in.getInt() != VERSION
                || crc(in, bytes.length - 4) != in.getInt(bytes.length - 4)) {
            return invalid(path, "is torn or not an index file");
        }
        long base = in.getLong();
        long size = in.getLong();
        long count = in.getLong();
        long end = in.getLong();
        long lastArrival = in.getLong();
        int entries = in.getInt();
        if (base != basePosition
                || size != segmentSize
                || entries < 0
                || entries > (bytes.length - FIXED_BYTES) / ENTRY_BYTES) {
            return invalid(path, "does not describe its segment file as it is");
        }
        long[] positions = new long[entries];
        long[] offsets = new long[entries];
        long[] arrivals = new long[entries];
        for (int i = 0; i < entries; i++) {
            positions[i] = in.getLong();
            offsets[i] = in.getLong();
            arrivals[i] = in.getLong();
        }
        return new Summary(positions, offsets, arrivals, entries, count, end, lastArrival, size);
    }

    private static Summary invalid(Path path, String problem) {
        LOG.warn("Segment index {} {}; reading its segment's frames instead", path, problem);
        return null;
    }

    private static int crc(ByteBuffer buffer, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(0).limit(to));
        return (int) crc.getValue();
    }
}
