package dev.runnel.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.aws.cloudwatch.PutMetricDataInput.Datum;
import dev.runnel.aws.cloudwatch.PutMetricDataInput.Dimension;
import dev.runnel.aws.cloudwatch.PutMetricDataInput.EntityData;
import dev.runnel.aws.cloudwatch.PutMetricDataInput.StatisticSet;
import dev.runnel.metricsink.MetricDatum;
import dev.runnel.metricsink.MetricValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PutMetricDataCheckTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static Datum value(double value) {
        return new Datum("m", null, null, value, null, null, null, null, null);
    }

    private static PutMetricDataInput request(Datum... data) {
        return new PutMetricDataInput("app", Arrays.asList(data), null, null);
    }

    private static Datum with(UnaryOperator<Datum> change) {
        return change.apply(value(1));
    }

    private static Datum dimensions(List<Dimension> dimensions) {
        return new Datum("m", dimensions, null, 1.0, null, null, null, null, null);
    }

    private static Datum values(List<Double> values, List<Double> counts) {
        return new Datum("m", null, null, null, null, values, counts, null, null);
    }

    private static List<Dimension> manyDimensions(int count) {
        List<Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dimensions.add(new Dimension("d" + i, "v"));
        }
        return dimensions;
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        new PutMetricDataInput(null, List.of(value(1)), null, null),
                        CloudWatchError.MISSING_PARAMETER,
                        "The parameter Namespace is required."),
                Arguments.of(
                        new PutMetricDataInput("AWS/Kinesis", List.of(value(1)), null, null),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value 'AWS/Kinesis' for parameter Namespace is invalid: namespaces starting with 'AWS/' "
                                + "are reserved for AWS services."),
                Arguments.of(
                        new PutMetricDataInput("", List.of(value(1)), null, null),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value '' for parameter Namespace is invalid: a namespace has 1 to 255 characters."),
                Arguments.of(
                        new PutMetricDataInput("n".repeat(256), List.of(value(1)), null, null),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        null),
                Arguments.of(
                        new PutMetricDataInput("tab\there", List.of(value(1)), null, null),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        null),
                Arguments.of(
                        new PutMetricDataInput("app", List.of(), null, null),
                        CloudWatchError.MISSING_PARAMETER,
                        "The parameter MetricData is required."),
                Arguments.of(
                        new PutMetricDataInput("app", Collections.nCopies(1001, value(1)), null, null),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The collection MetricData must not have a size greater than 1000 (with EntityMetricData's "
                                + "data); this request has 1001."),
                Arguments.of(
                        new PutMetricDataInput(
                                "app",
                                Collections.nCopies(999, value(1)),
                                List.of(new EntityData(List.of(value(1), value(2)))),
                                null),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        null),
                Arguments.of(
                        new PutMetricDataInput(
                                "app", null, Collections.nCopies(3, new EntityData(List.of(value(1)))), null),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The collection EntityMetricData must not have a size greater than 2."),
                Arguments.of(
                        request(new Datum(null, null, null, 1.0, null, null, null, null, null)),
                        CloudWatchError.MISSING_PARAMETER,
                        "The parameter MetricData.member.1.MetricName is required."),
                Arguments.of(
                        request(value(1), new Datum("", null, null, 1.0, null, null, null, null, null)),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value '' for parameter MetricData.member.2.MetricName is invalid: a metric name has 1 to "
                                + "255 characters."),
                Arguments.of(request(value(1), null), CloudWatchError.MISSING_PARAMETER, null),
                Arguments.of(
                        request(new Datum("m", null, null, null, null, null, null, null, null)),
                        CloudWatchError.MISSING_PARAMETER,
                        "One of the parameters MetricData.member.1.Value, MetricData.member.1.StatisticValues or "
                                + "MetricData.member.1.Values is required."),
                Arguments.of(
                        request(new Datum(
                                "m",
                                null,
                                null,
                                null,
                                new StatisticSet(1.0, 2.0, 3.0, 4.0),
                                List.of(1.0),
                                null,
                                null,
                                null)),
                        CloudWatchError.INVALID_PARAMETER_COMBINATION,
                        "The parameters MetricData.member.1.StatisticValues and MetricData.member.1.Values are "
                                + "mutually exclusive and you have specified both."),
                Arguments.of(
                        request(values(null, List.of(1.0))),
                        CloudWatchError.INVALID_PARAMETER_COMBINATION,
                        "The parameter MetricData.member.1.Counts must be specified with MetricData.member.1.Values."),
                Arguments.of(
                        request(values(List.of(1.0, 2.0), List.of(1.0))),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The parameters MetricData.member.1.Values and MetricData.member.1.Counts must have the same "
                                + "number of members; they have 2 and 1."),
                Arguments.of(
                        request(values(Collections.nCopies(151, 1.0), null)),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The collection MetricData.member.1.Values must not have a size greater than 150."),
                Arguments.of(
                        request(values(List.of(1.0), List.of(-1.0))),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value '-1.0' for parameter MetricData.member.1.Counts.member.1 is invalid: a count is not "
                                + "negative."),
                Arguments.of(
                        request(values(Arrays.asList(1.0, null), null)),
                        CloudWatchError.MISSING_PARAMETER,
                        "The parameter MetricData.member.1.Values.member.2 is required."),
                Arguments.of(
                        request(value(Double.NEGATIVE_INFINITY)),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value '-Infinity' for parameter MetricData.member.1.Value is invalid: CloudWatch takes no "
                                + "NaN or infinite values."),
                Arguments.of(
                        request(value(1e109)),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value '1.0E109' for parameter MetricData.member.1.Value is invalid: values must lie "
                                + "between -2^360 and 2^360."),
                Arguments.of(
                        request(new Datum(
                                "m", null, null, null, new StatisticSet(1.0, null, 3.0, 4.0), null, null, null, null)),
                        CloudWatchError.MISSING_PARAMETER,
                        "The parameter MetricData.member.1.StatisticValues.Sum is required."),
                Arguments.of(
                        request(dimensions(manyDimensions(31))),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The collection MetricData.member.1.Dimensions must not have a size greater than 30."),
                Arguments.of(
                        request(dimensions(List.of(new Dimension("a", "1"), new Dimension("a", "2")))),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The collection MetricData.member.1.Dimensions must not contain duplicate dimensions; 'a' is "
                                + "given twice."),
                Arguments.of(
                        request(dimensions(List.of(new Dimension("a", "1"), new Dimension(null, "2")))),
                        CloudWatchError.MISSING_PARAMETER,
                        "The parameter MetricData.member.1.Dimensions.member.2.Name is required."),
                Arguments.of(
                        request(dimensions(List.of(new Dimension(":a", "1")))),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value ':a' for parameter MetricData.member.1.Dimensions.member.1.Name is invalid: a "
                                + "dimension name does not start with ':'."),
                Arguments.of(
                        request(dimensions(List.of(new Dimension("a", "   ")))),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        null),
                Arguments.of(
                        request(dimensions(List.of(new Dimension("a", "é")))),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        null),
                Arguments.of(
                        request(dimensions(List.of(new Dimension("a", "v".repeat(1025))))),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        null),
                Arguments.of(
                        request(new Datum("m", null, null, 1.0, null, null, null, "Furlongs", null)),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value 'Furlongs' for parameter MetricData.member.1.Unit is invalid: it is not a CloudWatch "
                                + "unit (StandardUnit) such as Count or Seconds."),
                Arguments.of(
                        request(new Datum("m", null, null, 1.0, null, null, null, null, 30)),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value '30' for parameter MetricData.member.1.StorageResolution is invalid: valid values "
                                + "are 1 and 60."),
                Arguments.of(
                        request(new Datum(
                                "m",
                                null,
                                NOW.plus(Duration.ofHours(2)).plusSeconds(1),
                                1.0,
                                null,
                                null,
                                null,
                                null,
                                null)),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The parameter MetricData.member.1.Timestamp must specify a time no more than two hours in the "
                                + "future."),
                Arguments.of(
                        request(new Datum(
                                "m",
                                null,
                                NOW.minus(Duration.ofDays(14)).minusSeconds(1),
                                1.0,
                                null,
                                null,
                                null,
                                null,
                                null)),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks."),
                Arguments.of(
                        new PutMetricDataInput("app", null, List.of(new EntityData(List.of(value(Double.NaN)))), null),
                        CloudWatchError.INVALID_PARAMETER_VALUE,
                        "The value 'NaN' for parameter EntityMetricData.member.1.MetricData.member.1.Value is invalid: "
                                + "CloudWatch takes no NaN or infinite values."));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesAsCloudWatchDoes(PutMetricDataInput input, CloudWatchError error, String message) {
        assertThatThrownBy(() -> PutMetricDataCheck.check(input, NOW))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    if (message != null) {
                        assertThat(e.getMessage()).isEqualTo(message);
                    }
                });
    }

    @Test
    void acceptsTheEdgesOfEachLimit() {
        PutMetricDataInput input = new PutMetricDataInput(
                "n".repeat(255),
                List.of(
                        new Datum(
                                "m".repeat(255),
                                manyDimensions(30),
                                NOW.plus(Duration.ofHours(2)),
                                0.0,
                                null,
                                null,
                                null,
                                "Bytes/Second",
                                60),
                        values(Collections.nCopies(150, Math.pow(2, 360)), Collections.nCopies(150, 0.0)),
                        new Datum(
                                "m",
                                null,
                                NOW.minus(Duration.ofDays(14)),
                                null,
                                new StatisticSet(1.0, -2.0, -3.0, 4.0),
                                null,
                                null,
                                null,
                                1)),
                List.of(new EntityData(Collections.nCopies(997, value(1))), new EntityData(null)),
                true);

        PutMetricDataCheck.Accepted accepted = PutMetricDataCheck.check(input, NOW);

        assertThat(accepted.namespace()).hasSize(255);
        assertThat(accepted.data()).hasSize(1000);
        MetricDatum first = accepted.data().get(0);
        assertThat(first.dimensions()).hasSize(30);
        assertThat(first.unit()).isEqualTo("Bytes/Second");
        assertThat(accepted.data().get(1).values()).hasSize(150);
        assertThat(accepted.data().get(2).values()).containsExactly(new MetricValue.Statistics(1, -2, -3, 4));
        assertThat(accepted.data().get(3).unit()).isEqualTo("None");
    }
}
