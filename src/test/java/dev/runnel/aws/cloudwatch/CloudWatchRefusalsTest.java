package dev.runnel.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.web.ProtocolError;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.dataformat.cbor.CBORMapper;

class CloudWatchRefusalsTest {

    private final CloudWatchRefusals refusals = new CloudWatchRefusals();

    @Test
    void answersCloudWatchCallsOnlyAndAheadOfTheKinesisEdge() {
        MockHttpServletRequest kinesis = new MockHttpServletRequest("POST", "/");
        kinesis.addHeader("X-Amz-Target", "Kinesis_20131202.PutRecord");

        assertThat(refusals.answers(CloudWatchCalls.rpc("PutMetricData", new byte[0])))
                .isTrue();
        assertThat(refusals.answers(CloudWatchCalls.query("Action=PutMetricData")))
                .isTrue();
        assertThat(refusals.answers(kinesis)).isFalse();
        assertThat(refusals.answers(new MockHttpServletRequest())).isFalse();
        assertThat(refusals.getOrder()).isLessThan(Ordered.LOWEST_PRECEDENCE);
    }

    @Test
    void anOversizedCallGets413WithARequestIdAndTheProtocolsHeaders() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        refusals.refuse(CloudWatchCalls.rpc("PutMetricData", new byte[0]), response);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
        assertThat(response.getHeader("smithy-protocol")).isEqualTo("rpc-v2-cbor");
    }

    @Test
    void aBusyFormGetsAnXmlServiceUnavailable() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        refusals.refuse(CloudWatchCalls.query("Action=PutMetricData"), response, "Runnel is busy.");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("text/xml");
        assertThat(response.getContentAsString())
                .contains("<Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>Runnel is busy.</Message>")
                .contains("<RequestId>" + response.getHeader("x-amzn-RequestId") + "</RequestId>");
    }

    @Test
    void tomcatsErrorsKeepTheRequestIdTheEdgeGave() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setHeader("x-amzn-RequestId", "given-by-the-edge");

        refusals.answer(
                CloudWatchCalls.rpc("PutMetricData", new byte[0]),
                response,
                new ProtocolError(408, "RequestTimeout", "No part of the body arrived for 60 s."));

        assertThat(response.getStatus()).isEqualTo(408);
        assertThat(response.getHeader("x-amzn-RequestId")).isEqualTo("given-by-the-edge");
        assertThat(response.getContentType()).isEqualTo("application/cbor");
        var error = CBORMapper.builder().build().readTree(response.getContentAsByteArray());
        assertThat(error.get("__type").asString()).isEqualTo("RequestTimeout");
        assertThat(error.get("message").asString()).isEqualTo("No part of the body arrived for 60 s.");
    }
}
