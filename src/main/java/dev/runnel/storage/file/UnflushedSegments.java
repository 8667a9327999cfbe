package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The segments of one log written since they were last forced, for the policies that do not force on append.
 * The writer adds to it under the log's lock; the flusher takes it without that lock, so forcing never holds up
 * appends: a force covers every byte written before it began. Thread-safe.
 */
final class UnflushedSegments {

    private final Set<SegmentFile> segments = new LinkedHashSet<>();

    synchronized void addAll(Collection<SegmentFile> written) {
        segments.addAll(written);
    }

    /** Forgets segments that no longer need a force (trimmed, dropped). */
    synchronized void removeAll(Collection<SegmentFile> gone) {
        segments.removeAll(gone);
    }

    synchronized void clear() {
        segments.clear();
    }

    private synchronized List<SegmentFile> take() {
        List<SegmentFile> taken = List.copyOf(segments);
        segments.clear();
        return taken;
    }

    /**
     * Forces every segment taken, skipping those closed meanwhile, then the directory (for segment files created
     * since) when {@code forceDirectory}; on failure the segments stay to be forced next time.
     */
    void force(Path dir, boolean forceDirectory) throws IOException {
        List<SegmentFile> toForce = take();
        if (toForce.isEmpty()) {
            return;
        }
        try {
            for (SegmentFile segment : toForce) {
                segment.forceIfOpen();
            }
            if (forceDirectory) {
                DurableFiles.forceDirectory(dir);
            }
        } catch (IOException e) {
            addAll(toForce);
            throw e;
        }
    }
}
