package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class JacksonMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JacksonException failure(String json, Class<?> type) {
        try {
            JSON.readValue(json, type);
        } catch (JacksonException e) {
            return e;
        }
        throw new AssertionError("read " + json);
    }

    record Batch(java.util.List<Entry> records) {}

    record Entry(String partitionKey, Integer count) {}

    @Test
    void keepsJacksonsReasonWithoutItsHintsForProgrammers() {
        assertThat(JacksonMessages.reason(failure("{\"a\": Infinity}", Map.class)))
                .isEqualTo("Non-standard token 'Infinity'");
        assertThat(JacksonMessages.reason(failure("{\"a\": x}", Map.class)))
                .startsWith("Unrecognized token 'x'")
                .doesNotContain("(code");
    }

    @Test
    void showsNothingOfAReasonThatIsAboutJavaTypes() {
        JacksonException mismatch = failure("{\"records\": 5}", Batch.class);
        assertThat(mismatch.getOriginalMessage()).contains("java.util");
        assertThat(JacksonMessages.reason(mismatch)).isNull();
        assertThat(JacksonMessages.namesJava(mismatch.getOriginalMessage())).isTrue();
        assertThat(JacksonMessages.namesJava("Value 'x' at 'limit' is not a whole number."))
                .isFalse();
    }

    @Test
    void pathsCountListIndexesFromOne() {
        JacksonException e = failure("{\"records\": [{}, {\"count\": \"x\"}]}", Batch.class);
        assertThat(JacksonMessages.path(e, name -> name)).isEqualTo("records.2.count");
        assertThat(JacksonMessages.path(e, String::toUpperCase)).isEqualTo("RECORDS.2.COUNT");
    }
}
