package dev.runnel.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.record.StoredRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A segment's arrival column: int deltas from the segment's first arrival, and the rule that bounds them. */
class SegmentTest {

    private static final long BASE = 1_700_000_000_000L;
    private static final long MAX_DELTA = Integer.MAX_VALUE;

    @Test
    void fitsOnlyArrivalsWithinAnIntOfTheBase() {
        Segment segment = new Segment(0, BASE, 4096, 64, 10);
        assertThat(segment.fits(10, BASE)).isTrue();
        assertThat(segment.fits(10, BASE + MAX_DELTA)).isTrue();
        assertThat(segment.fits(10, BASE + MAX_DELTA + 1)).isFalse();
        assertThat(segment.fits(10, BASE + 10L * MAX_DELTA)).isFalse();
        assertThat(segment.fits(10, Long.MAX_VALUE)).isFalse();
        assertThat(segment.fits(10, BASE - 1)).as("before the base").isFalse();
        assertThat(segment.fits(10_000, BASE)).as("the byte limit still holds").isFalse();

        Segment extreme = new Segment(0, Long.MIN_VALUE, 4096, 64, 10);
        assertThat(extreme.fits(10, Long.MIN_VALUE + MAX_DELTA)).isTrue();
        assertThat(extreme.fits(10, Long.MAX_VALUE))
                .as("the long subtraction overflows")
                .isFalse();
        assertThat(extreme.fits(10, -1)).isFalse();
    }

    @Test
    void arrivalsRoundTripExactlyThroughGrowingAndSealing() {
        long[] deltas = new long[40]; // past the 16 initial slots, so the columns grow twice
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = i == deltas.length - 1 ? MAX_DELTA : i * 50_000_000L + i % 3;
        }
        Segment segment = new Segment(100, BASE, 4096, 64, 3);
        for (int i = 0; i < deltas.length; i++) {
            assertThat(segment.fits(3, BASE + deltas[i])).isTrue();
            Segment.Columns target = segment.grownFor(3);
            segment.append(target, key(i), new byte[] {(byte) i}, BASE + deltas[i], i % 2 == 0);
        }
        Segment.Columns growing = segment.columns();
        Segment.Columns sealed = segment.sealed();
        for (Segment.Columns cols : new Segment.Columns[] {growing, sealed}) {
            for (int i = 0; i < deltas.length; i++) {
                assertThat(segment.arrival(cols, i)).isEqualTo(BASE + deltas[i]);
                StoredRecord record = segment.record(cols, i);
                assertThat(record.position()).isEqualTo(100 + i);
                assertThat(record.arrivalMillis()).isEqualTo(BASE + deltas[i]);
                assertThat(record.partitionKey()).isEqualTo("k" + i);
                assertThat(record.encrypted()).isEqualTo(i % 2 == 0);
            }
        }
        assertThat(sealed.arrivalDeltas()).hasSize(deltas.length);
        assertThat(segment.arrival(sealed, deltas.length - 1)).isEqualTo(BASE + MAX_DELTA);
    }

    @Test
    void slotAtOrAfterSearchesTheArrivalsNotTheDeltas() {
        long[] arrivals = {BASE, BASE, BASE + 7, BASE + 7, BASE + MAX_DELTA - 1, BASE + MAX_DELTA};
        Segment segment = new Segment(0, BASE, 4096, 64, 2);
        for (int i = 0; i < arrivals.length; i++) {
            segment.append(segment.grownFor(2), key(i), new byte[0], arrivals[i], false);
        }
        Segment.Columns cols = segment.columns();
        int n = arrivals.length;
        assertThat(segment.slotAtOrAfter(cols, n, Long.MIN_VALUE)).isZero();
        assertThat(segment.slotAtOrAfter(cols, n, BASE - MAX_DELTA - 5)).isZero();
        assertThat(segment.slotAtOrAfter(cols, n, BASE)).isZero();
        assertThat(segment.slotAtOrAfter(cols, n, BASE + 1)).isEqualTo(2);
        assertThat(segment.slotAtOrAfter(cols, n, BASE + 8)).isEqualTo(4);
        assertThat(segment.slotAtOrAfter(cols, n, BASE + MAX_DELTA)).isEqualTo(5);
        assertThat(segment.slotAtOrAfter(cols, n, BASE + MAX_DELTA + 1)).isEqualTo(n);
        assertThat(segment.slotAtOrAfter(cols, n, Long.MAX_VALUE)).isEqualTo(n);
        assertThat(segment.slotAtOrAfter(cols, 3, BASE + 8))
                .as("only below the limit")
                .isEqualTo(3);
    }

    @Test
    void appendRefusesAnArrivalThatDoesNotFit() {
        Segment segment = new Segment(0, BASE, 4096, 64, 2);
        segment.append(segment.grownFor(2), key(0), new byte[0], BASE, false);
        assertThatThrownBy(() -> segment.append(segment.grownFor(2), key(1), new byte[0], BASE + MAX_DELTA + 1, false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(segment.count()).isEqualTo(1);
    }

    @Test
    void aRecordCostsTenBytesBeyondItsKeyAndDataOnceSealed() {
        Segment segment = new Segment(0, BASE, 1 << 20, 1_000, 12);
        for (int i = 0; i < 1_000; i++) {
            segment.append(segment.grownFor(12), key(i % 10), new byte[10], BASE + i, false);
        }
        Segment.Columns sealed = segment.sealed();
        // four array headers, one offset past the last, then per record: 12 payload + 4 arrival + 4 offset + 2 key
        assertThat(sealed.footprint()).isEqualTo(16L * 4 + 4 + 1_000L * (12 + 10));
    }

    private static byte[] key(int i) {
        return ("k" + i).getBytes(StandardCharsets.UTF_8);
    }
}
