package dev.runnel.aws.cloudwatch;

import dev.runnel.metricsink.MetricDatum;
import dev.runnel.metricsink.MetricValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one datum of PutMetricData as CloudWatch does
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html): a metric name of 1 to
 * 255 characters; at most 30 dimensions with distinct names (1 to 255 printable ASCII characters, not all spaces, not
 * starting with ':') and values (1 to 1024 of them, not all spaces); exactly one of {@code Value}, {@code
 * StatisticValues} (all four members) or {@code Values} (at most 150, with as many {@code Counts} if any); finite
 * numbers within ±2^360, counts not negative; a {@code StandardUnit}; a storage resolution of 1 or 60; a timestamp
 * within the past two weeks and at most two hours ahead.
 */
final class DatumCheck {

    static final int MAX_NAME_CHARS = 255;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_DIMENSION_VALUE_CHARS = 1024;
    static final int MAX_VALUES = 150;
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);
    /** CloudWatch refuses values of a larger magnitude. */
    static final double MAX_MAGNITUDE = Math.pow(2, 360);

    private final Instant now;

    DatumCheck(Instant now) {
        this.now = now;
    }

    MetricDatum check(PutMetricDataInput.Datum datum, String path) {
        if (datum == null) {
            throw CloudWatchException.missing(path);
        }
        String metricName = metricName(datum.metricName(), path + ".MetricName");
        Map<String, String> dimensions = dimensions(datum.dimensions(), path + ".Dimensions");
        List<MetricValue> values = values(datum, path);
        String unit = datum.unit() == null ? StandardUnits.NONE : datum.unit();
        if (!StandardUnits.contains(unit)) {
            throw invalid(path + ".Unit", unit, "it is not a CloudWatch unit (StandardUnit) such as Count or Seconds");
        }
        Integer resolution = datum.storageResolution();
        if (resolution != null && resolution != 1 && resolution != 60) {
            throw invalid(path + ".StorageResolution", resolution.toString(), "valid values are 1 and 60");
        }
        Instant timestamp = datum.timestamp();
        if (timestamp != null && timestamp.isAfter(now.plus(MAX_AHEAD))) {
            throw CloudWatchException.invalid(
                    "The parameter " + path + ".Timestamp must specify a time no more than two hours in the future.");
        }
        if (timestamp != null && timestamp.isBefore(now.minus(MAX_AGE))) {
            throw CloudWatchException.invalid(
                    "The parameter " + path + ".Timestamp must specify a time within the past two weeks.");
        }
        return new MetricDatum(metricName, dimensions, timestamp, unit, values);
    }

    private static String metricName(String name, String path) {
        if (name == null) {
            throw CloudWatchException.missing(path);
        }
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            throw invalid(path, name, "a metric name has 1 to " + MAX_NAME_CHARS + " characters");
        }
        if (!AsciiText.isWritable(name)) {
            throw invalid(path, name, "a metric name has no control characters");
        }
        return name;
    }

    private static Map<String, String> dimensions(List<PutMetricDataInput.Dimension> dimensions, String path) {
        if (dimensions == null) {
            return Map.of();
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw CloudWatchException.invalid(
                    "The collection " + path + " must not have a size greater than " + MAX_DIMENSIONS + ".");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            PutMetricDataInput.Dimension dimension = dimensions.get(i);
            String member = path + ".member." + (i + 1);
            if (dimension == null) {
                throw CloudWatchException.missing(member);
            }
            String name = dimensionText(dimension.name(), member + ".Name", MAX_NAME_CHARS);
            if (name.startsWith(":")) {
                throw invalid(member + ".Name", name, "a dimension name does not start with ':'");
            }
            String value = dimensionText(dimension.value(), member + ".Value", MAX_DIMENSION_VALUE_CHARS);
            if (checked.put(name, value) != null) {
                throw CloudWatchException.invalid("The collection " + path + " must not contain duplicate dimensions; "
                        + Quotes.of(name) + " is given twice.");
            }
        }
        return checked;
    }

    private static String dimensionText(String text, String path, int maxChars) {
        if (text == null) {
            throw CloudWatchException.missing(path);
        }
        if (text.isEmpty() || text.length() > maxChars) {
            throw invalid(path, text, "it must have 1 to " + maxChars + " characters");
        }
        if (!AsciiText.isPrintable(text) || !AsciiText.hasNonBlank(text)) {
            throw invalid(path, text, "it must have printable ASCII characters only, not all spaces");
        }
        return text;
    }

    private static List<MetricValue> values(PutMetricDataInput.Datum datum, String path) {
        boolean hasValues = datum.values() != null && !datum.values().isEmpty();
        boolean hasCounts = datum.counts() != null && !datum.counts().isEmpty();
        if (datum.value() != null && datum.statisticValues() != null) {
            throw CloudWatchException.exclusive(path + ".Value", path + ".StatisticValues");
        }
        if (datum.value() != null && hasValues) {
            throw CloudWatchException.exclusive(path + ".Value", path + ".Values");
        }
        if (datum.statisticValues() != null && hasValues) {
            throw CloudWatchException.exclusive(path + ".StatisticValues", path + ".Values");
        }
        if (hasCounts && !hasValues) {
            throw new CloudWatchException(
                    CloudWatchError.INVALID_PARAMETER_COMBINATION,
                    "The parameter " + path + ".Counts must be specified with " + path + ".Values.");
        }
        if (datum.value() != null) {
            return List.of(new MetricValue.Single(number(datum.value(), path + ".Value"), 1));
        }
        if (datum.statisticValues() != null) {
            return List.of(statistics(datum.statisticValues(), path + ".StatisticValues"));
        }
        if (hasValues) {
            return valueList(datum.values(), hasCounts ? datum.counts() : null, path);
        }
        throw new CloudWatchException(
                CloudWatchError.MISSING_PARAMETER,
                "One of the parameters " + path + ".Value, " + path + ".StatisticValues or " + path
                        + ".Values is required.");
    }

    private static List<MetricValue> valueList(List<Double> values, List<Double> counts, String path) {
        if (values.size() > MAX_VALUES) {
            throw CloudWatchException.invalid(
                    "The collection " + path + ".Values must not have a size greater than " + MAX_VALUES + ".");
        }
        if (counts != null && counts.size() != values.size()) {
            throw CloudWatchException.invalid("The parameters " + path + ".Values and " + path
                    + ".Counts must have the same number of members; they have " + values.size() + " and "
                    + counts.size() + ".");
        }
        List<MetricValue> checked = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            double value = number(values.get(i), path + ".Values.member." + (i + 1));
            double count = 1;
            if (counts != null) {
                String countPath = path + ".Counts.member." + (i + 1);
                count = number(counts.get(i), countPath);
                if (count < 0) {
                    throw invalid(countPath, Double.toString(count), "a count is not negative");
                }
            }
            checked.add(new MetricValue.Single(value, count));
        }
        return checked;
    }

    private static MetricValue statistics(PutMetricDataInput.StatisticSet set, String path) {
        return new MetricValue.Statistics(
                number(set.sampleCount(), path + ".SampleCount"),
                number(set.sum(), path + ".Sum"),
                number(set.minimum(), path + ".Minimum"),
                number(set.maximum(), path + ".Maximum"));
    }

    private static double number(Double number, String path) {
        if (number == null) {
            throw CloudWatchException.missing(path);
        }
        if (!Double.isFinite(number)) {
            throw invalid(path, number.toString(), "CloudWatch takes no NaN or infinite values");
        }
        if (Math.abs(number) > MAX_MAGNITUDE) {
            throw invalid(path, number.toString(), "values must lie between -2^360 and 2^360");
        }
        return number;
    }

    private static CloudWatchException invalid(String path, String value, String why) {
        return CloudWatchException.invalid(
                "The value " + Quotes.of(value) + " for parameter " + path + " is invalid: " + why + ".");
    }
}
