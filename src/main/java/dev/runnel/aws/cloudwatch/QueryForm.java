package dev.runnel.aws.cloudwatch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An awsQuery request body: {@code application/x-www-form-urlencoded} parameters, percent-encoded UTF-8, {@code +}
 * for a space. Read strictly: a broken escape, bytes that are not UTF-8, or a parameter given twice make the body
 * UNREADABLE ({@code InvalidQueryParameter}).
 */
final class QueryForm {

    private QueryForm() {}

    /** The parameters, name to value; a parameter without {@code =} has the empty value. */
    static Map<String, String> parse(byte[] body) {
        Map<String, String> parameters = new HashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start);
                int nameEnd = equals < end ? equals : end;
                String name = decode(body, start, nameEnd);
                String value = equals < end ? decode(body, equals + 1, end) : "";
                if (parameters.put(name, value) != null) {
                    throw CloudWatchException.unreadable(
                            "The parameter " + Quotes.of(name) + " is given more than once.");
                }
            }
            start = end + 1;
        }
        return parameters;
    }

    private static int indexOf(byte[] body, byte wanted, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return body.length;
    }

    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(body[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw CloudWatchException.unreadable(
                            "The form body has a '%' not followed by two hexadecimal digits at byte " + i + ".");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw CloudWatchException.unreadable("The form body is not UTF-8 text.");
        }
    }
}
