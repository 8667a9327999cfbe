package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 17, item 12: Java's decoder took non-canonical Base64 such as {@code +/+=}, which AWS refuses. */
class StandardBase64Test {

    @Test
    void whatEncodersWriteDecodes() {
        Random random = new Random(17);
        for (int length = 0; length < 40; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base64.getEncoder().encodeToString(bytes);
            assertThat(StandardBase64.decode(text)).as(text).isEqualTo(bytes);
        }
        assertThat(StandardBase64.decode("+/8=")).containsExactly(0xFB, 0xFF);
    }

    @Test
    void bitsAfterTheLastByteMustBeZero() {
        String[][] cases = {
            {"+/+=", "+", "8"}, {"AB==", "B", "A"}, {"AAB=", "B", "A"}, {"AAF=", "F", "E"}, {"AB", "B", "A"}
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> StandardBase64.decode(c[0]))
                    .as(c[0])
                    .isInstanceOfSatisfying(StandardBase64.NonCanonical.class, e -> {
                        assertThat(e.found()).isEqualTo(c[1].charAt(0));
                        assertThat(e.canonical()).isEqualTo(c[2].charAt(0));
                    })
                    .hasMessage("the last character before the padding, '" + c[1] + "', sets bits that encode no byte "
                            + "(an encoder writes '" + c[2] + "' there)");
        }
    }

    @Test
    void whatIsNotBase64IsJavasRefusal() {
        for (String text : new String[] {"=+/=", "a b=", "A", "AAAA="}) {
            assertThatThrownBy(() -> StandardBase64.decode(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .isNotInstanceOf(StandardBase64.NonCanonical.class);
        }
    }
}
