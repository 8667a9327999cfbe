package dev.runnel.storage.document;

import static dev.runnel.storage.document.StreamSamples.instant;
import static dev.runnel.storage.document.StreamSamples.stringMap;
import static dev.runnel.storage.document.StreamSamples.text;

import dev.runnel.core.channel.Channel;
import dev.runnel.core.channel.ChannelConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.CloudWatchLogs;
import dev.runnel.core.channel.ChannelConfiguration.EncryptionConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.LoggingConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.RecordConfiguration;
import dev.runnel.core.channel.S3Destinations.DeadLetterQueueS3Configuration;
import dev.runnel.core.channel.S3Destinations.PartitionField;
import dev.runnel.core.channel.S3Destinations.PartitionSpec;
import dev.runnel.core.channel.S3Destinations.S3DestinationConfiguration;
import dev.runnel.core.channel.S3Destinations.S3StorageConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesDestinationConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Random channels whose every nullable member is sometimes null, lists with null elements included. */
public final class RandomChannels {

    private RandomChannels() {}

    public static Channel channel(Random random) {
        return new Channel(
                text(random),
                text(random),
                instant(random),
                instant(random),
                maybe(random, () -> instant(random)),
                maybe(random, () -> instant(random)),
                configuration(random),
                random.nextInt(5) == 0 ? null : new java.util.TreeMap<>(stringMap(random)),
                maybe(random, () -> text(random)));
    }

    private static ChannelConfiguration configuration(Random random) {
        return new ChannelConfiguration(
                maybe(random, () -> text(random)),
                maybe(random, () -> new RecordConfiguration(string(random), string(random))),
                maybe(
                        random,
                        () -> new S3DestinationConfiguration(
                                integer(random),
                                deadLetters(random),
                                maybe(
                                        random,
                                        () -> new S3StorageConfiguration(
                                                string(random),
                                                string(random),
                                                string(random),
                                                string(random),
                                                string(random))))),
                maybe(
                        random,
                        () -> new S3TablesDestinationConfiguration(
                                integer(random), deadLetters(random), maybe(random, () -> tables(random)))),
                maybe(random, () -> new EncryptionConfiguration(string(random), string(random))),
                maybe(
                        random,
                        () -> new LoggingConfiguration(maybe(
                                random,
                                () -> new CloudWatchLogs(
                                        maybe(random, random::nextBoolean), string(random), string(random))))));
    }

    private static DeadLetterQueueS3Configuration deadLetters(Random random) {
        return maybe(random, () -> new DeadLetterQueueS3Configuration(string(random), string(random), string(random)));
    }

    private static List<S3TablesConfiguration> tables(Random random) {
        List<S3TablesConfiguration> tables = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            tables.add(maybe(
                    random,
                    () -> new S3TablesConfiguration(
                            string(random),
                            string(random),
                            string(random),
                            string(random),
                            maybe(random, () -> new PartitionSpec(maybe(random, () -> fields(random)))))));
        }
        return tables;
    }

    private static List<PartitionField> fields(Random random) {
        List<PartitionField> fields = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            fields.add(maybe(random, () -> new PartitionField(string(random), string(random))));
        }
        return fields;
    }

    private static String string(Random random) {
        return maybe(random, () -> text(random));
    }

    private static Integer integer(Random random) {
        return maybe(random, random::nextInt);
    }

    private static <T> T maybe(Random random, Supplier<T> value) {
        return random.nextInt(4) == 0 ? null : value.get();
    }
}
