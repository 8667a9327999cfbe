package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "my-stream", "my_stream.v2", "-._", "ABCxyz019"})
    void acceptsNamesOfAllowedCharacters(String name) {
        assertThat(StreamName.of(name).value()).isEqualTo(name);
        assertThat(StreamName.of(name)).hasToString(name);
    }

    @Test
    void acceptsOneHundredTwentyEightCharactersButNotMore() {
        assertThat(StreamName.of("a".repeat(128)).value()).hasSize(128);
        String tooLong = "a".repeat(129);
        assertThatThrownBy(() -> StreamName.of(tooLong))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '" + tooLong + "' at 'streamName' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 128");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> StreamName.of(null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'streamName' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void rejectsEmptyWithThePatternThenTheLengthViolation() {
        assertThatThrownBy(() -> StreamName.of(""))
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName' "
                        + "failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "a:b", "\u00e9", "a*", "stream\n"})
    void rejectsOtherCharacters(String name) {
        assertThatThrownBy(() -> StreamName.of(name))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '" + name + "' at 'streamName' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void ordersByUtf16CodeUnitsAndComparesByValue() {
        assertThat(StreamName.of("A")).isLessThan(StreamName.of("a"));
        assertThat(StreamName.of("a-b")).isLessThan(StreamName.of("a.b"));
        assertThat(StreamName.of("a9")).isLessThan(StreamName.of("aA"));
        assertThat(StreamName.of("s")).isEqualTo(StreamName.of("s")).hasSameHashCodeAs(StreamName.of("s"));
    }
}
