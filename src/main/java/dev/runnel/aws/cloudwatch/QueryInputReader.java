package dev.runnel.aws.cloudwatch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads PutMetricData's request from awsQuery parameters: {@code Namespace}, {@code
 * MetricData.member.1.MetricName}, {@code MetricData.member.1.Dimensions.member.1.Name}, {@code
 * MetricData.member.1.Values.member.1}, {@code EntityMetricData.member.1.MetricData.member.1.Value}, … Lists are
 * read in the order of their member numbers. Numbers are decimal text (or {@code NaN}, {@code Infinity}, {@code
 * -Infinity}, which the check then refuses), timestamps ISO 8601 with a zone; anything else is
 * InvalidParameterValue. Parameters it does not know are ignored.
 */
final class QueryInputReader {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
    private static final Pattern MEMBER_INDEX = Pattern.compile("[1-9]\\d{0,8}");

    private QueryInputReader() {}

    static PutMetricDataInput read(Map<String, String> parameters) {
        Node root = new Node("");
        parameters.forEach(root::put);
        List<PutMetricDataInput.EntityData> entityData = null;
        Node entities = root.child("EntityMetricData");
        if (entities != null) {
            entityData = new ArrayList<>();
            for (Node entity : members(entities)) {
                entityData.add(new PutMetricDataInput.EntityData(data(entity.child("MetricData"))));
            }
        }
        return new PutMetricDataInput(root.value("Namespace"), data(root.child("MetricData")), entityData, null);
    }

    private static List<PutMetricDataInput.Datum> data(Node list) {
        if (list == null) {
            return null;
        }
        List<PutMetricDataInput.Datum> data = new ArrayList<>();
        for (Node datum : members(list)) {
            data.add(datum(datum));
        }
        return data;
    }

    private static PutMetricDataInput.Datum datum(Node datum) {
        List<PutMetricDataInput.Dimension> dimensions = null;
        Node dimensionList = datum.child("Dimensions");
        if (dimensionList != null) {
            dimensions = new ArrayList<>();
            for (Node dimension : members(dimensionList)) {
                dimensions.add(new PutMetricDataInput.Dimension(dimension.value("Name"), dimension.value("Value")));
            }
        }
        Node statistics = datum.child("StatisticValues");
        return new PutMetricDataInput.Datum(
                datum.value("MetricName"),
                dimensions,
                timestamp(datum.child("Timestamp")),
                number(datum.child("Value")),
                statistics == null
                        ? null
                        : new PutMetricDataInput.StatisticSet(
                                number(statistics.child("SampleCount")),
                                number(statistics.child("Sum")),
                                number(statistics.child("Minimum")),
                                number(statistics.child("Maximum"))),
                numbers(datum.child("Values")),
                numbers(datum.child("Counts")),
                datum.value("Unit"),
                integer(datum.child("StorageResolution")));
    }

    private static List<Double> numbers(Node list) {
        if (list == null) {
            return null;
        }
        List<Double> numbers = new ArrayList<>();
        for (Node member : members(list)) {
            numbers.add(number(member));
        }
        return numbers;
    }

    private static Double number(Node node) {
        if (node == null || node.value == null) {
            return null;
        }
        String text = node.value.strip();
        switch (text) {
            case "NaN" -> {
                return Double.NaN;
            }
            case "Infinity", "+Infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw invalid(node, "it is not a number");
                }
                return Double.parseDouble(text);
            }
        }
    }

    private static Integer integer(Node node) {
        if (node == null || node.value == null) {
            return null;
        }
        String text = node.value.strip();
        if (!INTEGER.matcher(text).matches()) {
            throw invalid(node, "it is not a whole number");
        }
        long value = Long.parseLong(text);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static Instant timestamp(Node node) {
        if (node == null || node.value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(node, "it is not an ISO 8601 time with a zone, such as 2025-01-01T12:00:00Z");
        }
    }

    private static CloudWatchException invalid(Node node, String why) {
        return CloudWatchException.invalid(
                "The value " + Quotes.of(node.value) + " for parameter " + node.name + " is invalid: " + why + ".");
    }

    /** The members of a list parameter ({@code <name>.member.<n>}), in the order of their numbers. */
    private static List<Node> members(Node list) {
        Node member = list.child("member");
        if (member == null) {
            return List.of();
        }
        TreeMap<Integer, Node> byIndex = new TreeMap<>();
        for (Map.Entry<String, Node> entry : member.children.entrySet()) {
            if (!MEMBER_INDEX.matcher(entry.getKey()).matches()) {
                throw CloudWatchException.unreadable("The parameter " + Quotes.of(entry.getValue().name)
                        + " does not number its list member from 1.");
            }
            byIndex.put(Integer.parseInt(entry.getKey()), entry.getValue());
        }
        return new ArrayList<>(byIndex.values());
    }

    /** The parameters as a tree of their dot-separated names: {@code MetricData} → {@code member} → {@code 1} → …. */
    private static final class Node {
        final String name;
        final Map<String, Node> children = new HashMap<>();
        String value;

        Node(String name) {
            this.name = name;
        }

        void put(String parameter, String value) {
            Node node = this;
            int start = 0;
            while (start <= parameter.length()) {
                int dot = parameter.indexOf('.', start);
                int end = dot < 0 ? parameter.length() : dot;
                String part = parameter.substring(start, end);
                String path = parameter.substring(0, end);
                node = node.children.computeIfAbsent(part, p -> new Node(path));
                start = end + 1;
            }
            node.value = value;
        }

        Node child(String part) {
            return children.get(part);
        }

        String value(String part) {
            Node child = children.get(part);
            return child == null ? null : child.value;
        }
    }
}
