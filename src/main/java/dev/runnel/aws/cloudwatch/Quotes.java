package dev.runnel.aws.cloudwatch;

/** How error messages echo what a client sent: quoted, and cut short when long. */
final class Quotes {

    private static final int MAX_CHARS = 100;

    private Quotes() {}

    static String of(String text) {
        if (text.length() <= MAX_CHARS) {
            return "'" + text + "'";
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return "'" + text.substring(0, end) + "…' (" + text.length() + " characters)";
    }
}
