package dev.runnel.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every call on the AWS edge as the Micrometer timer {@value #NAME}, tagged with {@code
 * operation}, {@code outcome} and {@code protocol}, so that calls the edge refuses (UnknownOperationException,
 * ValidationException, throttling, 413) show at {@code /actuator/prometheus} beside those that succeed. Tag values
 * are bounded whatever clients send: {@code operation} is a Kinesis operation name ({@link
 * AwsOperations#KINESIS_OPERATIONS}) or {@value #UNKNOWN}; {@code outcome} is {@value
 * #SUCCESS} or the AWS error type of the answer ({@code __type}, from {@link AwsErrors}); {@code protocol} is
 * {@code json} or {@code cbor}.
 *
 * <p>Timers are registered on first use and kept per (operation, protocol, outcome): recording a call looks up
 * two maps by strings the request already holds and allocates nothing beyond what the timer does. Thread-safe.
 */
final class AwsRequestMetrics {

    static final String NAME = "runnel.aws.requests";
    static final String UNKNOWN = "unknown";
    static final String SUCCESS = "success";
    /** The outcome of a call whose body was over {@code runnel.http.max-request-size} (HTTP 413). */
    static final String REQUEST_TOO_LARGE = "RequestTooLarge";

    private final MeterRegistry registry;
    private final Map<String, Operation> byTarget = new HashMap<>();
    private final Operation unknown;

    AwsRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String name : AwsOperations.KINESIS_OPERATIONS) {
            byTarget.put(AwsEdgeFilter.TARGET_PREFIX + name, new Operation(name));
        }
        this.unknown = new Operation(UNKNOWN);
    }

    /** The operation an {@code X-Amz-Target} header names; {@value #UNKNOWN} for a missing or foreign one. */
    Operation of(String target) {
        Operation operation = target == null ? null : byTarget.get(target);
        return operation == null ? unknown : operation;
    }

    /** The timers of one operation, by protocol and outcome. */
    final class Operation {

        private final String name;
        private final Map<String, Timer> json = new ConcurrentHashMap<>();
        private final Map<String, Timer> cbor = new ConcurrentHashMap<>();

        private Operation(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        /**
         * Records one call.
         *
         * @param outcome {@value #SUCCESS} or the AWS error type of the answer
         * @param nanos how long the call took, from its arrival to its answer (for SubscribeToShard: to the start
         *     of its event stream)
         */
        void record(AwsProtocol protocol, String outcome, long nanos) {
            Map<String, Timer> timers = protocol == AwsProtocol.JSON ? json : cbor;
            Timer timer = timers.get(outcome);
            if (timer == null) {
                timer = timers.computeIfAbsent(outcome, o -> register(protocol, o));
            }
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }

        private Timer register(AwsProtocol protocol, String outcome) {
            return Timer.builder(NAME)
                    .description("Calls on the AWS edge (POST /) and how long each took to answer, by Kinesis "
                            + "operation (unknown when the X-Amz-Target names none), outcome (success or the AWS "
                            + "error type) and encoding (json or cbor)")
                    .tag("operation", name)
                    .tag("outcome", outcome)
                    .tag("protocol", protocol == AwsProtocol.JSON ? "json" : "cbor")
                    .register(registry);
        }
    }
}
