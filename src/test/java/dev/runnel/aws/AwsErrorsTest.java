package dev.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.error.SerializationException;
import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.core.error.ValidationException;
import dev.runnel.web.ProtocolError;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonToken;

class AwsErrorsTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyKinesisErrorHasTheStatusTheSdksExpect() {
        Class<?>[] types = KinesisException.class.getPermittedSubclasses();
        assertThat(types).as("permitted subclasses of KinesisException").hasSizeGreaterThanOrEqualTo(10);
        List<String> missing = new ArrayList<>();
        for (Class<?> type : types) {
            int expected = type == InternalFailureException.class
                    ? 500
                    : type == ServiceUnavailableException.class ? 503 : 400;
            try {
                int status = AwsErrors.statusOf((Class<? extends KinesisException>) type);
                assertThat(status).as("AWS status of %s", type.getSimpleName()).isEqualTo(expected);
            } catch (IllegalStateException e) {
                missing.add(type.getSimpleName());
            }
        }
        assertThat(missing)
                .as("KinesisException subtypes without a row in AwsErrors")
                .isEmpty();
    }

    @Test
    void everyKinesisErrorGoesOnTheWireUnderItsOwnName() throws ReflectiveOperationException {
        for (Class<?> type : KinesisException.class.getPermittedSubclasses()) {
            Constructor<?> constructor = type.getConstructor(String.class);
            assertThat(Modifier.isPublic(constructor.getModifiers())).isTrue();
            KinesisException error = (KinesisException) constructor.newInstance("some text");
            AwsErrors.AwsError wire = AwsErrors.of(error);
            String name = type == ServiceUnavailableException.class ? "ServiceUnavailable" : type.getSimpleName();
            assertThat(wire.type()).isEqualTo(name);
            String messageKey = type == SerializationException.class ? "Message" : "message";
            assertThat(wire.body())
                    .as("body of %s", type.getSimpleName())
                    .containsExactly(
                            org.assertj.core.api.Assertions.entry("__type", name),
                            org.assertj.core.api.Assertions.entry(messageKey, "some text"));
        }
    }

    @Test
    void modelledErrorsUseALowercaseMessage() {
        AwsErrors.AwsError wire = AwsErrors.of(new ResourceNotFoundException("Stream s under account 1 not found."));
        assertThat(wire.status()).isEqualTo(400);
        assertThat(wire.body()).containsOnlyKeys("__type", "message");
    }

    @Test
    void protocolErrorsAreNotInternalFailures() {
        assertThat(AwsErrors.unknownOperation("Unknown operation X.").status()).isEqualTo(400);
        assertThat(AwsErrors.unknownOperation("Unknown operation X.").type()).isEqualTo("UnknownOperationException");
        assertThat(AwsErrors.internalFailure().status()).isEqualTo(500);
        assertThat(AwsErrors.internalFailure().type()).isEqualTo("InternalFailure");
    }

    @Test
    void messagesAreMadePrintableSoCborCanCarryThem() {
        AwsErrors.AwsError wire = AwsErrors.of(new ValidationException("Value '\uD800' at 'streamName'"));
        assertThat(wire.message()).isEqualTo("Value '\uFFFD' at 'streamName'");
        byte[] cbor = AwsWireFormats.cbor().writeValueAsBytes(wire.body());
        assertThat(AwsWireFormats.cbor().readTree(cbor).path("message").asString())
                .isEqualTo("Value '\uFFFD' at 'streamName'");
    }

    @Test
    void memberPathsUseAwsLowerCamelNames() {
        assertThat(AwsErrors.memberName("StreamName")).isEqualTo("streamName");
        assertThat(AwsErrors.memberName("GSRSchemaARN")).isEqualTo("gsrSchemaARN");
        assertThat(AwsErrors.memberName("ConsumerARN")).isEqualTo("consumerARN");
        assertThat(AwsErrors.memberName("ARN")).isEqualTo("arn");
        assertThat(AwsErrors.memberName("x")).isEqualTo("x");
    }

    @Test
    void aBodyThatIsNoStructureIsWordedByWhatItIs() {
        assertThat(AwsErrors.notAStructure(JsonToken.VALUE_NULL).getMessage())
                .isEqualTo("Expected a structure or map as the request body but found null.");
        assertThat(AwsErrors.notAStructure(JsonToken.START_ARRAY).getMessage())
                .isEqualTo("Start of list found where not expected");
        assertThat(AwsErrors.notAStructure(null).getMessage()).endsWith("found the end of the body.");
    }

    @Test
    void containerErrorsKeepTheirStatusAndType() {
        AwsErrors.AwsError wire = AwsErrors.of(new ProtocolError(408, "RequestTimeout", "No part arrived."));
        assertThat(wire.status()).isEqualTo(408);
        assertThat(wire.body())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("__type", "RequestTimeout"),
                        org.assertj.core.api.Assertions.entry("message", "No part arrived."));
    }
}
