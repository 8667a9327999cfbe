package dev.runnel.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.storage.BlobStore;
import dev.runnel.storage.BlobStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path root;

    private final Map<BlobStore, Path> dirs = new IdentityHashMap<>();

    @Override
    protected BlobStore newStore() {
        return open(root.resolve("store-" + dirs.size()));
    }

    @Override
    protected BlobStore reopen(BlobStore store) {
        return open(dirs.get(store));
    }

    private BlobStore open(Path dir) {
        FileBlobStore store = new FileBlobStore(dir);
        dirs.put(store, dir);
        return store;
    }

    private Path dir() {
        return root.resolve("blobs");
    }

    private List<String> files() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachBlobIsOneFileNamedSafelyForCaseFoldingFileSystems() throws IOException {
        FileBlobStore store = new FileBlobStore(dir());
        assertThat(store.loadAll()).isEmpty();
        assertThat(dir()).doesNotExist(); // created by the first put
        String longName = "Long".repeat(60);
        store.put("leases", bytes("a"));
        store.put("Leases", bytes("b"));
        store.put("LeaseS", bytes("c"));
        store.put(longName, bytes("d"));
        assertThat(files())
                .hasSize(4)
                .contains("leases.blob", "Leases~1.blob", "LeaseS~21.blob")
                .anySatisfy(f -> assertThat(f).matches("(long){25}~~[0-9a-f]{64}\\.blob"));
        assertThat(files())
                .allSatisfy(f -> assertThat(f.length() + ".corrupt.99".length()).isLessThanOrEqualTo(255));
        assertThat(new String(
                        Files.readAllBytes(dir().resolve("leases.blob")), java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("runnel-blob 1 leases 1 ");
        assertThat(new FileBlobStore(dir()).loadAll().get(longName)).isEqualTo(bytes("d"));
    }

    @Test
    void aLeftoverTmpFileIsDeletedAtLoadAndOtherFilesAreIgnored() throws IOException {
        FileBlobStore store = new FileBlobStore(dir());
        store.put("leases", bytes("kept"));
        Files.write(dir().resolve("leases.blob.tmp"), bytes("half a new vers"));
        Files.write(dir().resolve("notes.txt"), bytes("not a blob"));
        Map<String, byte[]> loaded = new FileBlobStore(dir()).loadAll();
        assertThat(loaded).containsOnlyKeys("leases");
        assertThat(loaded.get("leases")).isEqualTo(bytes("kept"));
        assertThat(files()).containsExactly("leases.blob", "notes.txt");
    }

    @Test
    void anUnreadableFileIsMovedAsideAndTheRestLoads() throws IOException {
        FileBlobStore store = new FileBlobStore(dir());
        store.put("good", bytes("fine"));
        store.put("flipped", bytes("checksummed"));
        store.put("short", bytes("0123456789"));
        store.put("source", bytes("copied"));
        byte[] flipped = Files.readAllBytes(dir().resolve("flipped.blob"));
        flipped[flipped.length - 1] ^= 1;
        Files.write(dir().resolve("flipped.blob"), flipped);
        byte[] whole = Files.readAllBytes(dir().resolve("short.blob"));
        Files.write(dir().resolve("short.blob"), java.util.Arrays.copyOf(whole, whole.length - 3));
        Files.copy(dir().resolve("source.blob"), dir().resolve("renamed.blob"));
        Files.write(dir().resolve("garbage.blob"), bytes("{not a blob at all"));
        Files.write(dir().resolve("future.blob"), bytes("runnel-blob 2 future 0 00000000\n"));
        Files.write(dir().resolve("good.blob.corrupt"), bytes("an earlier one"));
        Files.copy(
                dir().resolve("flipped.blob"),
                dir().resolve("good.blob"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Map<String, byte[]> loaded = new FileBlobStore(dir()).loadAll();

        assertThat(loaded).containsOnlyKeys("source");
        assertThat(files())
                .containsExactlyInAnyOrder(
                        "flipped.blob.corrupt",
                        "future.blob.corrupt",
                        "garbage.blob.corrupt",
                        "good.blob.corrupt",
                        "good.blob.corrupt.1",
                        "renamed.blob.corrupt",
                        "short.blob.corrupt",
                        "source.blob");
        assertThat(new FileBlobStore(dir()).loadAll()).containsOnlyKeys("source");
    }

    @Test
    void aPutThatCannotBeWrittenFailsAndLeavesNoDebris() throws IOException {
        Files.writeString(root.resolve("file"), "in the way");
        FileBlobStore blocked = new FileBlobStore(root.resolve("file").resolve("blobs"));
        assertThatThrownBy(() -> blocked.put("leases", bytes("x"))).isInstanceOf(UncheckedIOException.class);

        FileBlobStore store = new FileBlobStore(dir());
        store.put("leases", bytes("old"));
        Files.createDirectory(dir().resolve("other.blob.tmp")); // the tmp file cannot be created
        Files.writeString(dir().resolve("other.blob.tmp").resolve("x"), "keeps the directory non-empty");
        assertThatThrownBy(() -> store.put("other", bytes("new")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("other");
        assertThat(store.loadAll()).containsOnlyKeys("leases");
    }

    @Test
    void theFirstPutCreatesMissingParentDirectories() {
        Path nested = root.resolve("regions").resolve("us-east-1").resolve("lease-tables");
        new FileBlobStore(nested).put("leases", bytes("x"));
        assertThat(new FileBlobStore(nested).loadAll().get("leases")).isEqualTo(bytes("x"));
    }
}
