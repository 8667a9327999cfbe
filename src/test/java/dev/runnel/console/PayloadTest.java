package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void textIsShownAsText() {
        Payload payload = Payload.of("test1".getBytes(StandardCharsets.UTF_8));
        assertThat(payload.kind()).isEqualTo(Payload.Kind.TEXT);
        assertThat(payload.shown()).isEqualTo("test1");
        assertThat(payload.base64()).isEqualTo("dGVzdDE=");
        assertThat(Payload.of("héllo\tworld\n".getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(Payload.Kind.TEXT);
    }

    @Test
    void jsonObjectsAndArraysArePrettyPrinted() {
        Payload payload = Payload.of("{\"sensor\":\"a\",\"values\":[1,2]}".getBytes(StandardCharsets.UTF_8));
        assertThat(payload.kind()).isEqualTo(Payload.Kind.JSON);
        assertThat(payload.shown()).contains("\n").contains("\"sensor\" : \"a\"");
        assertThat(Payload.of("{not json".getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(Payload.Kind.TEXT);
        assertThat(Payload.of("42".getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(Payload.Kind.TEXT);
    }

    @Test
    void binaryIsAHexDump() {
        Payload payload = Payload.of(new byte[] {0, 1, 2, (byte) 0xff, 'A'});
        assertThat(payload.kind()).isEqualTo(Payload.Kind.BINARY);
        assertThat(payload.shown()).startsWith("00000000  00 01 02 ff 41").endsWith("|....A|\n");
        assertThat(Payload.of(new byte[] {(byte) 0xc3, 0x28}).kind()).isEqualTo(Payload.Kind.BINARY);
        assertThat(Payload.hexDump(new byte[17]).lines()).hasSize(2);
        assertThat(Payload.of(new byte[17]).lines())
                .as("a hex dump's lines, as the page lays them out")
                .hasSize(2)
                .allSatisfy(line -> assertThat(line)
                        .doesNotContain("\n")
                        .startsWith("000000")
                        .satisfies(l -> assertThat(l.indexOf('|'))
                                .as("the ASCII column")
                                .isEqualTo(60)));
    }

    @Test
    void largePayloadsAreShownInPart() {
        byte[] text = new byte[Payload.PREVIEW_BYTES + 100];
        Arrays.fill(text, (byte) 'x');
        Payload payload = Payload.of(text);
        assertThat(payload.truncated()).isTrue();
        assertThat(payload.size()).isEqualTo(text.length);
        assertThat(payload.kind()).isEqualTo(Payload.Kind.TEXT);
        assertThat(payload.shown()).hasSize(Payload.PREVIEW_BYTES);

        byte[] accents = ("a" + "é".repeat(Payload.PREVIEW_BYTES)).getBytes(StandardCharsets.UTF_8);
        assertThat(accents[Payload.PREVIEW_BYTES - 1]).isEqualTo((byte) 0xc3); // cut by the preview's end
        Payload cut = Payload.of(accents);
        assertThat(cut.kind()).isEqualTo(Payload.Kind.TEXT);
        assertThat(cut.shown()).endsWith("é");

        byte[] binary = new byte[Payload.PREVIEW_BYTES * 2];
        Payload dump = Payload.of(binary);
        assertThat(dump.kind()).isEqualTo(Payload.Kind.BINARY);
        assertThat(dump.shown().lines()).hasSize(Payload.PREVIEW_BYTES / 16);
    }
}
