package dev.runnel.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.metricsink.MetricFilter;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.dataformat.cbor.CBORMapper;

/** What the edge takes, what it leaves to the Kinesis edge, and what it answers whatever the protocol. */
class CloudWatchEdgeFilterTest {

    private static final CBORMapper CBOR = CBORMapper.builder().build();

    @Test
    void requestsOfOtherServicesPassOnWithTheirBodiesUnread() throws Exception {
        CloudWatchCalls calls = new CloudWatchCalls();
        MockHttpServletRequest kinesis = new MockHttpServletRequest("POST", "/");
        kinesis.addHeader("X-Amz-Target", "Kinesis_20131202.ListStreams");
        kinesis.setContentType("application/x-amz-json-1.1");
        kinesis.setContent("{}".getBytes());
        MockHttpServletRequest dynamo = new MockHttpServletRequest("POST", "/");
        dynamo.addHeader("X-Amz-Target", "DynamoDB_20120810.ListTables");
        dynamo.setContentType("application/x-amz-json-1.0");
        dynamo.setContent("{}".getBytes());
        MockHttpServletRequest noType = new MockHttpServletRequest("POST", "/");
        noType.setContent(new byte[] {(byte) 0xA0});
        MockHttpServletRequest otherSmithyService =
                new MockHttpServletRequest("POST", "/service/OtherService/operation/PutMetricData");
        otherSmithyService.setContent(new byte[] {(byte) 0xA0});
        MockHttpServletRequest getForm = new MockHttpServletRequest("GET", "/");
        getForm.setContentType("application/x-www-form-urlencoded");
        getForm.setContent("Action=PutMetricData".getBytes());

        for (MockHttpServletRequest request :
                new MockHttpServletRequest[] {kinesis, dynamo, noType, otherSmithyService, getForm}) {
            CloudWatchCalls.Answer answer = calls.send(request);

            assertThat(answer.passedOn()).as(request.getRequestURI()).isTrue();
            assertThat(answer.response().getHeader("x-amzn-RequestId")).isNull();
            try (InputStream body = request.getInputStream()) {
                assertThat(body.readAllBytes()).isEqualTo(request.getContentAsByteArray());
            }
        }
    }

    @Test
    void everyCloudWatchCallIsUnknownWhileTheSinkIsOff() throws Exception {
        CloudWatchCalls calls = new CloudWatchCalls(false, 1 << 20);
        byte[] datum = CloudWatchRpcV2CborTest.kclDatum("app", calls.clock.instant());

        MockHttpServletResponse rpc =
                calls.send(CloudWatchCalls.rpc("PutMetricData", datum)).response();
        MockHttpServletResponse query = calls.send(CloudWatchCalls.query("Action=PutMetricData&Namespace=n"))
                .response();

        assertThat(rpc.getStatus()).isEqualTo(400);
        assertThat(CBOR.readTree(rpc.getContentAsByteArray()).get("__type").asString())
                .isEqualTo("UnknownOperationException");
        assertThat(CBOR.readTree(rpc.getContentAsByteArray()).get("message").asString())
                .contains("metrics sink is off (runnel.kcl.enabled=false)");
        assertThat(query.getContentAsString())
                .contains("<Code>InvalidAction</Code>")
                .contains("sink is off");
        assertThat(calls.sink.namespaces("us-east-1")).isEmpty();
    }

    @Test
    void dataGoToTheRegionOfTheSignature() {
        CloudWatchCalls calls = new CloudWatchCalls();
        MockHttpServletRequest request =
                CloudWatchCalls.rpc("PutMetricData", CloudWatchRpcV2CborTest.kclDatum("app", calls.clock.instant()));
        request.addHeader("Authorization", CloudWatchCalls.SIGNED_EU);

        assertThat(calls.send(request).response().getStatus()).isEqualTo(200);

        assertThat(calls.sink.points("eu-west-1", "app", MetricFilter.all(), Instant.EPOCH))
                .hasSize(1);
        assertThat(calls.sink.namespaces("us-east-1")).isEmpty();
    }

    @Test
    void aRegionRunnelDoesNotServeIsAnInvalidSignature() throws Exception {
        CloudWatchCalls calls = new CloudWatchCalls();
        MockHttpServletRequest request = CloudWatchCalls.json("PutMetricData", "{}");
        request.addHeader("Authorization", CloudWatchCalls.SIGNED_EU.replace("eu-west-1", "xx-fake-1"));

        MockHttpServletResponse response = calls.send(request).response();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString())
                .contains("\"__type\":\"InvalidSignatureException\"")
                .contains("not 'xx-fake-1'");
    }

    @Test
    void aBodyThatDecompressesPastTheLimitIs413AndOtherEncodingsAreRefused() throws Exception {
        CloudWatchCalls calls = new CloudWatchCalls(true, 1000);
        MockHttpServletRequest bomb = CloudWatchCalls.rpc("PutMetricData", new byte[0]);
        bomb.addHeader("Content-Encoding", "gzip");
        bomb.setContent(CloudWatchCalls.gzip(new byte[1001]));

        MockHttpServletResponse tooLarge = calls.send(bomb).response();

        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(tooLarge.getHeader("x-amzn-RequestId")).isNotBlank();
        assertThat(tooLarge.getHeader("smithy-protocol")).isEqualTo("rpc-v2-cbor");

        MockHttpServletRequest brotli = CloudWatchCalls.json("PutMetricData", "{}");
        brotli.addHeader("Content-Encoding", "br");
        MockHttpServletResponse refused = calls.send(brotli).response();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("SerializationException")
                .contains("Content-Encoding 'br' is not supported");

        MockHttpServletRequest broken = CloudWatchCalls.json("PutMetricData", "{}");
        broken.addHeader("Content-Encoding", "gzip");
        MockHttpServletResponse unreadable = calls.send(broken).response();
        assertThat(unreadable.getStatus()).isEqualTo(400);
        assertThat(unreadable.getContentAsString()).contains("not valid gzip data");
    }

    @Test
    void gzippedFormsAreRead() {
        CloudWatchCalls calls = new CloudWatchCalls();

        MockHttpServletResponse response = calls.send(CloudWatchCalls.gzipped(
                        CloudWatchCalls.query("Action=PutMetricData&Namespace=z&MetricData.member.1.MetricName=m"
                                + "&MetricData.member.1.Value=2")))
                .response();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(calls.sink.namespaces("us-east-1")).containsExactly("z");
    }
}
