package dev.runnel.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.metricsink.MetricFilter;
import dev.runnel.metricsink.MetricValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** AWS JSON 1.0: {@code X-Amz-Target: GraniteServiceVersion20100801.PutMetricData}, timestamps in epoch seconds. */
class CloudWatchJson10Test {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CloudWatchCalls calls = new CloudWatchCalls();

    private JsonNode error(MockHttpServletResponse response) throws Exception {
        assertThat(response.getContentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
        return JSON.readTree(response.getContentAsString());
    }

    @Test
    void putMetricDataStoresTheDataAndAnswersAnEmptyStructure() throws Exception {
        long seconds = calls.clock.instant().getEpochSecond() - 60;
        String body = "{\"Namespace\":\"app\",\"MetricData\":[{\"MetricName\":\"Latency\",\"Timestamp\":" + seconds
                + ".25,\"Values\":[1,2.5],\"Counts\":[3,4],\"Unit\":\"Milliseconds\",\"StorageResolution\":1,"
                + "\"Dimensions\":[{\"Name\":\"Operation\",\"Value\":\"ProcessTask\"}]}]}";

        MockHttpServletResponse response =
                calls.send(CloudWatchCalls.json("PutMetricData", body)).response();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(response.getContentAsString()).isEqualTo("{}");
        assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
        assertThat(response.getHeader("smithy-protocol")).isNull();
        assertThat(calls.sink.points("us-east-1", "app", MetricFilter.metric("Latency"), Instant.EPOCH))
                .hasSize(2)
                .allSatisfy(p -> {
                    assertThat(p.timestamp()).isEqualTo(Instant.ofEpochSecond(seconds, 250_000_000));
                    assertThat(p.unit()).isEqualTo("Milliseconds");
                })
                .extracting(p -> p.value())
                .containsExactly(new MetricValue.Single(1, 3), new MetricValue.Single(2.5, 4));
    }

    @Test
    void cloudWatchErrorsNameTheirShapeAndQueryCode() throws Exception {
        MockHttpServletResponse response = calls.send(CloudWatchCalls.json(
                        "PutMetricData",
                        "{\"Namespace\":\"app\",\"MetricData\":[{\"MetricName\":\"m\",\"Value\":1,"
                                + "\"StatisticValues\":{\"SampleCount\":1,\"Sum\":1,\"Minimum\":1,\"Maximum\":1}}]}"))
                .response();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeader("x-amzn-query-error")).isEqualTo("InvalidParameterCombination;Sender");
        JsonNode error = error(response);
        assertThat(error.get("__type").asString())
                .isEqualTo("com.amazonaws.cloudwatch#InvalidParameterCombinationException");
        assertThat(error.get("message").asString())
                .isEqualTo("The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are "
                        + "mutually exclusive and you have specified both.");
    }

    @Test
    void awsJsonSpellingsOfNonFiniteNumbersAreInvalidValues() throws Exception {
        MockHttpServletResponse response = calls.send(CloudWatchCalls.json(
                        "PutMetricData",
                        "{\"Namespace\":\"app\",\"MetricData\":[{\"MetricName\":\"m\",\"Values\":[1,\"Infinity\"]}]}"))
                .response();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(error(response).get("message").asString())
                .isEqualTo("The value 'Infinity' for parameter MetricData.member.1.Values.member.2 is invalid: "
                        + "CloudWatch takes no NaN or infinite values.");
    }

    @Test
    void malformedJsonAndWrongTypesAreSerializationExceptions() throws Exception {
        for (String body : new String[] {
            "{\"Namespace\":",
            "[]",
            "{\"Namespace\":\"a\",\"MetricData\":{}}",
            "{\"Namespace\":\"a\",\"MetricData\":" + "[{\"MetricName\":\"m\",\"Value\":\"12\"}]}",
            "{\"Namespace\":\"a\"} trailing"
        }) {
            MockHttpServletResponse response =
                    calls.send(CloudWatchCalls.json("PutMetricData", body)).response();

            assertThat(response.getStatus()).as(body).isEqualTo(400);
            JsonNode error = error(response);
            assertThat(error.get("__type").asString()).as(body).isEqualTo("SerializationException");
            assertThat(error.get("message").asString()).as(body).isNotBlank();
        }
    }

    @Test
    void otherTargetsOfCloudWatchAreUnknownOperations() throws Exception {
        MockHttpServletResponse response =
                calls.send(CloudWatchCalls.json("ListMetrics", "{}")).response();

        assertThat(response.getStatus()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("__type").asString()).isEqualTo("UnknownOperationException");
        assertThat(error.get("message").asString()).contains("'ListMetrics'").contains("PutMetricData only");
    }
}
