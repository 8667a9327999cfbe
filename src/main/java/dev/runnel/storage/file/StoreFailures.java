package dev.runnel.storage.file;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.LimitExceededException;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns the file store's I/O failures into the errors clients see: a full disk is a
 * LimitExceededException (the client may retry later), anything else an InternalFailure; both are logged with the
 * file and the cause, which the client's message leaves out.
 */
final class StoreFailures {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFailures.class);

    private StoreFailures() {}

    /** The error for a failed action ("appending to", "reading") on the shard log in {@code dir}. */
    static KinesisException of(String action, Path dir, IOException cause) {
        if (isDiskFull(cause)) {
            LOG.error("{} the shard log in {} failed: the disk is full", action, dir);
            return new LimitExceededException(
                    "Runnel's data directory is out of space; retry after retention frees segments.");
        }
        LOG.error("{} the shard log in {} failed", action, dir, cause);
        return new InternalFailureException("Internal service failure: Runnel could not use its data directory.");
    }

    /** An I/O step on the shard log in {@code dir}. */
    interface IoAction {
        void run() throws IOException;
    }

    /** Runs the step, turning its failure into the error for {@code what} ("sealing", "closing"). */
    static void run(Path dir, IoAction action, String what) {
        try {
            action.run();
        } catch (IOException e) {
            throw of(what, dir, e);
        }
    }

    private static boolean isDiskFull(IOException e) {
        String message = e.getMessage();
        return message != null && (message.contains("No space left") || message.contains("Disk quota exceeded"));
    }
}
