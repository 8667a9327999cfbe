package dev.runnel.console;

import dev.runnel.core.stream.StreamMode;
import dev.runnel.streams.CreateStreamCommand;
import java.util.Map;

/** The create-stream form; fields stay as typed so a rejected form comes back unchanged. */
public record CreateStreamForm(String name, String mode, String shardCount, String retentionHours) {

    static CreateStreamForm defaults() {
        return new CreateStreamForm("", StreamMode.PROVISIONED.name(), "1", "24");
    }

    /** @throws dev.runnel.core.error.KinesisException when a value is missing, malformed or out of range */
    CreateStreamCommand toCommand() {
        StreamMode streamMode =
                StreamMode.ON_DEMAND.name().equals(mode) ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED;
        Integer shards = streamMode == StreamMode.ON_DEMAND ? null : FormInput.wholeNumber("shardCount", shardCount);
        Integer hours = retentionHours == null || retentionHours.isBlank()
                ? null
                : FormInput.wholeNumber("retentionPeriodHours", retentionHours);
        return CreateStreamCommand.of(name == null ? "" : name.strip(), streamMode, shards, hours, null, Map.of());
    }
}
