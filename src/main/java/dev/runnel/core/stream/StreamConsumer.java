package dev.runnel.core.stream;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An enhanced fan-out consumer registered with a stream: an immutable value kept in its stream's metadata, so it
 * vanishes with the stream. Like a stream, its status is a pure function of the clock: CREATING until {@link
 * #activeAt()}, then ACTIVE; once deregistered DELETING until {@link #goneAt()}, then gone.
 *
 * @param name unique among the stream's consumers: 1 to 128 of {@code [a-zA-Z0-9_.-]}
 * @param createdAt registration time, to the millisecond; its epoch second ends the consumer's ARN, so a
 *     consumer registered again under the same name gets a new ARN
 * @param goneAt when deregistration completes; null unless deregistered
 * @param tags sorted by key
 */
public record StreamConsumer(
        String name, Instant createdAt, Instant activeAt, Instant goneAt, SortedMap<String, String> tags) {

    /** The service model's pattern of a consumer name. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    public StreamConsumer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activeAt, "activeAt");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /** A consumer registered at {@code now} (to the millisecond), CREATING for {@code createDelay}. */
    public static StreamConsumer register(String name, Map<String, String> tags, Instant now, Duration createDelay) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        return new StreamConsumer(name, created, created.plus(createDelay), null, new TreeMap<>(tags));
    }

    public ConsumerStatus statusAt(Instant now) {
        if (goneAt != null) {
            return ConsumerStatus.DELETING;
        }
        return now.isBefore(activeAt) ? ConsumerStatus.CREATING : ConsumerStatus.ACTIVE;
    }

    /** Whether deregistration has completed at {@code now}. */
    public boolean isGoneAt(Instant now) {
        return goneAt != null && !now.isBefore(goneAt);
    }

    /** Starts deregistration: DELETING until {@code now + deleteDelay}, then gone. Twice keeps the first. */
    public StreamConsumer deregistering(Instant now, Duration deleteDelay) {
        return goneAt != null ? this : new StreamConsumer(name, createdAt, activeAt, now.plus(deleteDelay), tags);
    }

    /** This consumer with other tags. */
    public StreamConsumer withTags(Map<String, String> newTags) {
        return new StreamConsumer(name, createdAt, activeAt, goneAt, new TreeMap<>(newTags));
    }

    /** The consumer's ARN, {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}, as AWS forms it. */
    public String arn(String streamArn) {
        return streamArn + "/consumer/" + name + ":" + createdAt.getEpochSecond();
    }
}
