package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsShapes;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.ShardLevelMetric;
import dev.runnel.streams.StreamSettingsService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What Enable- and DisableEnhancedMonitoring share: the metric names, {@code ALL}, and the answer. */
final class Monitoring {

    private static final String ALL = "ALL";

    private Monitoring() {}

    /** The request of both operations. */
    record Input(String streamName, List<String> shardLevelMetrics, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            Monitoring.check(check, shardLevelMetrics);
        }
    }

    record Output(
            String streamName,
            List<String> currentShardLevelMetrics,
            List<String> desiredShardLevelMetrics,
            String streamARN) {}

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

    static Output apply(AwsContext context, Input input, boolean enable) {
        String streamName = input.streamName();
        String streamARN = input.streamARN();
        List<String> names = input.shardLevelMetrics();
        Set<ShardLevelMetric> metrics = EnumSet.noneOf(ShardLevelMetric.class);
        for (String name : names) {
            if (name.equals(ALL)) {
                metrics.addAll(EnumSet.allOf(ShardLevelMetric.class));
            } else {
                metrics.add(ShardLevelMetric.valueOf(name));
            }
        }
        StreamSettingsService.Change change =
                context.settings().setShardLevelMetrics(context.stream(streamName, streamARN), metrics, enable);
        return new Output(
                change.after().name().value(),
                AwsShapes.metricNames(change.before()),
                AwsShapes.metricNames(change.after()),
                context.streams().arn(change.after()));
    }
}
