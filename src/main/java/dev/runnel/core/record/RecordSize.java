package dev.runnel.core.record;

/**
 * The size Kinesis counts for a record, wherever Runnel limits, throttles or meters it: the data bytes plus
 * the partition key's UTF-8 bytes.
 */
public final class RecordSize {

    private RecordSize() {}

    /** Data plus partition-key UTF-8 bytes, counted without encoding the key. */
    public static int of(String partitionKey, int dataBytes) {
        return dataBytes + utf8Length(partitionKey);
    }

    /** The number of bytes UTF-8 takes for {@code text} (an unpaired surrogate counts as the one byte
     * of the '?' the JDK's encoder writes for it). */
    static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                }
            }
        }
        return bytes;
    }
}
