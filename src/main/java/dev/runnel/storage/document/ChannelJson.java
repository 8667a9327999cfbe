package dev.runnel.storage.document;

import static dev.runnel.storage.document.JsonFields.element;
import static dev.runnel.storage.document.JsonFields.instant;
import static dev.runnel.storage.document.JsonFields.object;
import static dev.runnel.storage.document.JsonFields.optionalArray;
import static dev.runnel.storage.document.JsonFields.optionalBoolean;
import static dev.runnel.storage.document.JsonFields.optionalInstant;
import static dev.runnel.storage.document.JsonFields.optionalInteger;
import static dev.runnel.storage.document.JsonFields.optionalObject;
import static dev.runnel.storage.document.JsonFields.optionalString;
import static dev.runnel.storage.document.JsonFields.path;
import static dev.runnel.storage.document.JsonFields.putInstant;
import static dev.runnel.storage.document.JsonFields.putMap;
import static dev.runnel.storage.document.JsonFields.putString;
import static dev.runnel.storage.document.JsonFields.requireObject;
import static dev.runnel.storage.document.JsonFields.string;
import static dev.runnel.storage.document.JsonFields.stringMap;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delivery channel in a stream document: every member of {@link Channel} and of its configuration, named as
 * the records name them. Any configuration member may be null (absent in the document), as the records allow;
 * the lists of tables and partition fields keep null elements. Stateless.
 */
final class ChannelJson {

    private ChannelJson() {}

    static void write(ObjectNode out, Channel channel) {
        out.put("name", channel.name());
        out.put("id", channel.id());
        out.put("createdAt", channel.createdAt().toString());
        out.put("activeAt", channel.activeAt().toString());
        putInstant(out, "updatingUntil", channel.updatingUntil());
        putInstant(out, "goneAt", channel.goneAt());
        writeConfiguration(out.putObject("configuration"), channel.configuration());
        putMap(out, "tags", channel.tags());
        putString(out, "policy", channel.policy());
    }

    static Channel read(JsonNode in, String path) throws StreamFormatException {
        return new Channel(
                string(in, "name", path),
                string(in, "id", path),
                instant(in, "createdAt", path),
                instant(in, "activeAt", path),
                optionalInstant(in, "updatingUntil", path),
                optionalInstant(in, "goneAt", path),
                readConfiguration(object(in, "configuration", path), path(path, "configuration")),
                stringMap(in, "tags", path),
                optionalString(in, "policy", path));
    }

    private static void writeConfiguration(ObjectNode out, ChannelConfiguration c) {
        putString(out, "serviceExecutionRoleARN", c.serviceExecutionRoleARN());
        if (c.recordConfiguration() != null) {
            ObjectNode record = out.putObject("recordConfiguration");
            putString(record, "recordFormatType", c.recordConfiguration().recordFormatType());
            putString(record, "gsrSchemaARN", c.recordConfiguration().gsrSchemaARN());
        }
        S3DestinationConfiguration s3 = c.s3DestinationConfiguration();
        if (s3 != null) {
            ObjectNode destination = out.putObject("s3DestinationConfiguration");
            putInteger(destination, "dataFreshnessInSeconds", s3.dataFreshnessInSeconds());
            writeDeadLetters(destination, s3.deadLetterQueueS3Configuration());
            S3StorageConfiguration storage = s3.storageConfiguration();
            if (storage != null) {
                ObjectNode node = destination.putObject("storageConfiguration");
                putString(node, "bucketARN", storage.bucketARN());
                putString(node, "expectedBucketOwner", storage.expectedBucketOwner());
                putString(node, "outputKeyTemplate", storage.outputKeyTemplate());
                putString(node, "storageClass", storage.storageClass());
                putString(node, "compressionType", storage.compressionType());
            }
        }
        S3TablesDestinationConfiguration tables = c.s3TablesDestinationConfiguration();
        if (tables != null) {
            ObjectNode destination = out.putObject("s3TablesDestinationConfiguration");
            putInteger(destination, "dataFreshnessInSeconds", tables.dataFreshnessInSeconds());
            writeDeadLetters(destination, tables.deadLetterQueueS3Configuration());
            if (tables.s3TablesConfigurationList() != null) {
                ArrayNode list = destination.putArray("s3TablesConfigurationList");
                for (S3TablesConfiguration table : tables.s3TablesConfigurationList()) {
                    if (table == null) {
                        list.addNull();
                    } else {
                        writeTable(list.addObject(), table);
                    }
                }
            }
        }
        if (c.encryptionConfiguration() != null) {
            ObjectNode encryption = out.putObject("encryptionConfiguration");
            putString(encryption, "encryptionType", c.encryptionConfiguration().encryptionType());
            putString(encryption, "keyId", c.encryptionConfiguration().keyId());
        }
        if (c.loggingConfiguration() != null) {
            ObjectNode logging = out.putObject("loggingConfiguration");
            CloudWatchLogs logs = c.loggingConfiguration().cloudWatchLogs();
            if (logs != null) {
                ObjectNode node = logging.putObject("cloudWatchLogs");
                if (logs.enabled() != null) {
                    node.put("enabled", logs.enabled().booleanValue());
                }
                putString(node, "logGroupName", logs.logGroupName());
                putString(node, "logStreamName", logs.logStreamName());
            }
        }
    }

    private static void writeDeadLetters(ObjectNode destination, DeadLetterQueueS3Configuration deadLetters) {
        if (deadLetters != null) {
            ObjectNode node = destination.putObject("deadLetterQueueS3Configuration");
            putString(node, "bucketARN", deadLetters.bucketARN());
            putString(node, "expectedBucketOwner", deadLetters.expectedBucketOwner());
            putString(node, "errorOutputPrefix", deadLetters.errorOutputPrefix());
        }
    }

