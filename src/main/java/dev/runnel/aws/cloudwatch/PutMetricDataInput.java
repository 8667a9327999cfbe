package dev.runnel.aws.cloudwatch;

import java.time.Instant;
import java.util.List;

/**
 * PutMetricData's request as it arrives, before any check: every member may be missing (null), and lists may hold
 * nulls. JSON and CBOR bodies bind to it by member name ({@code MetricData}, {@code MetricName}, …); awsQuery forms
 * are read into it by {@link QueryInputReader}. {@code EntityMetricData}'s entities are not kept, only its data.
 */
record PutMetricDataInput(
        String namespace, List<Datum> metricData, List<EntityData> entityMetricData, Boolean strictEntityValidation) {

    record Datum(
            String metricName,
            List<Dimension> dimensions,
            Instant timestamp,
            Double value,
            StatisticSet statisticValues,
            List<Double> values,
            List<Double> counts,
            String unit,
            Integer storageResolution) {}

    record Dimension(String name, String value) {}

    record StatisticSet(Double sampleCount, Double sum, Double minimum, Double maximum) {}

    record EntityData(List<Datum> metricData) {}
}
