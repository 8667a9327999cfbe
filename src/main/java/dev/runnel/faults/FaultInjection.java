package dev.runnel.faults;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.settings.RunnelProperties;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects the errors and latency that {@code runnel.faults.*} asks for, so clients can test their retry
 * logic. It runs at the protocol edge before an operation, never inside the services. Thread-safe.
 */
public class FaultInjection {

    /** Waits out injected latency; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

    private final RunnelProperties.Faults settings;
    private final Random random;
    private final Sleeper sleeper;

    public FaultInjection(RunnelProperties.Faults settings, Sleeper sleeper) {
        this.settings = settings;
        this.random = settings.seed().isBlank()
                ? new Random()
                : new Random(settings.seed().hashCode());
        this.sleeper = sleeper;
        if (isEnabled()) {
            log.warn("Fault injection is on: {}", settings.rules());
        }
    }

    public FaultInjection(RunnelProperties.Faults settings) {
        this(settings, duration -> Thread.sleep(duration.toMillis()));
    }

    public boolean isEnabled() {
        return settings.enabled() && !settings.rules().isEmpty();
    }

    /**
     * Applies the rules matching a call: their latency first, then, by chance, their error.
     *
     * @param stream the stream the call names, or null
     * @throws ProvisionedThroughputExceededException, InternalFailureException or {@link InjectedFault}
     */
    public void before(String operation, String stream) {
        if (!isEnabled()) {
            return;
        }
        List<RunnelProperties.Faults.Rule> rules = settings.rules().stream()
                .filter(rule -> rule.operation().equals("*") || rule.operation().equals(operation))
                .filter(rule -> rule.stream().isBlank() || rule.stream().equals(stream))
                .toList();
        for (RunnelProperties.Faults.Rule rule : rules) {
            if (!rule.latency().isZero() && !rule.latency().isNegative()) {
                pause(rule.latency());
            }
        }
        for (RunnelProperties.Faults.Rule rule : rules) {
            if (!rule.error().isBlank() && draw() < rule.probability()) {
                throw error(rule.error(), operation, stream);
            }
        }
    }

    private synchronized double draw() {
        return random.nextDouble();
    }

    private void pause(Duration latency) {
        try {
            sleeper.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException error(String type, String operation, String stream) {
        String what = operation + (stream == null ? "" : " on stream " + stream);
        return switch (type) {
            case "ProvisionedThroughputExceededException" ->
                new ProvisionedThroughputExceededException("Rate exceeded (injected fault for " + what + ").");
            case "InternalFailure" ->
                new InternalFailureException("Internal service failure (injected fault for " + what + ").");
            default -> new InjectedFault("Service unavailable (injected fault for " + what + ").");
        };
    }
}
