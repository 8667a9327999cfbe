package dev.runnel.storage.file;

import dev.runnel.core.stream.StreamName;
import java.math.BigInteger;

/**
 * The file that holds a stream in a catalog directory. Stream names are 1 to 128 of {@code [a-zA-Z0-9_.-]}, so the
 * name itself is a safe file name: no separator, and {@code .} or {@code ..} become the ordinary files {@code
 * ..json} and {@code ...json}. Names are case-sensitive but some file systems are not (macOS, Windows), so a name
 * with capitals also carries where they are: {@code ~} (never in a name) and the hex bit mask of their positions,
 * as in {@code MyStream~5.json}; {@code mystream.json} stays distinct under any case folding. The longest file
 * name, with {@link #TMP_SUFFIX}, is 128 + 33 + 9 = 170 bytes, within every file system's 255. Stateless.
 */
final class StreamFileNames {

    static final String SUFFIX = ".json";
    static final String TMP_SUFFIX = ".json.tmp";
    static final String CORRUPT_SUFFIX = ".corrupt";

    private StreamFileNames() {}

    /** The name of the file of the stream, {@code <name>[~<capitals>].json}. */
    static String fileName(StreamName name) {
        return caseSafe(name.value()) + SUFFIX;
    }

    /**
     * {@code value} itself when it has no capital ASCII letter, else {@code value~<hex bit mask of their positions>}:
     * two values of {@code [a-zA-Z0-9_.-]} that differ only in case never give names a case-folding file system
     * confuses. Also used for the names of blob files ({@link BlobFileNames}).
     */
    static String caseSafe(String value) {
        BigInteger capitals = BigInteger.ZERO;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                capitals = capitals.setBit(i);
            }
        }
        return capitals.signum() == 0 ? value : value + "~" + capitals.toString(16);
    }

    /** The name of the file a new version is written to before it is renamed over {@link #fileName}. */
    static String tmpName(StreamName name) {
        return fileName(name) + ".tmp";
    }
}
