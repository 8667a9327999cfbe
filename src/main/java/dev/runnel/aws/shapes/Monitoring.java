package dev.runnel.aws.shapes;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.ShardLevelMetric;
import dev.runnel.streams.StreamSettingsService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What Enable- and DisableEnhancedMonitoring share: the request, the metric names and {@code ALL}, the answer. */
public final class Monitoring {

    private static final String ALL = "ALL";

    private Monitoring() {}

    /** The request of both operations. */
    public record Input(String streamName, List<String> shardLevelMetrics, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            Monitoring.check(check, shardLevelMetrics);
        }

        /** The metrics named, {@code ALL} standing for every one; the names have been validated. */
        public Set<ShardLevelMetric> metrics() {
            Set<ShardLevelMetric> metrics = EnumSet.noneOf(ShardLevelMetric.class);
            for (String name : shardLevelMetrics) {
                if (name.equals(ALL)) {
                    metrics.addAll(EnumSet.allOf(ShardLevelMetric.class));
                } else {
                    metrics.add(ShardLevelMetric.valueOf(name));
                }
            }
            return metrics;
        }
    }

    public record Output(
            String streamName,
            List<String> currentShardLevelMetrics,
            List<String> desiredShardLevelMetrics,
            String streamARN) {

        /** The answer to a change of the stream's metrics. */
        public static Output of(StreamSettingsService.Change change, AwsContext context) {
            return new Output(
                    change.after().name().value(),
                    AwsShapes.metricNames(change.before()),
                    AwsShapes.metricNames(change.after()),
                    context.streams().arn(change.after()));
        }
    }

    static void check(Constraints check, List<String> metrics) {
        if (check.required("shardLevelMetrics", metrics)) {
            check.size("shardLevelMetrics", "[...]", metrics.size(), 1, 7);
            List<String> allowed = new ArrayList<>();
            Arrays.stream(ShardLevelMetric.values()).forEach(m -> allowed.add(m.name()));
            allowed.add(ALL);
            for (int i = 0; i < metrics.size(); i++) {
                String metric = metrics.get(i);
                check.violation(
                        "shardLevelMetrics." + (i + 1),
                        metric,
                        allowed.contains(metric),
                        "Member must satisfy enum value set: " + allowed);
            }
        }
    }
}
