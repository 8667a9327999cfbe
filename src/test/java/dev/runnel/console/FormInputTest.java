package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormInputTest {

    @Test
    void wholeNumbers() {
        assertThat(FormInput.wholeNumber("n", " 12 ")).isEqualTo(12);
        assertThatThrownBy(() -> FormInput.wholeNumber("n", "1.5"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Value '1.5' at 'n' failed to satisfy constraint: Member must be a whole number");
        assertThatThrownBy(() -> FormInput.wholeNumber("n", null)).isInstanceOf(ValidationException.class);
    }

    /** Issue 17, item 8: Java's parser reads the digits of every script; a form takes ASCII digits only. */
    @Test
    void wholeNumbersAreAsciiDigits() {
        assertThat(FormInput.wholeNumber("n", "-7")).isEqualTo(-7);
        for (String text : new String[] {"\u0663", "\uFF13", "+3", "0x10", "3e0"}) {
            assertThatThrownBy(() -> FormInput.wholeNumber("n", text))
                    .as(text)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("Member must be a whole number");
        }
    }

    @Test
    void choicesNameAnEnumValue() {
        assertThat(FormInput.choice("streamMode", "ON_DEMAND", dev.runnel.core.stream.StreamMode.values()))
                .isEqualTo(dev.runnel.core.stream.StreamMode.ON_DEMAND);
        assertThatThrownBy(() -> FormInput.choice("streamMode", "FAST", dev.runnel.core.stream.StreamMode.values()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Value 'FAST' at 'streamMode' failed to satisfy constraint: Member must satisfy "
                        + "enum value set: [PROVISIONED, ON_DEMAND]");
    }

    @Test
    void timestampsInIsoOrEpochSeconds() {
        Instant expected = Instant.parse("2026-01-31T12:00:00.250Z");
        assertThat(FormInput.timestamp("t", "2026-01-31T12:00:00.250Z")).isEqualTo(expected);
        assertThat(FormInput.timestamp("t", "2026-01-31T13:00:00.250+01:00")).isEqualTo(expected);
        assertThat(FormInput.timestamp("t", "2026-01-31T12:00:00.250")).isEqualTo(expected);
        assertThat(FormInput.timestamp("t", String.valueOf(expected.getEpochSecond()) + ".25"))
                .isEqualTo(expected);
        assertThatThrownBy(() -> FormInput.timestamp("t", "noon"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must be an ISO-8601 time");
    }
}
