package dev.runnel.streams;

import io.swagger.v3.oas.annotations.media.Schema;

/** REST body of {@code PUT /streams/{name}/retention}. */
@Schema(
        name = "UpdateRetentionPeriodRequest",
        description = "The new retention period",
        example = "{\"retentionPeriodHours\": 48}")
record RetentionRequest(
        @Schema(description = "24–8760 hours", example = "48", requiredMode = Schema.RequiredMode.REQUIRED)
        Integer retentionPeriodHours) {}
