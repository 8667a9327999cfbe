package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file-system steps of a change to a {@link FileStreamCatalog}, one method each, so that a test can make any
 * one of them fail. {@link #DURABLE} is the only implementation outside tests.
 */
interface CatalogFileSystem {

    /** Writes the file anew with exactly these bytes, forced to the device. */
    void writeForced(Path file, byte[] bytes) throws IOException;

    /** Renames in one step, replacing the target. */
    void moveAtomically(Path source, Path target) throws IOException;

    /** Deletes the file if it exists. */
    void delete(Path file) throws IOException;

    /** Makes the directory's entries durable. */
    void forceDirectory(Path dir) throws IOException;

    CatalogFileSystem DURABLE = new CatalogFileSystem() {
        @Override
        public void writeForced(Path file, byte[] bytes) throws IOException {
            DurableFiles.writeForced(file, bytes);
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            DurableFiles.moveAtomically(source, target);
        }

        @Override
        public void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            DurableFiles.forceDirectory(dir);
        }
    };
}
