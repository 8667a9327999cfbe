package dev.runnel.metricsink;

/**
 * What one data point says about its metric: a single value observed {@code count} times (CloudWatch's {@code
 * Value}, or one entry of {@code Values} with its {@code Counts} entry), or a statistic set that already summarises
 * several samples ({@code StatisticValues}, which KCL sends). Values are in the point's unit; every number is finite.
 */
public sealed interface MetricValue {

    /** What this point adds to the Sum statistic: {@code value × count}, or the set's sum. */
    double sum();

    /** How many samples this point stands for: {@code count}, or the set's sample count. */
    double sampleCount();

    /**
     * One value, observed {@code count} times.
     *
     * @param value the value, finite
     * @param count how many times it was observed, finite and not negative (1 when the client gave no count)
     */
    record Single(double value, double count) implements MetricValue {

        public Single {
            requireFinite(value, "value");
            requireFinite(count, "count");
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
        }

        @Override
        public double sum() {
            return value * count;
        }

        @Override
        public double sampleCount() {
            return count;
        }
    }

    /** A statistic set: the summary of {@code sampleCount} samples, every member finite. */
    record Statistics(double sampleCount, double sum, double minimum, double maximum) implements MetricValue {

        public Statistics {
            requireFinite(sampleCount, "sampleCount");
            requireFinite(sum, "sum");
            requireFinite(minimum, "minimum");
            requireFinite(maximum, "maximum");
        }
    }

    private static void requireFinite(double number, String name) {
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException(name + " must be finite: " + number);
        }
    }
}
