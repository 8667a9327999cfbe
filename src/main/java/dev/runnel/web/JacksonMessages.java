package dev.runnel.web;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * What of a Jackson failure may be shown to a client, for both edges: its reason (the first sentence of Jackson's
 * text, without character codes, feature names or the Java types it names) and where it happened (the member
 * path). Jackson words malformed input well ({@code Unexpected end-of-input within/between Object entries}) but
 * adds hints for programmers ({@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow}) and names
 * classes ({@code cannot be deserialized as `java.math.BigDecimal`}); neither belongs in an error message.
 */
public final class JacksonMessages {

    /** Jackson's decimal character codes, as in {@code ('x' (code 120))}. */
    private static final Pattern CHARACTER_CODE = Pattern.compile(" \\(code \\d+\\)");
    /** A Java or Jackson name: backquoted, or a qualified name in one of the packages a message could name. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "`|\\b(java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.springframework|dev\\.runnel)\\.");

    private JacksonMessages() {}

    /**
     * Jackson's reason for refusing the input, as one clause without a final period, or null when nothing of it
     * can be shown (the caller then words the failure by itself).
     */
    public static String reason(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return null;
        }
        int end = message.indexOf('\n');
        String line = CHARACTER_CODE
                .matcher(end < 0 ? message : message.substring(0, end))
                .replaceAll("")
                .strip();
        var name = JAVA_NAME.matcher(line);
        if (name.find()) {
            // Keep what comes before the clause that names a type or feature ("Non-standard token 'Infinity'").
            int clause = Math.max(line.lastIndexOf(':', name.start()), line.lastIndexOf(',', name.start()));
            line = clause < 0 ? "" : line.substring(0, clause).strip();
        }
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.isEmpty() || JAVA_NAME.matcher(line).find() ? null : line;
    }

    /**
     * Where the failure happened, as error messages write member paths: {@code records.3.data}, list indexes from
     * 1 as AWS counts them; empty at the top level.
     *
     * @param names how a member's name on the wire reads in the path
     */
    public static String path(JacksonException e, UnaryOperator<String> names) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(names.apply(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getIndex() + 1);
            }
        }
        return path.toString();
    }

    /** Whether a text names a Java type, package or Jackson feature (text from outside Runnel is checked so). */
    public static boolean namesJava(String text) {
        return text != null && JAVA_NAME.matcher(text).find();
    }
}
