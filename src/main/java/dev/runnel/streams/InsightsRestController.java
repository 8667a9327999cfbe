package dev.runnel.streams;

import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.Insights;
import dev.runnel.insight.StreamInsights;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Insights", description = "Hot shards, heavy partition keys and advice")
class InsightsRestController {

    private final StreamService streams;
    private final Insights insights;

    InsightsRestController(StreamService streams, Insights insights) {
        this.streams = streams;
        this.insights = insights;
    }

    @GetMapping(
            path = "/streams/{name}/insights",
            produces = {"application/json", "application/problem+json"})
    @Operation(
            operationId = "getStreamInsights",
            summary = "Per-shard rates and utilisation, hot shards, heavy partition keys and advice",
            description = "Rates are averaged over the last 10 seconds. An open shard is hot when its writes reach "
                    + "runnel.insight.hot-share of its limits, when it was throttled in the last minute, or when it "
                    + "takes more than twice its fair share of a busy stream. Advice: SPREAD_PARTITION_KEYS (one key "
                    + "dominates a hot shard; a split cannot help), SPLIT_SHARD (with the suggested hash key), "
                    + "ADD_SHARDS (with the shard count the traffic needs plus 20% headroom).")
    @ApiResponse(responseCode = "200", description = "What the last seconds of traffic show")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream")
    StreamInsights getStreamInsights(@PathVariable @Parameter(example = "myKinesis") String name) {
        return insights.analyze(streams.describe(new StreamName(name)), streams.now());
    }
}
