package dev.runnel.core.error;

/**
 * What error text may carry onto the wire. Messages echo what a client sent (a stream name, a tag, a Base64
 * string), and a client can send text no encoder can write back: a lone UTF-16 surrogate, which a CBOR decoder
 * produces from an encoded surrogate and a JSON decoder from {@code "\ud800"}. A CBOR or UTF-8 writer fails on it,
 * so such an error would turn into a 500. Both wire tables (the AWS edge's and the REST API's) pass every message
 * through {@link #printable} before they send it.
 */
public final class ErrorText {

    /** What stands in for a character that cannot be encoded: U+FFFD, the Unicode replacement character. */
    public static final char REPLACEMENT = '\uFFFD';

    private ErrorText() {}

    /**
     * The text with every unpaired surrogate replaced by {@link #REPLACEMENT}; the same instance when there is none
     * (the usual case, checked without allocating).
     *
     * @param text any text, or null (returned as is)
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnpaired(text);
        if (first < 0) {
            return text;
        }
        StringBuilder printable = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                printable.append(c).append(text.charAt(++i));
            } else {
                printable.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return printable.toString();
    }

    private static int firstUnpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
