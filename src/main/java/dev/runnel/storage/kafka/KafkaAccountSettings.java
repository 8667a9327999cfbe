package dev.runnel.storage.kafka;

import dev.runnel.core.account.ThroughputCommitment;
import dev.runnel.storage.AccountSettingsStore;
import dev.runnel.storage.kafka.MetadataLog.Entry;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A region's account settings shared by every node: one {@link MetadataLog} entry under {@code settings/<region>},
 * a small JSON object ({@code {"format":1,"startedAt":…,"earliestAllowedEndAt":…,"endedAt":…}}, instants as ISO-8601
 * strings, absent ones left out). A save is an unconditional write (the last save wins); reads come from this node's
 * view, which may trail a save on another node by milliseconds (call {@link MetadataLog#barrier} first when that
 * matters). An entry that cannot be read is logged at ERROR once and reads as no commitment.
 *
 * <p>Thread-safe. {@link #saveCommitment} blocks as {@link MetadataLog#propose} does and throws {@link
 * dev.runnel.core.error.ServiceUnavailableException} when Kafka did not answer in time (the save may still be made).
 */
public final class KafkaAccountSettings implements AccountSettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAccountSettings.class);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int FORMAT = 1;

    private record Decoded(long revision, ThroughputCommitment commitment) {}

    private final MetadataLog log;
    private final String key;
    private volatile Decoded last;

    /**
     * @param log this node's metadata log
     * @param region the region whose settings these are
     */
    public KafkaAccountSettings(MetadataLog log, String region) {
        this.log = log;
        this.key = "settings/" + region;
    }

    @Override
    public ThroughputCommitment commitment() {
        Optional<Entry> entry = log.get(key);
        if (entry.isEmpty()) {
            return ThroughputCommitment.NONE;
        }
        Decoded cached = last;
        if (cached == null || cached.revision() != entry.get().revision()) {
            cached = new Decoded(entry.get().revision(), read(entry.get()));
            last = cached;
        }
        return cached.commitment();
    }

    @Override
    public void saveCommitment(ThroughputCommitment commitment) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("format", FORMAT);
        put(out, "startedAt", commitment.startedAt());
        put(out, "earliestAllowedEndAt", commitment.earliestAllowedEndAt());
        put(out, "endedAt", commitment.endedAt());
        log.propose(key, MetadataLog.ANY, MAPPER.writeValueAsBytes(out));
    }

    private static void put(ObjectNode out, String field, Instant value) {
        if (value != null) {
            out.put(field, value.toString());
        }
    }

    private static ThroughputCommitment read(Entry entry) {
        try {
            JsonNode in = MAPPER.readTree(entry.value());
            if (in == null || !in.isObject() || in.path("format").asInt(0) != FORMAT) {
                throw new IllegalArgumentException("not a format " + FORMAT + " settings object");
            }
            return new ThroughputCommitment(
                    instant(in, "startedAt"), instant(in, "earliestAllowedEndAt"), instant(in, "endedAt"));
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            LOG.error(
                    "Account settings entry {} (revision {}) cannot be read; treating it as no commitment: {}",
                    entry.key(),
                    entry.revision(),
                    e.getMessage());
            return ThroughputCommitment.NONE;
        }
    }

    private static Instant instant(JsonNode in, String field) {
        JsonNode value = in.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return Instant.parse(value.asString());
    }
}
