package dev.runnel.web;

import java.util.regex.Pattern;

/**
 * How a whole number is written where Runnel reads one from text (REST query parameters, console fields): ASCII
 * digits with an optional leading minus. Java's own parsers are laxer: {@code Integer.parseInt} takes the digits
 * of every script ({@code "٣"} is 3), Spring's conversion also a plus sign and hexadecimal ({@code 0x10}).
 */
public final class WholeNumberText {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    private WholeNumberText() {}

    /**
     * @throws NumberFormatException unless the text is a whole number written as above, within int's range
     */
    public static int parseInt(String text) {
        return Integer.parseInt(checked(text));
    }

    /**
     * @throws NumberFormatException unless the text is a whole number written as above, within long's range
     */
    public static long parseLong(String text) {
        return Long.parseLong(checked(text));
    }

    private static String checked(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("not a whole number in ASCII digits");
        }
        return text;
    }
}
