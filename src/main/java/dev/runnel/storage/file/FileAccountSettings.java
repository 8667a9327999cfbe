package dev.runnel.storage.file;

import dev.runnel.core.account.ThroughputCommitment;
import dev.runnel.core.error.InternalFailureException;
import dev.runnel.storage.AccountSettingsStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A region's account settings in one small file ({@code account-settings.properties}), replaced whole by {@link
 * DurableFiles#replace} on every change and read once at start. A file that cannot be read is logged and treated as no
 * settings. Thread-safe.
 */
public final class FileAccountSettings implements AccountSettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileAccountSettings.class);
    private static final String STARTED = "commitment.startedAt";
    private static final String EARLIEST_END = "commitment.earliestAllowedEndAt";
    private static final String ENDED = "commitment.endedAt";

    private final Path file;
    private volatile ThroughputCommitment commitment;

    /** Reads the settings kept in {@code file}, if it exists. */
    public FileAccountSettings(Path file) {
        this.file = file;
        this.commitment = load(file);
    }

    private static ThroughputCommitment load(Path file) {
        Properties values = new Properties();
        try {
            values.load(new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return new ThroughputCommitment(
                    instant(values, STARTED), instant(values, EARLIEST_END), instant(values, ENDED));
        } catch (NoSuchFileException none) {
            return ThroughputCommitment.NONE;
        } catch (IOException | RuntimeException e) {
            LOG.error("Account settings in {} cannot be read ({}); starting without them", file, e.toString());
            return ThroughputCommitment.NONE;
        }
    }

    private static Instant instant(Properties values, String key) {
        String value = values.getProperty(key);
        return value == null || value.isEmpty() ? null : Instant.parse(value);
    }

    @Override
    public ThroughputCommitment commitment() {
        return commitment;
    }

    @Override
    public synchronized void saveCommitment(ThroughputCommitment updated) {
        StringBuilder text = new StringBuilder();
        append(text, STARTED, updated.startedAt());
        append(text, EARLIEST_END, updated.earliestAllowedEndAt());
        append(text, ENDED, updated.endedAt());
        try {
            Files.createDirectories(file.getParent());
            DurableFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("Saving the account settings in {} failed", file, e);
            throw new InternalFailureException("Internal service failure: Runnel could not save the account settings.");
        }
        commitment = updated;
    }

    private static void append(StringBuilder text, String key, Instant value) {
        text.append(key)
                .append('=')
                .append(value == null ? "" : value.toString())
                .append('\n');
    }
}
