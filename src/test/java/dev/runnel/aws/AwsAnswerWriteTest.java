package dev.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/** Streaming an answer to a client that went away surfaces the container's I/O error, not a Jackson one. */
class AwsAnswerWriteTest {

    @Test
    void aClientGoneMidAnswerIsTheStreamsOwnIoException() {
        IOException clientGone = new IOException("Broken pipe");
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw clientGone;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw clientGone;
            }
        };
        for (ObjectMapper mapper : new ObjectMapper[] {AwsWireFormats.json(), AwsWireFormats.cbor()}) {
            assertThatThrownBy(() -> AwsWireFormats.writeAnswer(mapper, closed, Map.of("Records", "x".repeat(100_000))))
                    .isSameAs(clientGone);
        }
    }

    @Test
    void anAnswerIsWrittenWhole() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AwsWireFormats.writeAnswer(AwsWireFormats.json(), out, Map.of("StreamNames", java.util.List.of("a")));
        assertThat(out.toString()).isEqualTo("{\"StreamNames\":[\"a\"]}");
    }
}