    private static void writeTable(ObjectNode out, S3TablesConfiguration table) {
        putString(out, "tableBucketARN", table.tableBucketARN());
        putString(out, "namespace", table.namespace());
        putString(out, "tableName", table.tableName());
        putString(out, "compressionType", table.compressionType());
        PartitionSpec spec = table.partitionSpec();
        if (spec != null) {
            ObjectNode node = out.putObject("partitionSpec");
            if (spec.partitionFields() != null) {
                ArrayNode fields = node.putArray("partitionFields");
                for (PartitionField field : spec.partitionFields()) {
                    if (field == null) {
                        fields.addNull();
                    } else {
                        ObjectNode f = fields.addObject();
                        putString(f, "transform", field.transform());
                        putString(f, "sourceName", field.sourceName());
                    }
                }
            }
        }
    }

    private static void putInteger(ObjectNode out, String field, Integer value) {
        if (value != null) {
            out.put(field, value.intValue());
        }
    }

    private static ChannelConfiguration readConfiguration(JsonNode in, String path) throws StreamFormatException {
        JsonNode record = optionalObject(in, "recordConfiguration", path);
        String recordPath = path(path, "recordConfiguration");
        JsonNode encryption = optionalObject(in, "encryptionConfiguration", path);
        String encryptionPath = path(path, "encryptionConfiguration");
        JsonNode logging = optionalObject(in, "loggingConfiguration", path);
        String loggingPath = path(path, "loggingConfiguration");
        JsonNode logs = logging == null ? null : optionalObject(logging, "cloudWatchLogs", loggingPath);
        String logsPath = path(loggingPath, "cloudWatchLogs");
        return new ChannelConfiguration(
                optionalString(in, "serviceExecutionRoleARN", path),
                record == null
                        ? null
                        : new RecordConfiguration(
                                optionalString(record, "recordFormatType", recordPath),
                                optionalString(record, "gsrSchemaARN", recordPath)),
                readS3(
                        optionalObject(in, "s3DestinationConfiguration", path),
                        path(path, "s3DestinationConfiguration")),
                readTables(
                        optionalObject(in, "s3TablesDestinationConfiguration", path),
                        path(path, "s3TablesDestinationConfiguration")),
                encryption == null
                        ? null
                        : new EncryptionConfiguration(
                                optionalString(encryption, "encryptionType", encryptionPath),
                                optionalString(encryption, "keyId", encryptionPath)),
                logging == null
                        ? null
                        : new LoggingConfiguration(
                                logs == null
                                        ? null
                                        : new CloudWatchLogs(
                                                optionalBoolean(logs, "enabled", logsPath),
                                                optionalString(logs, "logGroupName", logsPath),
                                                optionalString(logs, "logStreamName", logsPath))));
    }

    private static S3DestinationConfiguration readS3(JsonNode in, String path) throws StreamFormatException {
        if (in == null) {
            return null;
        }
        JsonNode storage = optionalObject(in, "storageConfiguration", path);
        String storagePath = path(path, "storageConfiguration");
        return new S3DestinationConfiguration(
                optionalInteger(in, "dataFreshnessInSeconds", path),
                readDeadLetters(in, path),
                storage == null
                        ? null
                        : new S3StorageConfiguration(
                                optionalString(storage, "bucketARN", storagePath),
                                optionalString(storage, "expectedBucketOwner", storagePath),
                                optionalString(storage, "outputKeyTemplate", storagePath),
                                optionalString(storage, "storageClass", storagePath),
                                optionalString(storage, "compressionType", storagePath)));
    }

    private static DeadLetterQueueS3Configuration readDeadLetters(JsonNode destination, String destinationPath)
            throws StreamFormatException {
        JsonNode in = optionalObject(destination, "deadLetterQueueS3Configuration", destinationPath);
        String path = path(destinationPath, "deadLetterQueueS3Configuration");
        return in == null
                ? null
                : new DeadLetterQueueS3Configuration(
                        optionalString(in, "bucketARN", path),
                        optionalString(in, "expectedBucketOwner", path),
                        optionalString(in, "errorOutputPrefix", path));
    }

    private static S3TablesDestinationConfiguration readTables(JsonNode in, String path) throws StreamFormatException {
        if (in == null) {
            return null;
        }
        List<JsonNode> elements = optionalArray(in, "s3TablesConfigurationList", path);
        List<S3TablesConfiguration> tables = null;
        if (elements != null) {
            tables = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                JsonNode table = elements.get(i);
                String at = element(path, "s3TablesConfigurationList", i);
                tables.add(table == null ? null : readTable(requireObject(table, at), at));
            }
        }
        return new S3TablesDestinationConfiguration(
                optionalInteger(in, "dataFreshnessInSeconds", path), readDeadLetters(in, path), tables);
    }

    private static S3TablesConfiguration readTable(JsonNode in, String path) throws StreamFormatException {
        JsonNode spec = optionalObject(in, "partitionSpec", path);
        String specPath = path(path, "partitionSpec");
        List<PartitionField> fields = null;
        List<JsonNode> elements = spec == null ? null : optionalArray(spec, "partitionFields", specPath);
        if (elements != null) {
            fields = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                JsonNode field = elements.get(i);
                String at = element(specPath, "partitionFields", i);
                fields.add(
                        field == null
                                ? null
                                : new PartitionField(
                                        optionalString(requireObject(field, at), "transform", at),
                                        optionalString(field, "sourceName", at)));
            }
        }
        return new S3TablesConfiguration(
                optionalString(in, "tableBucketARN", path),
                optionalString(in, "namespace", path),
                optionalString(in, "tableName", path),
                optionalString(in, "compressionType", path),
                spec == null ? null : new PartitionSpec(fields));
    }
}
