package dev.runnel.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordSizeTest {

    @Test
    void countsThePartitionKeyInUtf8Bytes() {
        assertThat(RecordSize.of("1", 5)).isEqualTo(6);
        assertThat(RecordSize.of("\u00e9t\u00e9", 0)).isEqualTo(5);
        assertThat(RecordSize.of("\u65e5\u672c", 10)).isEqualTo(16);
        assertThat(RecordSize.of("\ud83d\ude00", 0))
                .as("a surrogate pair is one 4-byte character")
                .isEqualTo(4);
    }

    @Test
    void agreesWithTheJdkEncoderOnRandomText() {
        Random random = new Random(7);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                text.append((char) random.nextInt(0x10000));
            }
            String key = text.toString();
            assertThat(RecordSize.utf8Length(key))
                    .as("length of %s", key.codePoints().boxed().toList())
                    .isEqualTo(key.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
