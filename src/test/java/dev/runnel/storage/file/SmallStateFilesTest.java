package dev.runnel.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.account.ThroughputCommitment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's small files: account settings and the iterator secret. */
class SmallStateFilesTest {

    @TempDir
    Path dir;

    @Test
    void accountSettingsComeBackAsSavedAndAnUnreadableFileMeansNone() throws IOException {
        Path file = dir.resolve("regions/us-east-1/account-settings.properties");
        FileAccountSettings settings = new FileAccountSettings(file);
        assertThat(settings.commitment()).isEqualTo(ThroughputCommitment.NONE);

        Instant now = Instant.parse("2026-12-06T10:15:30.123Z");
        ThroughputCommitment enabled = ThroughputCommitment.NONE.enabledAt(now);
        settings.saveCommitment(enabled);
        assertThat(new FileAccountSettings(file).commitment()).isEqualTo(enabled);
        ThroughputCommitment ending = enabled.disabledAt(now.plusSeconds(60));
        settings.saveCommitment(ending);
        assertThat(new FileAccountSettings(file).commitment()).isEqualTo(ending).isNotEqualTo(enabled);

        Files.writeString(file, "commitment.startedAt=not an instant\n");
        assertThat(new FileAccountSettings(file).commitment()).isEqualTo(ThroughputCommitment.NONE);
    }

    @Test
    void theIteratorSecretIsMadeOnceReadableByItsOwnerOnlyAndKept() throws IOException {
        Path file = dir.resolve("iterator-secret");
        String first = SecretFile.loadOrCreate(file);
        assertThat(first).hasSize(64).matches("[0-9a-f]+");
        assertThat(SecretFile.loadOrCreate(file)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(SecretFile.loadOrCreate(dir.resolve("other/iterator-secret")))
                .isNotEqualTo(first);
    }

    @Test
    void aDataDirectoryIsHeldByOneStoreAtATime() {
        try (DataDirectory held = DataDirectory.open(dir)) {
            assertThat(held.root()).isEqualTo(dir.toAbsolutePath().normalize());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataDirectory.open(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another Runnel is using the data directory");
        }
        DataDirectory.open(dir).close();
    }
}
