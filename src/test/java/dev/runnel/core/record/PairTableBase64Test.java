package dev.runnel.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairTableBase64Test {

    @Test
    void writesWhatTheJdkEncoderWritesForEveryLengthAndOffset() {
        Random random = new Random(64);
        byte[] bytes = new byte[400];
        random.nextBytes(bytes);
        for (int from = 0; from < 7; from++) {
            for (int length = 0; length + from <= 300; length++) {
                RecordData data = RecordData.view(bytes, from, length);
                byte[] target = new byte[data.base64Length() + 5];
                int end = data.base64Into(target, 5);
                String expected = Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, from, from + length));
                assertThat(end - 5).isEqualTo(expected.length()).isEqualTo(data.base64Length());
                assertThat(new String(target, 5, end - 5, StandardCharsets.ISO_8859_1))
                        .as("%d bytes from %d", length, from)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void everyByteValueAndTheWholeAlphabetRoundTrip() {
        byte[] all = new byte[256 * 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 7 + i / 256);
        }
        RecordData data = RecordData.copyOf(all);
        byte[] target = new byte[data.base64Length()];
        data.base64Into(target, 0);
        assertThat(Base64.getDecoder().decode(target)).isEqualTo(all);
        assertThat(new String(target, StandardCharsets.ISO_8859_1))
                .isEqualTo(Base64.getEncoder().encodeToString(all));
    }

    @Test
    void refusesATargetTooShortBeforeWritingAnything() {
        RecordData data = RecordData.copyOf(new byte[] {1, 2, 3, 4});
        byte[] target = new byte[10];
        assertThatThrownBy(() -> data.base64Into(target, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(target).containsOnly(0);
    }
}
