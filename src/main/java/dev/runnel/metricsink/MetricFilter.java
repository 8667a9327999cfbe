package dev.runnel.metricsink;

import java.util.Map;

/**
 * Which points of a namespace a query wants: those of one metric, those with one dimension, both, or all.
 *
 * @param metricName the metric's name, or null for every metric
 * @param dimensionName a dimension the point must have, or null for any dimensions
 * @param dimensionValue the value that dimension must have; null for any value (only with a dimension name)
 */
public record MetricFilter(String metricName, String dimensionName, String dimensionValue) {

    private static final MetricFilter ALL = new MetricFilter(null, null, null);

    public MetricFilter {
        if (dimensionName == null && dimensionValue != null) {
            throw new IllegalArgumentException("a dimension value needs a dimension name");
        }
    }

    /** Every point of the namespace. */
    public static MetricFilter all() {
        return ALL;
    }

    /** The points of one metric. */
    public static MetricFilter metric(String metricName) {
        return new MetricFilter(metricName, null, null);
    }

    /** These points, narrowed to those whose dimension {@code name} has {@code value}. */
    public MetricFilter withDimension(String name, String value) {
        return new MetricFilter(metricName, name, value);
    }

    boolean matches(MetricPoint point) {
        if (metricName != null && !metricName.equals(point.metricName())) {
            return false;
        }
        if (dimensionName == null) {
            return true;
        }
        Map<String, String> dimensions = point.dimensions();
        String value = dimensions.get(dimensionName);
        return value != null && (dimensionValue == null || dimensionValue.equals(value));
    }
}
