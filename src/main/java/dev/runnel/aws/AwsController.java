package dev.runnel.aws;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.KinesisException;
import dev.runnel.faults.FaultInjection;
import dev.runnel.faults.InjectedFault;
import dev.runnel.regions.Regions;
import dev.runnel.throttling.ControlPlaneLimits;
import dev.runnel.system.RunnelProperties;
import dev.runnel.web.RequestIds;
import dev.runnel.web.RequestTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.runnel.core.error.SerializationException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.ObjectMapper;

/**
 * The AWS Kinesis protocol on {@code POST /}: the operation comes from {@code X-Amz-Target}, the encoding from
 * the Content-Type (JSON 1.1 or CBOR 1.1, answered in kind), the region from the SigV4 credential scope of the
 * {@code Authorization} header (signatures are not checked). Every answer carries {@code x-amzn-RequestId}.
 */
@RestController
class AwsController {

    static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final Logger log = LoggerFactory.getLogger(AwsController.class);
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/");

    private final AwsOperations operations;
    private final Regions regions;
    private final String account;
    private final FaultInjection faults;
    private final ControlPlaneLimits controlPlane;
    private final ObjectMapper json = AwsWireFormats.json();
    private final ObjectMapper cbor = AwsWireFormats.cbor();

    AwsController(AwsOperations operations, Regions regions, RunnelProperties properties, FaultInjection faults,
                  ControlPlaneLimits controlPlane) {
        this.operations = operations;
        this.regions = regions;
        this.account = properties.accountId();
        this.faults = faults;
        this.controlPlane = controlPlane;
    }

    @PostMapping(path = "/")
    ResponseEntity<byte[]> handle(HttpServletRequest request) {
        AwsProtocol protocol = AwsProtocol.of(request.getContentType());
        ObjectMapper mapper = protocol == AwsProtocol.JSON ? json : cbor;
        String requestId = RequestIds.next();
        try {
            Object output = dispatch(request, mapper);
            ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                    .header("x-amzn-RequestId", requestId)
                    .contentType(MediaType.parseMediaType(protocol.contentType()));
            return output == null
                    ? answer.header(HttpHeaders.CONTENT_LENGTH, "0").body(new byte[0])
                    : answer.body(mapper.writeValueAsBytes(output));
        } catch (KinesisException e) {
            return error(AwsErrors.of(e), protocol, mapper, requestId);
        } catch (UnknownTarget e) {
            return error(AwsErrors.unknownOperation(e.getMessage()), protocol, mapper, requestId);
        } catch (JacksonException e) {
            return error(AwsErrors.unreadable(e), protocol, mapper, requestId);
        } catch (InjectedFault e) {
            return error(AwsErrors.serviceUnavailable(e.getMessage()), protocol, mapper, requestId);
        } catch (BodyTooLarge e) {
            return ResponseEntity.status(413).header("x-amzn-RequestId", requestId).body(new byte[0]);
        } catch (RuntimeException e) {
            log.error("Unexpected failure of {}", request.getHeader("X-Amz-Target"), e);
            return error(AwsErrors.internalFailure(), protocol, mapper, requestId);
        }
    }

    private Object dispatch(HttpServletRequest request, ObjectMapper mapper) {
        String target = request.getHeader("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new UnknownTarget(target == null ? "The X-Amz-Target header is missing."
                    : "Unknown target " + target + "; expected " + TARGET_PREFIX + "<Operation>.");
        }
        String name = target.substring(TARGET_PREFIX.length());
        AwsOperations.Bound<?> operation = operations.find(name).orElseThrow(() -> new UnknownTarget(
                AwsOperations.KINESIS_OPERATIONS.contains(name)
                        ? "Runnel does not implement " + name + " yet."
                        : "Unknown operation " + name + "."));
        byte[] body = body(request);
        if (body.length == 0) {
            throw new SerializationException("The request body is empty.");
        }
        return invoke(operation, body, mapper, request);
    }

    private <I extends AwsInput> Object invoke(AwsOperations.Bound<I> operation, byte[] body, ObjectMapper mapper,
                                               HttpServletRequest request) {
        I input = read(body, mapper, operation.inputType());
        Constraints check = Constraints.check();
        input.validate(check);
        check.throwIfInvalid();
        AwsContext context = new AwsContext(regions.get(region(request)), account, regions.signer());
        if (controlPlane.isEnabled()) {
            controlPlane.acquire(account, context.region().region(), operation.operation().name(),
                    operation.streamOf().apply(input));
        }
        if (faults.isEnabled()) {
            faults.before(operation.operation().name(), operation.streamOf().apply(input));
        }
        return operation.operation().invoke(input, context);
    }

    /** Decodes the body, keeping the parser open so a type error can name the token it met. */
    private static <I> I read(byte[] body, ObjectMapper mapper, Class<I> type) {
        try (JsonParser parser = mapper.createParser(body)) {
            try {
                I input = mapper.readValue(parser, type);
                if (parser.nextToken() != null) {
                    throw new SerializationException("Unexpected content after the end of the request body.");
                }
                return input;
            } catch (MismatchedInputException e) {
                throw AwsErrors.typeError(e, parser.currentToken());
            }
        }
    }

    private static String region(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        Matcher matcher = CREDENTIAL_SCOPE.matcher(authorization);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static byte[] body(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            if (e instanceof RequestTooLargeException) {
                throw new BodyTooLarge();
            }
            throw new SerializationException("The request body could not be read.");
        }
    }

    private static ResponseEntity<byte[]> error(AwsErrors.AwsError error, AwsProtocol protocol, ObjectMapper mapper,
                                                String requestId) {
        return ResponseEntity.status(error.status())
                .header("x-amzn-RequestId", requestId)
                .contentType(MediaType.parseMediaType(protocol.contentType()))
                .body(mapper.writeValueAsBytes(error.body()));
    }

    /** The target names no operation. */
    private static final class UnknownTarget extends RuntimeException {
        UnknownTarget(String message) {
            super(message, null, false, false);
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }
}
