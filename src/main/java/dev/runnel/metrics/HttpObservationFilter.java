package dev.runnel.metrics;

import dev.runnel.aws.AwsEdgeRequests;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Spring's HTTP observation ({@code http.server.requests}) for the REST API, the console and the actuator, skipping
 * calls on the AWS edge ({@code POST /}) before it builds anything for them: the edge times those itself, as {@code
 * runnel.aws.requests} per Kinesis operation and outcome, and an observation would only say "POST /". Building the
 * observation's context and then dropping it (an {@code ObservationPredicate}) still cost about 3 % of a PutRecord's
 * CPU time.
 */
final class HttpObservationFilter extends ServerHttpObservationFilter {

    HttpObservationFilter(ObservationRegistry registry, ServerRequestObservationConvention convention) {
        super(registry, convention);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return AwsEdgeRequests.isAwsRequest(request);
    }
}
