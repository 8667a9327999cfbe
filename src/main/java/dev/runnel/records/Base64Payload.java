package dev.runnel.records;

import dev.runnel.core.error.SerializationException;

/**
 * Decodes the REST API's standard Base64 payloads ({@link StandardBase64}), with messages that say what is wrong and
 * where.
 */
final class Base64Payload {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Base64Payload() {}

    /**
     * @param member the request member, for the message ({@code data} or {@code records.3.data})
     * @throws SerializationException when {@code value} is not standard Base64 with padding
     */
    static byte[] decode(String value, String member) {
        try {
            return StandardBase64.decode(value);
        } catch (StandardBase64.NonCanonical e) {
            throw new SerializationException(
                    "Value at '" + member + "' is not valid standard Base64: " + e.getMessage() + ".");
        } catch (IllegalArgumentException e) {
            throw new SerializationException(
                    "Value at '" + member + "' is not valid standard Base64: " + reason(value) + ".");
        }
    }

    private static String reason(String value) {
        int padding = value.indexOf('=');
        int dataEnd = padding < 0 ? value.length() : padding;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = i < dataEnd ? ALPHABET.indexOf(c) >= 0 : c == '=';
            if (!allowed) {
                return "character " + describe(c) + " at position " + (i + 1) + " is not allowed there (only A–Z, "
                        + "a–z, 0–9, + and /, then up to two = at the end)";
            }
        }
        if (value.length() - dataEnd > 2) {
            return "it ends in more than two = signs";
        }
        if (dataEnd % 4 == 1) {
            return "it ends with a single character after the last group of four, which encodes no whole byte";
        }
        return "its " + (value.length() - dataEnd) + " = signs do not fit its length of " + value.length()
                + " characters";
    }

    private static String describe(char c) {
        String code = String.format("U+%04X", (int) c);
        return Character.isISOControl(c) ? code : "'" + c + "' (" + code + ")";
    }
}
