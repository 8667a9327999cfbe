package dev.runnel.aws;

import dev.runnel.web.RequestTooLargeException;
import dev.runnel.web.RestErrorTable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The body of a call on the AWS edge, read whole before anything else is checked (an HTTP/2 client keeps sending
 * a body the server did not read, past the stream's window, and Tomcat then resets the stream). A body over the
 * size limit is answered 413 by the edge; a body Tomcat could not finish reading (the connection closed short of
 * its Content-Length, a malformed chunk, no bytes for {@code runnel.http.body-read-timeout}) is answered by
 * Tomcat's error valve, which has already begun that answer.
 */
public final class AwsRequestBody {

    private AwsRequestBody() {}

    /**
     * @throws TooLarge when the body passes {@code runnel.http.max-request-size}
     * @throws Unreadable when Tomcat could not read the body
     */
    public static byte[] read(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                return in.readAllBytes();
            }
            // One array of the announced length: no growing copies of a large body.
            byte[] body = new byte[(int) length];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        } catch (IOException e) {
            if (e instanceof RequestTooLargeException) {
                throw new TooLarge();
            }
            throw new Unreadable();
        }
    }

    /**
     * Leaves the answer to an {@link Unreadable} body to Tomcat, which began it with 400 or 408 (or is made to
     * begin it with 400); its error valve writes the AWS error through {@link AwsProtocolErrorAnswer}.
     *
     * @return the error as the edge counts it (its status and type; the valve words the message)
     */
    public static AwsErrors.AwsError handOver(HttpServletResponse response) throws IOException {
        if (response.getStatus() < 400) {
            response.sendError(400);
        }
        return new AwsErrors.AwsError(response.getStatus(), RestErrorTable.errorTypeOf(response.getStatus()), null);
    }

    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    public static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }
}
