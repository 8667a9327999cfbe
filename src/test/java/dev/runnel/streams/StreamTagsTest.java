package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.stream.StreamName;
import dev.runnel.support.RunnelFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 12: the characters of a stream's tags, added and removed, as kinesalite's suite (recorded against
 * AWS) has them: tab and newline are not white space, removed keys are checked, {@code %} is refused after all.
 */
class StreamTagsTest {

    private static final String INVALID = "Some tags contain invalid characters. Valid characters: Unicode letters, "
            + "digits, white space, _ . / = + - % @ :.";
    private static final StreamName STREAM = StreamName.of("tagged");

    private final RunnelFixture f = new RunnelFixture();

    @BeforeEach
    void stream() {
        f.createActive("tagged", 1);
    }

    @Test
    void addedTagsHoldOnlyTheAllowedCharacters() {
        for (Map<String, String> bad : List.of(Map.of("a\tb", "v"), Map.of("k", "line\nbreak"), Map.of("k", "a,b"))) {
            assertThatThrownBy(() -> f.settings.addTags(STREAM, bad))
                    .as("%s", bad)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage(INVALID);
        }
        assertThatThrownBy(() -> f.settings.addTags(STREAM, Map.of("share", "50%")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Failed to add tags to stream tagged under account " + RunnelFixture.ACCOUNT
                        + " because some tags contained illegal characters. The allowed characters are Unicode "
                        + "letters, white-spaces, '_',',','/','=','+','-','@',':'.");
        assertThat(f.settings
                        .addTags(STREAM, Map.of("\u00fc0 _.", "a", "/=+-@:", "b"))
                        .tags())
                .containsOnlyKeys("\u00fc0 _.", "/=+-@:");
    }

    @Test
    void removedKeysAreCheckedOnceTheStreamIsFound() {
        f.settings.addTags(STREAM, Map.of("a", "1", "b", "2"));
        assertThatThrownBy(() -> f.settings.removeTags(StreamName.of("missing"), List.of("abc;def")))
                .isInstanceOf(ResourceNotFoundException.class);
        for (String bad : new String[] {"abc;def", "abc\tdef", "abc\ndef", "abc,def"}) {
            assertThatThrownBy(() -> f.settings.removeTags(STREAM, List.of("a", bad)))
                    .as(bad)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage(INVALID);
        }
        assertThatThrownBy(() -> f.settings.removeTags(STREAM, List.of("abc%def")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Failed to remove tags from stream tagged under account "
                        + RunnelFixture.ACCOUNT + " because some tags contained illegal characters.");
        assertThat(f.settings.removeTags(STREAM, List.of("a", "unknown")).tags())
                .containsOnlyKeys("b");
    }
}
