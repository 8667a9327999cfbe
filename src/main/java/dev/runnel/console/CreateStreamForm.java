package dev.runnel.console;

import dev.runnel.core.stream.StreamMode;
import dev.runnel.streams.CreateStreamCommand;
import java.util.Map;

/** The create-stream form; fields stay as typed so a rejected form comes back unchanged. */
public record CreateStreamForm(String name, String mode, Integer shardCount, Integer retentionHours) {

    static CreateStreamForm defaults() {
        return new CreateStreamForm("", StreamMode.PROVISIONED.name(), 1, 24);
    }

    CreateStreamCommand toCommand() {
        StreamMode streamMode = StreamMode.ON_DEMAND.name().equals(mode) ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED;
        return CreateStreamCommand.of(name == null ? "" : name.strip(), streamMode,
                streamMode == StreamMode.ON_DEMAND ? null : shardCount, retentionHours, null, Map.of());
    }
}
