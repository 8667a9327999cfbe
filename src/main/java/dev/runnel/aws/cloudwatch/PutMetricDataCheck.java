package dev.runnel.aws.cloudwatch;

import dev.runnel.metricsink.MetricDatum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks PutMetricData's request as CloudWatch does and turns it into the sink's data, or refuses it with the first
 * problem found: MissingParameter, InvalidParameterValue or InvalidParameterCombination, with member paths written
 * as awsQuery writes them ({@code MetricData.member.1.Value}) whatever the protocol. The request holds at most 1,000
 * data in {@code MetricData} and {@code EntityMetricData} together (at most two of the latter); each datum is checked
 * by {@link DatumCheck}. See https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html.
 */
final class PutMetricDataCheck {

    static final int MAX_DATA = 1000;
    static final int MAX_ENTITY_DATA = 2;
    static final int MAX_NAMESPACE_CHARS = 255;

    private PutMetricDataCheck() {}

    /** What a request puts: its namespace and data. */
    record Accepted(String namespace, List<MetricDatum> data) {}

    /** @param now the time timestamps are checked against */
    static Accepted check(PutMetricDataInput input, Instant now) {
        String namespace = namespace(input.namespace());
        List<PutMetricDataInput.Datum> direct = input.metricData() == null ? List.of() : input.metricData();
        List<PutMetricDataInput.EntityData> entities =
                input.entityMetricData() == null ? List.of() : input.entityMetricData();
        if (entities.size() > MAX_ENTITY_DATA) {
            throw CloudWatchException.invalid(
                    "The collection EntityMetricData must not have a size greater than " + MAX_ENTITY_DATA + ".");
        }
        int count = direct.size();
        for (PutMetricDataInput.EntityData entity : entities) {
            count += entity == null || entity.metricData() == null
                    ? 0
                    : entity.metricData().size();
        }
        if (count == 0) {
            throw CloudWatchException.missing("MetricData");
        }
        if (count > MAX_DATA) {
            throw CloudWatchException.invalid("The collection MetricData must not have a size greater than " + MAX_DATA
                    + " (with EntityMetricData's data); this request has " + count + ".");
        }
        DatumCheck datumCheck = new DatumCheck(now);
        List<MetricDatum> data = new ArrayList<>(count);
        check(direct, "MetricData", datumCheck, data);
        for (int i = 0; i < entities.size(); i++) {
            PutMetricDataInput.EntityData entity = entities.get(i);
            String path = "EntityMetricData.member." + (i + 1);
            if (entity == null) {
                throw CloudWatchException.missing(path);
            }
            if (entity.metricData() != null) {
                check(entity.metricData(), path + ".MetricData", datumCheck, data);
            }
        }
        return new Accepted(namespace, data);
    }

    private static void check(
            List<PutMetricDataInput.Datum> data, String listPath, DatumCheck datumCheck, List<MetricDatum> checked) {
        for (int i = 0; i < data.size(); i++) {
            checked.add(datumCheck.check(data.get(i), listPath + ".member." + (i + 1)));
        }
    }

    private static String namespace(String namespace) {
        if (namespace == null) {
            throw CloudWatchException.missing("Namespace");
        }
        String problem = null;
        if (namespace.isEmpty() || namespace.length() > MAX_NAMESPACE_CHARS) {
            problem = "a namespace has 1 to " + MAX_NAMESPACE_CHARS + " characters";
        } else if (!AsciiText.isPrintable(namespace)) {
            problem = "a namespace has ASCII characters only, and no control characters";
        } else if (namespace.startsWith(":")) {
            problem = "a namespace does not start with ':'";
        } else if (namespace.startsWith("AWS/")) {
            problem = "namespaces starting with 'AWS/' are reserved for AWS services";
        }
        if (problem != null) {
            throw CloudWatchException.invalid(
                    "The value " + Quotes.of(namespace) + " for parameter Namespace is invalid: " + problem + ".");
        }
        return namespace;
    }
}
