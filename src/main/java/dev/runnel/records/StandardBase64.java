package dev.runnel.records;

import java.util.Base64;

/**
 * The Base64 that Kinesis takes for blobs: the standard alphabet, in canonical form, where the bits that the last
 * character before the padding carries beyond the final byte are zero, as every encoder writes them. Java's
 * decoder ignores those bits, so {@code +/+=} decodes like {@code +/8=} (bytes FB FF); AWS refuses it. The one
 * rule for the AWS edge, the REST API and the console, each of which words the refusal in its own way.
 */
public final class StandardBase64 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private StandardBase64() {}

    /**
     * @throws NonCanonical when the text decodes but its last character carries bits that encode nothing
     * @throws IllegalArgumentException (Java's decoder's) when the text is not Base64 at all
     */
    public static byte[] decode(String text) {
        byte[] bytes = Base64.getDecoder().decode(text);
        int end = dataEnd(text);
        int unused = unusedBits(end);
        if (unused > 0) {
            int value = ALPHABET.indexOf(text.charAt(end - 1));
            int canonical = value & ~((1 << unused) - 1);
            if (value != canonical) {
                throw new NonCanonical(text.charAt(end - 1), ALPHABET.charAt(canonical));
            }
        }
        return bytes;
    }

    /** Where the characters end and the padding begins. */
    private static int dataEnd(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        return end;
    }

    /** How many low bits of the last character no byte uses: 4 after two bytes of a group, 2 after one. */
    private static int unusedBits(int characters) {
        return switch (characters % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
    }

    /** Base64 whose last character before the padding sets bits that encode no byte. */
    public static final class NonCanonical extends IllegalArgumentException {

        private final char found;
        private final char canonical;

        NonCanonical(char found, char canonical) {
            super("the last character before the padding, '" + found + "', sets bits that encode no byte ("
                    + "an encoder writes '" + canonical + "' there)");
            this.found = found;
            this.canonical = canonical;
        }

        public char found() {
            return found;
        }

        public char canonical() {
            return canonical;
        }
    }
}
