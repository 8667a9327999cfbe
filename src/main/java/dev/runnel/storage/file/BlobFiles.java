package dev.runnel.storage.file;

import dev.runnel.storage.BlobStore;
import dev.runnel.storage.document.StreamFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The files of a {@link FileBlobStore}: their names and their format. Stateless.
 *
 * <p><b>Names.</b> A blob's file is {@code <case-safe name>.blob}, the name made safe on case-folding file systems as
 * stream files are ({@link StreamFileNames#caseSafe}: {@code Leases~1.blob} and {@code leases.blob} stay apart). A
 * case-safe name longer than 200 characters (possible from about 160 characters on) becomes {@code <first 100
 * characters, lower case>~~<SHA-256 of the name, hex>.blob}, so that with {@code .tmp} or {@code .corrupt.N} every
 * file name stays well within 255 bytes. Either form is unique for a name under any case folding; the file also
 * holds the name, which is what {@link #decode} reads.
 *
 * <p><b>Format.</b> One ASCII header line, {@code runnel-blob 1 <name> <length> <crc32c as 8 hex digits>\n}, then
 * exactly {@code length} bytes of content. A file that is not exactly that, or whose checksum does not match, is not
 * a blob.
 */
final class BlobFiles {

    static final String SUFFIX = ".blob";
    static final String TMP_SUFFIX = ".blob.tmp";
    static final String CORRUPT_SUFFIX = ".corrupt";

    private static final String MAGIC = "runnel-blob";
    private static final int FORMAT = 1;
    private static final int MAX_CASE_SAFE = 200;
    private static final int LONG_PREFIX = 100;
    private static final int MAX_HEADER = 320;

    private BlobFiles() {}

    /** The name of the blob's file. */
    static String fileName(String name) {
        String safe = StreamFileNames.caseSafe(name);
        if (safe.length() <= MAX_CASE_SAFE) {
            return safe + SUFFIX;
        }
        return name.substring(0, LONG_PREFIX).toLowerCase(Locale.ROOT) + "~~" + sha256(name) + SUFFIX;
    }

    /** The name of the file a new content is written to before it is renamed over {@link #fileName}. */
    static String tmpName(String name) {
        return fileName(name) + ".tmp";
    }

    /** The file's bytes for a blob. */
    static byte[] encode(String name, byte[] content) {
        byte[] header = (MAGIC + " " + FORMAT + " " + name + " " + content.length + " " + crc(content) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(header.length + content.length)
                .put(header)
                .put(content)
                .array();
    }

    /**
     * The blob a file holds: its name and content.
     *
     * @throws StreamFormatException saying what is wrong, if the bytes are not one whole blob
     */
    static Map.Entry<String, byte[]> decode(byte[] file) throws StreamFormatException {
        int end = -1;
        for (int i = 0; i < Math.min(file.length, MAX_HEADER); i++) {
            if (file[i] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new StreamFormatException("no blob header line");
        }
        String[] fields = new String(file, 0, end, StandardCharsets.US_ASCII).split(" ", -1);
        if (fields.length != 5 || !fields[0].equals(MAGIC)) {
            throw new StreamFormatException("not a blob header");
        }
        if (!fields[1].equals(Integer.toString(FORMAT))) {
            throw new StreamFormatException("unknown blob format " + fields[1]);
        }
        if (!BlobStore.NAMES.matcher(fields[2]).matches()) {
            throw new StreamFormatException("not a blob name: " + fields[2]);
        }
        byte[] content = java.util.Arrays.copyOfRange(file, end + 1, file.length);
        if (!fields[3].equals(Integer.toString(content.length))) {
            throw new StreamFormatException(
                    "the header says " + fields[3] + " bytes, the file holds " + content.length);
        }
        if (!fields[4].equals(crc(content))) {
            throw new StreamFormatException("checksum mismatch");
        }
        return Map.entry(fields[2], content);
    }

    private static String crc(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        return String.format("%08x", crc.getValue());
    }

    private static String sha256(String name) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
