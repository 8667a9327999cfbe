package dev.runnel.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runnel.core.error.SerializationException;
import dev.runnel.records.StandardBase64;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The Jackson mappers of the two encodings. Members are UpperCamel on the wire, nulls are left out, unknown
 * members ignored, and scalars are never coerced from another type (AWS answers SerializationException).
 * Blobs and timestamps differ:
 * <ul>
 *   <li>JSON: blobs are standard Base64 (strictly checked, with AWS's messages); timestamps are epoch
 *       <em>seconds</em>, integer or decimal in requests, with a millisecond fraction in responses;</li>
 *   <li>CBOR: blobs are byte strings; timestamps are epoch <em>milliseconds</em>, optionally behind tag 1,
 *       in both directions (not the seconds RFC 8949 gives tag 1, which SDKs misread).</li>
 * </ul>
 */
final class AwsWireFormats {

    /**
     * Members are named in upper camel case ({@code streamName} is {@code StreamName}); {@code GSRSchemaARN}, whose
     * name starts with an acronym, is the one that needs saying.
     */
    private static final PropertyNamingStrategy MEMBER_NAMES = new PropertyNamingStrategies.UpperCamelCaseStrategy() {
        @Override
        public String translate(String name) {
            return name.equals("gsrSchemaARN") ? "GSRSchemaARN" : super.translate(name);
        }
    };

    private AwsWireFormats() {}

    /**
     * Streams {@code value} to the client. A client that goes away mid-answer (a closed connection, a reset stream)
     * surfaces as the container's own {@link IOException}, which it treats as a client abort, rather than wrapped in a
     * Jackson exception, which would be logged as a server error with its stack trace.
     */
    static void writeAnswer(ObjectMapper mapper, OutputStream out, Object value) throws IOException {
        try {
            mapper.writeValue(out, value);
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException clientGone) {
                throw clientGone;
            }
            throw e;
        }
    }

    static ObjectMapper json() {
        SimpleModule module = new SimpleModule("aws-json")
                .addDeserializer(Instant.class, new JsonTimestampDeserializer())
                .addSerializer(Instant.class, new JsonTimestampSerializer())
                .addDeserializer(byte[].class, new JsonBlobDeserializer());
        return configure(JsonMapper.builder(), clampNumbers(module)).build();
    }

    static ObjectMapper cbor() {
        SimpleModule module = new SimpleModule("aws-cbor")
                .addDeserializer(Instant.class, new CborTimestampDeserializer())
                .addSerializer(Instant.class, new CborTimestampSerializer());
        return configure(CBORMapper.builder(), clampNumbers(module)).build();
    }

    /** AWS floors fractional numbers and clamps them to the member's range, then validates the result. */
    private static SimpleModule clampNumbers(SimpleModule module) {
        return module.addDeserializer(
                        Integer.class,
                        new ClampedNumberDeserializer<>(
                                "Integer", Integer.MIN_VALUE, Integer.MAX_VALUE, value -> (int) value))
                .addDeserializer(
                        Long.class,
                        new ClampedNumberDeserializer<>("Long", Long.MIN_VALUE, Long.MAX_VALUE, value -> value));
    }

    private static final class ClampedNumberDeserializer<T> extends ValueDeserializer<T> {
        private final String typeName;
        private final BigDecimal min;
        private final BigDecimal max;
        private final java.util.function.LongFunction<T> convert;

        ClampedNumberDeserializer(String typeName, long min, long max, java.util.function.LongFunction<T> convert) {
            this.typeName = typeName;
            this.min = BigDecimal.valueOf(min);
            this.max = BigDecimal.valueOf(max);
            this.convert = convert;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new SerializationException(AwsErrors.typeMismatch(token, typeName));
            }
            rejectNonFinite(parser, typeName);
            BigDecimal value = parser.getDecimalValue().setScale(0, RoundingMode.FLOOR);
            return convert.apply(value.max(min).min(max).longValueExact());
        }
    }

    /** CBOR floats can be NaN or infinite, which no number member can hold (JSON has no such numbers). */
    private static void rejectNonFinite(JsonParser parser, String target) {
        if (parser.isNaN()) {
            throw new SerializationException(
                    "Value " + parser.getDoubleValue() + " can not be converted to " + AwsErrors.article(target));
        }
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder, SimpleModule module) {
        return StrictCoercion.apply(builder)
                .propertyNamingStrategy(MEMBER_NAMES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .changeDefaultPropertyInclusion(inclusion -> inclusion
                        .withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL))
                .addModule(module);
    }

    private static final class JsonTimestampDeserializer extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal seconds = parser.getDecimalValue();
                return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
            }
            throw new SerializationException(AwsErrors.typeMismatch(token, "milliseconds since epoch"));
        }
    }

    /**
     * Epoch seconds with three decimals, as BigDecimal would print them. GetRecords writes one per record, and the
     * records of a page mostly arrived in runs within the same millisecond, so the last text written is kept and
     * written again while the millisecond repeats. It is shared by every thread: a {@link Text} has only final
     * fields and its array is never changed, so a racing thread sees a whole one or another whole one.
     */
    private static final class JsonTimestampSerializer extends ValueSerializer<Instant> {
        private Text last = new Text(-1, new char[0]);

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            long millis = value.toEpochMilli();
            if (millis < 0) {
                generator.writeNumber(BigDecimal.valueOf(millis, 3));
                return;
            }
            Text text = last;
            if (text.millis != millis) {
                text = Text.of(millis);
                last = text;
            }
            generator.writeNumber(text.chars, 0, text.chars.length);
        }

        private record Text(long millis, char[] chars) {
            static Text of(long millis) {
                char[] text = new char[24];
                int start = text.length;
                long rest = millis;
                for (int digit = 0; digit < 3; digit++) {
                    text[--start] = (char) ('0' + rest % 10);
                    rest /= 10;
                }
                text[--start] = '.';
                do {
                    text[--start] = (char) ('0' + rest % 10);
                    rest /= 10;
                } while (rest > 0);
                return new Text(millis, Arrays.copyOfRange(text, start, text.length));
            }
        }
    }

    private static final class CborTimestampDeserializer extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(parser.getLongValue());
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                rejectNonFinite(parser, "milliseconds since epoch");
                return Instant.ofEpochMilli((long) parser.getDoubleValue());
            }
            throw new SerializationException(AwsErrors.typeMismatch(token, "milliseconds since epoch"));
        }
    }

    private static final class CborTimestampSerializer extends ValueSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            ((CBORGenerator) generator).writeTag(1);
            generator.writeNumber(value.toEpochMilli());
        }
    }

    /** Standard Base64 with padding, rejected with AWS's texts otherwise. */
    private static final class JsonBlobDeserializer extends ValueDeserializer<byte[]> {
        @Override
        public byte[] deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING) {
                throw new SerializationException(AwsErrors.typeMismatch(token, "a Blob"));
            }
            String text = parser.getString();
            if (text.length() % 4 != 0) {
                throw new SerializationException("'" + text + "' can not be converted to a Blob: Base64 encoded "
                        + "length is expected a multiple of 4 bytes but found: " + text.length());
            }
            try {
                // What StandardBase64 decodes (the alphabet, at most two '=' at the end, zero bits after the
                // last byte) is what AWS accepts; the character-by-character check below only runs to word the
                // rejection as AWS does.
                return StandardBase64.decode(text);
            } catch (StandardBase64.NonCanonical e) {
                // AWS's text, "dectected" included (recorded against AWS by kinesalite's test suite).
                throw new SerializationException("'" + text
                        + "' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
            } catch (IllegalArgumentException e) {
                throw rejection(text, e);
            }
        }

        private static SerializationException rejection(String text, IllegalArgumentException failure) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean base64 = (c >= 'A' && c <= 'Z')
                        || (c >= 'a' && c <= 'z')
                        || (c >= '0' && c <= '9')
                        || c == '+'
                        || c == '/'
                        || (c == '=' && i >= text.length() - 2);
                if (!base64) {
                    return new SerializationException("'" + text + "' can not be converted to a Blob: Invalid Base64 "
                            + "character: '" + c + "'");
                }
            }
            return new SerializationException("'" + text + "' can not be converted to a Blob: " + failure.getMessage());
        }
    }
}
