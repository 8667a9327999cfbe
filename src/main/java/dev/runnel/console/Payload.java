package dev.runnel.console;

import dev.runnel.core.record.RecordData;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's data as the console shows it: pretty-printed JSON when it parses as a JSON object or array,
 * UTF-8 text when it is valid UTF-8 without control characters (tabs and line breaks aside), a hex dump
 * otherwise; always with the raw Base64 beside it. Large payloads are shown in part: the first
 * {@link #PREVIEW_BYTES} bytes.
 *
 * @param kind JSON, TEXT or BINARY
 * @param shown the decoded text, JSON or hex dump of the preview
 * @param base64 the Base64 of the preview
 * @param size the payload's full size in bytes
 * @param truncated whether only the first {@link #PREVIEW_BYTES} bytes are shown
 */
public record Payload(Kind kind, String shown, String base64, int size, boolean truncated) {

    static final int PREVIEW_BYTES = 16 * 1024;
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public enum Kind {
        JSON,
        TEXT,
        BINARY
    }

    static Payload of(byte[] data) {
        return of(RecordData.copyOf(data));
    }

    /** Copies only the preview of a stored payload, however large the payload is. */
    static Payload of(RecordData payload) {
        byte[] preview = payload.prefix(PREVIEW_BYTES);
        boolean truncated = payload.length() > PREVIEW_BYTES;
        int size = payload.length();
        String base64 = Base64.getEncoder().encodeToString(preview);
        String text = truncated ? null : utf8Text(preview);
        if (text != null) {
            String json = prettyJson(text);
            return json != null
                    ? new Payload(Kind.JSON, json, base64, size, false)
                    : new Payload(Kind.TEXT, text, base64, size, false);
        }
        if (truncated && utf8Text(trimPartialCharacter(preview)) != null) {
            return new Payload(Kind.TEXT, utf8Text(trimPartialCharacter(preview)), base64, size, true);
        }
        return new Payload(Kind.BINARY, hexDump(preview), base64, size, truncated);
    }

    /** The lines of {@link #shown}, without their line breaks: how the page lays a hex dump out, a line apiece. */
    public List<String> lines() {
        return shown.lines().toList();
    }

    private static String utf8Text(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                    return null;
                }
            }
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Drops a UTF-8 sequence cut by the preview's end, so a long text is still shown as text. */
    private static byte[] trimPartialCharacter(byte[] bytes) {
        int end = bytes.length;
        int back = 0;
        while (end > 0 && back < 3 && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
            back++;
        }
        if (end > 0 && (bytes[end - 1] & 0xC0) == 0xC0) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private static String prettyJson(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return JSON.writeValueAsString(node);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Sixteen bytes a line: offset, the bytes in hex, and the printable ASCII ones. */
    static String hexDump(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 4 + 16);
        for (int line = 0; line < bytes.length; line += 16) {
            out.append(String.format(Locale.ROOT, "%08x ", line));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = line; i < line + 16; i++) {
                if (i < bytes.length) {
                    int b = bytes[i] & 0xFF;
                    out.append(String.format(Locale.ROOT, " %02x", b));
                    ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    out.append("   ");
                }
                if (i == line + 7) {
                    out.append(' ');
                }
            }
            out.append("  |").append(ascii).append("|\n");
        }
        return out.toString();
    }
}
