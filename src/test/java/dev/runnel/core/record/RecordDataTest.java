package dev.runnel.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class RecordDataTest {

    private static final byte[] STORED = {9, 9, 1, 2, 3, 4, 9};

    @Test
    void aViewShowsItsRangeOfTheArrayWithoutCopying() throws Exception {
        byte[] stored = STORED.clone();
        RecordData data = RecordData.view(stored, 2, 4);

        assertThat(data.length()).isEqualTo(4);
        assertThat(data.toByteArray()).containsExactly(1, 2, 3, 4);
        assertThat(data.prefix(2)).containsExactly(1, 2);
        assertThat(data.prefix(100)).containsExactly(1, 2, 3, 4);
        assertThat(data.prefix(-1)).isEmpty();
        try (InputStream in = data.stream()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3, 4);
        }
        stored[3] = 42; // a store never does this; it shows there is no copy
        assertThat(data.toByteArray()).containsExactly(1, 42, 3, 4);
    }

    @Test
    void nothingReadFromAViewCanChangeTheStoredBytes() {
        byte[] stored = STORED.clone();
        RecordData data = RecordData.view(stored, 2, 4);

        byte[] copy = data.toByteArray();
        copy[0] = 100;
        ByteBuffer buffer = data.buffer();
        assertThat(buffer.isReadOnly()).isTrue();
        assertThat(buffer.position()).isZero();
        assertThat(buffer.remaining()).isEqualTo(4);
        assertThat(buffer.get(0)).isEqualTo((byte) 1);
        assertThatThrownBy(() -> buffer.put(0, (byte) 7)).isInstanceOf(ReadOnlyBufferException.class);
        buffer.get();
        assertThat(data.buffer().position())
                .as("each buffer is the caller's own")
                .isZero();
        assertThat(stored).containsExactly(STORED);
    }

    @Test
    void aCopyIsIndependentOfTheArrayItCameFrom() {
        byte[] original = {1, 2, 3};
        RecordData data = RecordData.copyOf(original);
        original[0] = 9;

        assertThat(data.toByteArray()).containsExactly(1, 2, 3);
        assertThat(data.contentEquals(new byte[] {1, 2, 3})).isTrue();
        assertThat(data.contentEquals(new byte[] {1, 2})).isFalse();
    }

    @Test
    void equalityIsByContentWhereverTheBytesLive() {
        RecordData view = RecordData.view(STORED, 2, 4);
        RecordData copy = RecordData.copyOf(new byte[] {1, 2, 3, 4});

        assertThat(view).isEqualTo(copy).hasSameHashCodeAs(copy).isNotEqualTo(RecordData.view(STORED, 2, 3));
        assertThat(RecordData.view(STORED, 0, 0)).isEqualTo(RecordData.copyOf(new byte[0]));
        assertThat(view).hasToString("RecordData[4 bytes]");
    }

    @Test
    void aViewMustLieInsideItsArray() {
        assertThatThrownBy(() -> RecordData.view(STORED, 5, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> RecordData.view(STORED, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
