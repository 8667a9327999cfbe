package dev.runnel.aws.cloudwatch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * How one protocol reads a CloudWatch call and writes its answers. Every answer carries the call's {@code
 * x-amzn-RequestId}, which the edge sets before the wire writes.
 */
interface CloudWatchWire {

    /**
     * The operation a call names and a reader of its PutMetricData request.
     *
     * @param body the body, already decompressed
     * @throws CloudWatchException when the call names no operation or its body does not decode
     */
    Call decode(HttpServletRequest request, byte[] body);

    /** Headers every answer of the protocol carries (Smithy RPC v2: {@code smithy-protocol}). */
    void protocolHeaders(HttpServletResponse response);

    /** PutMetricData's answer: the empty output. */
    void succeed(HttpServletResponse response, String requestId) throws IOException;

    void fail(HttpServletResponse response, CloudWatchException failure, String requestId) throws IOException;

    /**
     * @param operation as the call named it, never null
     * @param input decodes the body as PutMetricData's request; called only for that operation
     */
    record Call(String operation, Supplier<PutMetricDataInput> input) {}
}
