package dev.runnel.aws.cloudwatch;

import dev.runnel.aws.AwsErrors;
import dev.runnel.aws.StrictCoercion;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The Jackson mappers of CloudWatch's two structured protocols, which read requests only (every answer is an empty
 * structure or an error, written by hand). Members are UpperCamel, unknown members ignored, and no scalar is read
 * from a value of another type. Both protocols write timestamps as epoch <em>seconds</em>, integer or fractional:
 * Smithy RPC v2 CBOR behind tag 1 (the Java SDK writes a double), AWS JSON 1.0 as a plain number (unlike Kinesis's
 * CBOR, whose tag-1 timestamps are milliseconds). Doubles take AWS JSON's spellings of the non-finite values
 * ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}) so that PutMetricData's check can refuse them in
 * CloudWatch's words; CBOR carries them as floats.
 */
final class CloudWatchMappers {

    private CloudWatchMappers() {}

    static ObjectMapper cbor() {
        return configure(CBORMapper.builder()).build();
    }

    static ObjectMapper json() {
        return configure(JsonMapper.builder()).build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        SimpleModule module = new SimpleModule("cloudwatch")
                .addDeserializer(Instant.class, new EpochSecondsDeserializer())
                .addDeserializer(Double.class, new DoubleDeserializer());
        return StrictCoercion.apply(builder)
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Collection,
                        config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(module);
    }

    private static final class EpochSecondsDeserializer extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw CloudWatchException.unreadable(
                        "A timestamp is a number of seconds since 1970-01-01T00:00:00Z, not " + AwsErrors.found(token)
                                + ".");
            }
            if (parser.isNaN()) {
                throw CloudWatchException.unreadable("A timestamp must be a finite number of seconds.");
            }
            BigDecimal millis = parser.getDecimalValue().movePointRight(3);
            // Far beyond any time CloudWatch accepts; the check of PutMetricData refuses it in CloudWatch's words.
            long clamped = millis.max(BigDecimal.valueOf(Long.MIN_VALUE / 2))
                    .min(BigDecimal.valueOf(Long.MAX_VALUE / 2))
                    .longValue();
            return Instant.ofEpochMilli(clamped);
        }
    }

    private static final class DoubleDeserializer extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return parser.getDoubleValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                switch (parser.getString()) {
                    case "NaN" -> {
                        return Double.NaN;
                    }
                    case "Infinity" -> {
                        return Double.POSITIVE_INFINITY;
                    }
                    case "-Infinity" -> {
                        return Double.NEGATIVE_INFINITY;
                    }
                    default -> {
                        // falls through to the refusal below
                    }
                }
            }
            throw CloudWatchException.unreadable("Expected a number but found " + AwsErrors.found(token) + ".");
        }
    }
}
