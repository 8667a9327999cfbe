package dev.runnel.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertThat(ErrorText.printable("a\uD800b")).isEqualTo("a\uFFFDb");
        assertThat(ErrorText.printable("\uDC00")).isEqualTo("\uFFFD");
        assertThat(ErrorText.printable("x\uD800")).isEqualTo("x\uFFFD");
        assertThat(ErrorText.printable("\uDC00\uD800")).isEqualTo("\uFFFD\uFFFD");
    }

    @Test
    void pairedSurrogatesAndOtherTextStay() {
        String emoji = "Value '\uD83D\uDE00' at 'streamName'";
        assertThat(ErrorText.printable(emoji)).isSameAs(emoji);
        assertThat(ErrorText.printable("a\uD800\uD83D\uDE00")).isEqualTo("a\uFFFD\uD83D\uDE00");
        assertThat(ErrorText.printable(null)).isNull();
    }

    @Test
    void whatComesOutEncodesAsUtf8() throws CharacterCodingException {
        String printable = ErrorText.printable("\uDBFF\uD800\uDFFF\uDC00 tail \uD800");
        StandardCharsets.UTF_8
                .newEncoder()
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .onMalformedInput(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(printable));
        assertThat(printable).isEqualTo("\uFFFD\uD800\uDFFF\uFFFD tail \uFFFD");
    }
}
