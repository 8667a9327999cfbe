package dev.runnel.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.metricsink.MetricFilter;
import dev.runnel.metricsink.MetricValue;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** awsQuery: form bodies on {@code POST /}, XML answers. */
class CloudWatchQueryTest {

    private final CloudWatchCalls calls = new CloudWatchCalls();

    private static String errorXml(String code, String message) {
        return "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>";
    }

    @Test
    void putMetricDataStoresTheDataAndAnswersInXml() throws Exception {
        String form = "Action=PutMetricData&Version=2010-08-01&Namespace=my%2Fapp"
                + "&MetricData.member.1.MetricName=RecordsProcessed"
                + "&MetricData.member.1.Dimensions.member.2.Name=ShardId"
                + "&MetricData.member.1.Dimensions.member.2.Value=shardId-000000000001"
                + "&MetricData.member.1.Dimensions.member.1.Name=Operation"
                + "&MetricData.member.1.Dimensions.member.1.Value=ProcessTask"
                + "&MetricData.member.1.StatisticValues.SampleCount=1&MetricData.member.1.StatisticValues.Sum=12"
                + "&MetricData.member.1.StatisticValues.Minimum=12&MetricData.member.1.StatisticValues.Maximum=12"
                + "&MetricData.member.1.Unit=Count&MetricData.member.1.Timestamp=2024-12-31T23%3A59%3A30.500Z"
                + "&MetricData.member.2.MetricName=Time+Spent&MetricData.member.2.Value=-1.5e2"
                + "&MetricData.member.2.Unit=Milliseconds";

        MockHttpServletResponse response =
                calls.send(CloudWatchCalls.query(form)).response();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/xml");
        String requestId = response.getHeader("x-amzn-RequestId");
        assertThat(response.getContentAsString())
                .contains("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                        + "</PutMetricDataResponse>");
        assertThat(calls.sink.points("us-east-1", "my/app", MetricFilter.metric("RecordsProcessed"), Instant.EPOCH))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.dimensions())
                            .containsExactly(
                                    Map.entry("Operation", "ProcessTask"),
                                    Map.entry("ShardId", "shardId-000000000001"));
                    assertThat(p.timestamp()).isEqualTo(Instant.parse("2024-12-31T23:59:30.500Z"));
                    assertThat(p.value()).isEqualTo(new MetricValue.Statistics(1, 12, 12, 12));
                });
        assertThat(calls.sink.points("us-east-1", "my/app", MetricFilter.metric("Time Spent"), Instant.EPOCH))
                .singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo(new MetricValue.Single(-150, 1)));
    }

    @Test
    void valuesAndCountsAndEntityDataAreRead() {
        String form = "Action=PutMetricData&Namespace=n"
                + "&MetricData.member.1.MetricName=v&MetricData.member.1.Values.member.1=1"
                + "&MetricData.member.1.Values.member.2=2&MetricData.member.1.Counts.member.1=10"
                + "&MetricData.member.1.Counts.member.2=20"
                + "&EntityMetricData.member.1.Entity.KeyAttributes.entry.1.key=Type"
                + "&EntityMetricData.member.1.MetricData.member.1.MetricName=e"
                + "&EntityMetricData.member.1.MetricData.member.1.Value=7";

        assertThat(calls.send(CloudWatchCalls.query(form)).response().getStatus())
                .isEqualTo(200);

        assertThat(calls.sink.sum("us-east-1", "n", "v", Map.of(), java.time.Duration.ofMinutes(1)))
                .isEqualTo(50);
        assertThat(calls.sink.sum("us-east-1", "n", "e", Map.of(), java.time.Duration.ofMinutes(1)))
                .isEqualTo(7);
    }

    @Test
    void errorsAreXmlErrorResponsesWithTheQueryCode() throws Exception {
        MockHttpServletResponse missing = calls.send(CloudWatchCalls.query("Action=PutMetricData&Namespace=n"))
                .response();
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getHeader("x-amzn-query-error")).isNull();
        assertThat(missing.getContentAsString())
                .contains(errorXml("MissingParameter", "The parameter MetricData is required."))
                .contains("<RequestId>" + missing.getHeader("x-amzn-RequestId") + "</RequestId>");

        MockHttpServletResponse combination = calls.send(
                        CloudWatchCalls.query("Action=PutMetricData&Namespace=n&MetricData.member.1.MetricName=m"
                                + "&MetricData.member.1.Value=1&MetricData.member.1.Values.member.1=2"))
                .response();
        assertThat(combination.getContentAsString())
                .contains(errorXml(
                        "InvalidParameterCombination",
                        "The parameters MetricData.member.1.Value and MetricData.member.1.Values are mutually exclusive"
                                + " and you have specified both."));

        MockHttpServletResponse number = calls.send(
                        CloudWatchCalls.query(
                                "Action=PutMetricData&Namespace=n&MetricData.member.1.MetricName=m&MetricData.member.1.Value=1d"))
                .response();
        assertThat(number.getContentAsString())
                .contains(errorXml(
                        "InvalidParameterValue",
                        "The value &apos;1d&apos; for parameter MetricData.member.1.Value is invalid: it is not a "
                                + "number."));
    }

    @Test
    void otherActionsAreInvalidAndAMissingActionIsSaid() throws Exception {
        MockHttpServletResponse other = calls.send(CloudWatchCalls.query("Action=GetMetricData&Version=2010-08-01"))
                .response();
        assertThat(other.getStatus()).isEqualTo(400);
        assertThat(other.getContentAsString())
                .contains(errorXml(
                        "InvalidAction",
                        "Unknown operation &apos;GetMetricData&apos;. Runnel&apos;s CloudWatch is a metrics sink for "
                                + "KCL that accepts PutMetricData only."));

        MockHttpServletResponse none =
                calls.send(CloudWatchCalls.query("Namespace=n")).response();
        assertThat(none.getStatus()).isEqualTo(400);
        assertThat(none.getContentAsString()).contains("<Code>MissingAction</Code>");
    }

    @Test
    void brokenFormsAreInvalidQueryParameters() throws Exception {
        for (String form : new String[] {
            "Action=PutMetricData&Namespace=%G1",
            "Action=PutMetricData&Namespace=%C3%28",
            "Action=PutMetricData&Action=X",
            "Action=PutMetricData&Namespace=n&MetricData.member.0.MetricName=m"
        }) {
            MockHttpServletResponse response =
                    calls.send(CloudWatchCalls.query(form)).response();

            assertThat(response.getStatus()).as(form).isEqualTo(400);
            assertThat(response.getContentAsString()).as(form).contains("<Code>InvalidQueryParameter</Code>");
        }
    }
}
