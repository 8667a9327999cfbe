package dev.runnel.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.metricsink.MetricFilter;
import dev.runnel.metricsink.MetricPoint;
import dev.runnel.metricsink.MetricValue;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORMapper;

/** Smithy RPC v2 CBOR, as the AWS SDK for Java v2 sends PutMetricData since 2.40. */
class CloudWatchRpcV2CborTest {

    private static final CBORMapper CBOR = CBORMapper.builder().build();
    private final CloudWatchCalls calls = new CloudWatchCalls();

    static byte[] cbor(Consumer<CBORGenerator> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = CBOR.createGenerator(out)) {
            body.accept((CBORGenerator) generator);
        }
        return out.toByteArray();
    }

    /** What the SDK writes: a map, a list of data, a timestamp as tag 1 and a double of epoch seconds. */
    static byte[] kclDatum(String namespace, Instant timestamp) {
        return cbor(g -> {
            g.writeStartObject();
            g.writeStringProperty("Namespace", namespace);
            g.writeName("MetricData");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringProperty("MetricName", "RecordsProcessed");
            g.writeName("Dimensions");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringProperty("Name", "Operation");
            g.writeStringProperty("Value", "ProcessTask");
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringProperty("Name", "ShardId");
            g.writeStringProperty("Value", "shardId-000000000000");
            g.writeEndObject();
            g.writeEndArray();
            g.writeName("Timestamp");
            g.writeTag(1);
            g.writeNumber(timestamp.toEpochMilli() / 1000.0);
            g.writeName("StatisticValues");
            g.writeStartObject();
            g.writeNumberProperty("SampleCount", 2.0);
            g.writeNumberProperty("Sum", 30.0);
            g.writeNumberProperty("Minimum", 10.0);
            g.writeNumberProperty("Maximum", 20.0);
            g.writeEndObject();
            g.writeStringProperty("Unit", "Count");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @Test
    void putMetricDataStoresTheDataAndAnswersWithAnEmptyBody() {
        Instant observed = calls.clock.instant().minusMillis(1500);

        MockHttpServletResponse response = calls.send(CloudWatchCalls.rpc("PutMetricData", kclDatum("app", observed)))
                .response();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
        assertThat(response.getContentType()).isNull();
        assertThat(response.getContentAsByteArray()).isEmpty();
        List<MetricPoint> points = calls.sink.points("us-east-1", "app", MetricFilter.all(), Instant.EPOCH);
        assertThat(points).singleElement().satisfies(p -> {
            assertThat(p.metricName()).isEqualTo("RecordsProcessed");
            assertThat(p.dimensions())
                    .containsExactly(
                            Map.entry("Operation", "ProcessTask"), Map.entry("ShardId", "shardId-000000000000"));
            assertThat(p.timestamp()).isEqualTo(observed);
            assertThat(p.unit()).isEqualTo("Count");
            assertThat(p.value()).isEqualTo(new MetricValue.Statistics(2, 30, 10, 20));
        });
    }

    @Test
    void timestampsWrittenAsDoublesOfSecondsKeepTheirMilliseconds() {
        Instant start = calls.clock.instant().minusSeconds(60);
        for (int millis = 0; millis < 1000; millis++) {
            Instant observed = start.plusMillis(millis);
            assertThat(calls.send(CloudWatchCalls.rpc("PutMetricData", kclDatum("ms", observed)))
                            .response()
                            .getStatus())
                    .isEqualTo(200);
        }

        assertThat(calls.sink.points("us-east-1", "ms", MetricFilter.all(), Instant.EPOCH))
                .extracting(MetricPoint::timestamp)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1000)
                        .mapToObj(start::plusMillis)
                        .toList());
    }

    @Test
    void takesIntegerTimestampsAndIndefiniteLengthMaps() {
        byte[] body = {
            (byte) 0xBF, // indefinite map
            0x69,
            'N',
            'a',
            'm',
            'e',
            's',
            'p',
            'a',
            'c',
            'e',
            0x61,
            'n',
            0x6A,
            'M',
            'e',
            't',
            'r',
            'i',
            'c',
            'D',
            'a',
            't',
            'a',
            (byte) 0x9F, // indefinite list
            (byte) 0xBF,
            0x6A,
            'M',
            'e',
            't',
            'r',
            'i',
            'c',
            'N',
            'a',
            'm',
            'e',
            0x61,
            'm',
            0x65,
            'V',
            'a',
            'l',
            'u',
            'e',
            0x05,
            0x69,
            'T',
            'i',
            'm',
            'e',
            's',
            't',
            'a',
            'm',
            'p',
            (byte) 0xC1,
            0x1A,
            0x67,
            0x74,
            (byte) 0x85,
            0x00,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF
        };

        assertThat(calls.send(CloudWatchCalls.rpc("PutMetricData", body))
                        .response()
                        .getStatus())
                .isEqualTo(200);

        assertThat(calls.sink.points("us-east-1", "n", MetricFilter.all(), Instant.EPOCH))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.value()).isEqualTo(new MetricValue.Single(5, 1));
                    assertThat(p.timestamp()).isEqualTo(Instant.ofEpochSecond(0x67748500L));
                });
    }

    @Test
    void errorsAreCborStructuresWithTheShapeAndTheQueryCode() {
        byte[] noNamespace = cbor(g -> {
            g.writeStartObject();
            g.writeEndObject();
        });

        MockHttpServletResponse response =
                calls.send(CloudWatchCalls.rpc("PutMetricData", noNamespace)).response();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeader("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
        assertThat(response.getHeader("x-amzn-query-error")).isEqualTo("MissingParameter;Sender");
        assertThat(response.getContentType()).isEqualTo("application/cbor");
        JsonNode error = CBOR.readTree(response.getContentAsByteArray());
        assertThat(error.get("__type").asString())
                .isEqualTo("com.amazonaws.cloudwatch#MissingRequiredParameterException");
        assertThat(error.get("message").asString()).isEqualTo("The parameter Namespace is required.");
    }

    @Test
    void anEmptyBodyIsARequestWithoutMembers() {
        MockHttpServletResponse response =
                calls.send(CloudWatchCalls.rpc("PutMetricData", new byte[0])).response();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(CBOR.readTree(response.getContentAsByteArray())
                        .get("message")
                        .asString())
                .isEqualTo("The parameter Namespace is required.");
    }

    @Test
    void otherOperationsAreUnknown() {
        MockHttpServletResponse response = calls.send(
                        CloudWatchCalls.rpc("GetMetricData", kclDatum("app", Instant.EPOCH)))
                .response();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeader("x-amzn-query-error")).isNull();
        JsonNode error = CBOR.readTree(response.getContentAsByteArray());
        assertThat(error.get("__type").asString()).isEqualTo("UnknownOperationException");
        assertThat(error.get("message").asString())
                .isEqualTo("Unknown operation 'GetMetricData'. Runnel's CloudWatch is a metrics sink for KCL that "
                        + "accepts PutMetricData only.");
    }

    @Test
    void bodiesThatAreNotCborStructuresAreSerializationExceptions() {
        Map<byte[], String> bodies = new LinkedHashMap<>();
        bodies.put(
                new byte[] {(byte) 0xFF, 0x00},
                "The request body could not be decoded: Unexpected Break (0xFF) token in Root context.");
        bodies.put(cbor(g -> g.writeString("text")), "Expected a structure as the request body but found a string.");
        bodies.put(
                cbor(g -> {
                    g.writeStartObject();
                    g.writeNumberProperty("Namespace", 5);
                    g.writeEndObject();
                }),
                "At 'Namespace': expected a string but found a number.");
        bodies.put(
                cbor(g -> {
                    g.writeStartObject();
                    g.writeStringProperty("Namespace", "n");
                    g.writeName("MetricData");
                    g.writeStartArray();
                    g.writeStartObject();
                    g.writeStringProperty("MetricName", "m");
                    g.writeStringProperty("Timestamp", "yesterday");
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                }),
                "At 'MetricData.member.1.Timestamp': A timestamp is a number of seconds since 1970-01-01T00:00:00Z, "
                        + "not a string.");
        bodies.forEach((body, message) -> {
            MockHttpServletResponse response =
                    calls.send(CloudWatchCalls.rpc("PutMetricData", body)).response();

            assertThat(response.getStatus()).isEqualTo(400);
            JsonNode error = CBOR.readTree(response.getContentAsByteArray());
            assertThat(error.get("__type").asString()).isEqualTo("SerializationException");
            assertThat(error.get("message").asString()).isEqualTo(message);
        });
    }

    @Test
    void nonFiniteFloatsAreRefusedInCloudWatchsWords() {
        byte[] body = cbor(g -> {
            g.writeStartObject();
            g.writeStringProperty("Namespace", "n");
            g.writeName("MetricData");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringProperty("MetricName", "m");
            g.writeNumberProperty("Value", Double.NaN);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });

        MockHttpServletResponse response =
                calls.send(CloudWatchCalls.rpc("PutMetricData", body)).response();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeader("x-amzn-query-error")).isEqualTo("InvalidParameterValue;Sender");
        assertThat(CBOR.readTree(response.getContentAsByteArray())
                        .get("message")
                        .asString())
                .isEqualTo("The value 'NaN' for parameter MetricData.member.1.Value is invalid: CloudWatch takes no "
                        + "NaN or infinite values.");
    }

    @Test
    void gzippedBodiesAreDecompressed() {
        assertThat(calls.send(CloudWatchCalls.gzipped(
                                CloudWatchCalls.rpc("PutMetricData", kclDatum("zipped", Instant.EPOCH))))
                        .response()
                        .getStatus())
                .isEqualTo(400); // the epoch is more than two weeks ago: decoded, then checked
        Instant now = calls.clock.instant();
        assertThat(calls.send(CloudWatchCalls.gzipped(CloudWatchCalls.rpc("PutMetricData", kclDatum("zipped", now))))
                        .response()
                        .getStatus())
                .isEqualTo(200);
        assertThat(calls.sink.namespaces("us-east-1")).containsExactly("zipped");
    }
}
