package dev.runnel.streams;

import dev.runnel.core.channel.ChannelConfiguration;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.Tags;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * CreateChannel: a named channel reading one stream; the constructor rejects what the service model and Kinesis's
 * channel rules forbid.
 *
 * @param name 1–128 characters of {@code [a-zA-Z0-9_.-]}
 * @param stream the source stream, of this account and region
 * @param configuration what the channel delivers and where
 * @param tags validated, sorted by key
 */
public record CreateChannelCommand(
        String name, StreamName stream, ChannelConfiguration configuration, Map<String, String> tags) {

    /** The service model's pattern of a channel name (the same as a stream's). */
    public static final Pattern NAME = StreamName.PATTERN;

    public CreateChannelCommand {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(configuration, "configuration");
        Constraints check = Constraints.check();
        if (check.required("channelName", name)) {
            check.string("channelName", name, 1, 128, NAME);
        }
        if (check.required("recordConfiguration", configuration.recordConfiguration())) {
            configuration.recordConfiguration().check(check, "recordConfiguration");
        }
        configuration.check(check);
        check.throwIfInvalid();
        configuration.requireConsistent();
        tags = Tags.validated("tags", tags);
    }
}
