package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ValidationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void returnsTagsSortedByKeyAndUnmodifiable() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("zeta", "1");
        given.put("alpha", "2");
        given.put("Mid", "3");
        Map<String, String> tags = Tags.validated("tags", given);
        assertThat(tags.keySet()).containsExactly("Mid", "alpha", "zeta");
        assertThatThrownBy(() -> tags.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullOrEmptyGiveNoTagsAndANullValueBecomesEmpty() {
        assertThat(Tags.validated("tags", null)).isEmpty();
        assertThat(Tags.validated("tags", Map.of())).isEmpty();
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);
        assertThat(Tags.validated("tags", withNull)).containsEntry("k", "");
    }

    @Test
    void acceptsAllowedCharactersAndLengths() {
        Map<String, String> tags =
                Map.of("k".repeat(128), "v".repeat(256), "\u00e9t\u00e9 \u65e5\u672c 9_./=+-%@:", "a b\u00a0c\u3000d");
        assertThat(Tags.validated("tags", tags)).hasSize(2);
    }

    @Test
    void rejectsLongKeysAndValuesWithValidationErrors() {
        String longKey = "k".repeat(129);
        assertThatThrownBy(() -> Tags.validated("tags", Map.of(longKey, "v")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '" + longKey + "'")
                .hasMessageEndingWith("Member must have length less than or equal to 128");
        assertThatThrownBy(() -> Tags.validated("tags", Map.of("k", "v".repeat(257))))
                .isInstanceOf(ValidationException.class)
                .hasMessageEndingWith("Member must have length less than or equal to 256");
        assertThatThrownBy(() -> Tags.validated("tags", Map.of("", "v")))
                .isInstanceOf(ValidationException.class)
                .hasMessageEndingWith("Member must have length greater than or equal to 1");
    }

    @Test
    void rejectsInvalidCharacters() {
        for (String bad : new String[] {"a*b", "a#", "<x>", "a,b", "a;b", "a\tb", "a\nb", "a\rb", "a\u0000b"}) {
            assertThatThrownBy(() -> Tags.validated("tags", Map.of(bad, "v")))
                    .as(bad)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("Some tags contain invalid characters.");
            assertThatThrownBy(() -> Tags.validated("tags", Map.of("k", bad)))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    /** Issue 17, item 12: tab and newline were taken as white space, and removed keys were not checked. */
    @Test
    void removedKeysAreCheckedLikeAddedOnes() {
        Tags.checkKeys(java.util.List.of("\u00fc0 _.", "/=+-@:", "%"));
        for (String bad : new String[] {"abc;def", "abc\tdef", "abc\ndef", "abc,def"}) {
            assertThatThrownBy(() -> Tags.checkKeys(java.util.List.of("ok", bad)))
                    .as(bad)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("Some tags contain invalid characters. Valid characters: Unicode letters, digits, "
                            + "white space, _ . / = + - % @ :.");
        }
    }

    @Test
    void aStreamsTagsHoldNoPercentSign() {
        Tags.checkStreamTags(true, "s", "123456789012", java.util.List.of("a", "b c"));
        assertThatThrownBy(() -> Tags.checkStreamTags(true, "s", "123456789012", java.util.List.of("a", "50%")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Failed to add tags to stream s under account 123456789012 because some tags contained "
                        + "illegal characters. The allowed characters are Unicode letters, white-spaces, "
                        + "'_',',','/','=','+','-','@',':'.");
        assertThatThrownBy(() -> Tags.checkStreamTags(false, "s", "123456789012", java.util.List.of("abc%def")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Failed to remove tags from stream s under account 123456789012 because");
    }

    @Test
    void rejectsReservedAwsPrefix() {
        assertThatThrownBy(() -> Tags.validated("tags", Map.of("aws:owner", "me")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Tag keys starting with 'aws:' are reserved for AWS use.");
        assertThat(Tags.validated("tags", Map.of("notaws:owner", "me"))).hasSize(1);
    }

    @Test
    void capsTagsAtFifty() {
        Tags.checkCount("s", "123456789012", 50);
        assertThatThrownBy(() -> Tags.checkCount("s", "123456789012", 51))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Failed to add tags to stream s under account 123456789012 because a given stream cannot "
                        + "have more than 50 tags associated with it.");
    }
}
