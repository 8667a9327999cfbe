package dev.runnel.aws.cloudwatch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;

/**
 * Smithy RPC v2 CBOR and AWS JSON 1.0: the operation from the path or from {@code X-Amz-Target}, the request a CBOR
 * or JSON structure, errors a structure of {@code __type} and {@code message} (with {@code x-amzn-query-error} for
 * CloudWatch's own errors, see {@link CloudWatchError}). PutMetricData has no output: RPC v2 answers it with an
 * empty body and no Content-Type, as the Smithy protocol tests require; JSON 1.0 with {@code {}}.
 */
final class StructuredWire implements CloudWatchWire {

    static final String SMITHY_PROTOCOL = "smithy-protocol";
    static final String RPC_V2_CBOR = "rpc-v2-cbor";
    static final String CBOR_TYPE = "application/cbor";
    static final String JSON_TYPE = "application/x-amz-json-1.0";
    static final String QUERY_ERROR = "x-amzn-query-error";

    private final boolean rpc;
    private final ObjectMapper mapper;
    private final StructuredInputReader reader;
    private final String contentType;

    private StructuredWire(boolean rpc, ObjectMapper mapper, String contentType) {
        this.rpc = rpc;
        this.mapper = mapper;
        this.reader = new StructuredInputReader(mapper);
        this.contentType = contentType;
    }

    static StructuredWire rpcV2Cbor() {
        return new StructuredWire(true, CloudWatchMappers.cbor(), CBOR_TYPE);
    }

    static StructuredWire json10() {
        return new StructuredWire(false, CloudWatchMappers.json(), JSON_TYPE);
    }

    @Override
    public Call decode(HttpServletRequest request, byte[] body) {
        String operation = rpc
                ? request.getRequestURI().substring(CloudWatchProtocol.RPC_PATH_PREFIX.length())
                : request.getHeader("X-Amz-Target").substring(CloudWatchProtocol.TARGET_PREFIX.length());
        return new Call(operation, () -> reader.read(body));
    }

    @Override
    public void protocolHeaders(HttpServletResponse response) {
        if (rpc) {
            response.setHeader(SMITHY_PROTOCOL, RPC_V2_CBOR);
        }
    }

    @Override
    public void succeed(HttpServletResponse response, String requestId) throws IOException {
        response.setStatus(200);
        if (rpc) {
            response.setContentLength(0);
            return;
        }
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public void fail(HttpServletResponse response, CloudWatchException failure, String requestId) throws IOException {
        CloudWatchError error = failure.error();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("__type", error.type());
        fields.put("message", failure.getMessage());
        byte[] body = mapper.writeValueAsBytes(fields);
        response.setStatus(error.status());
        if (error.queryErrorHeader() != null) {
            response.setHeader(QUERY_ERROR, error.queryErrorHeader());
        }
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
