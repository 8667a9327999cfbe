package dev.runnel.aws.cloudwatch;

/** The character rules CloudWatch sets for namespaces and dimensions. */
final class AsciiText {

    private AsciiText() {}

    /** Whether every character is printable ASCII: a space to {@code ~}, no control characters. */
    static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text has a character other than a space. */
    static boolean hasNonBlank(String text) {
        return !text.isBlank();
    }

    /** Whether the text has no control character and no lone UTF-16 surrogate (which no encoder can write back). */
    static boolean isWritable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
