package dev.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.channel.ChannelConfiguration.RecordConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/** Members are named in upper camel case on the wire, including the one whose name starts with an acronym. */
class AwsWireNamesTest {

    private final ObjectMapper json = AwsWireFormats.json();

    @Test
    void theGlueSchemaArnIsGsrSchemaArnOnTheWire() {
        RecordConfiguration configuration =
                new RecordConfiguration("GSR_JSON", "arn:aws:glue:eu-west-1:123456789012:schema/r/s");
        String text = json.writeValueAsString(configuration);
        assertThat(text)
                .isEqualTo("{\"RecordFormatType\":\"GSR_JSON\","
                        + "\"GSRSchemaARN\":\"arn:aws:glue:eu-west-1:123456789012:schema/r/s\"}");
        assertThat(json.readValue(text, RecordConfiguration.class)).isEqualTo(configuration);
    }
}
