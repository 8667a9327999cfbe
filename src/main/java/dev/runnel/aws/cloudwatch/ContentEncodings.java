package dev.runnel.aws.cloudwatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Undoes a request's {@code Content-Encoding}: none, {@code identity} or {@code gzip} (the AWS SDKs compress
 * PutMetricData bodies from 10 KiB on, and CloudWatch takes them). A decompressed body may be no larger than the
 * request-size limit, whatever the compressed one was, so a small compressed body cannot take the heap.
 */
final class ContentEncodings {

    private ContentEncodings() {}

    /** A decompressed body over the limit: answered 413, like a body over the limit as sent. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * @param encoding the {@code Content-Encoding} header, or null; a list is undone from its last entry back
     * @param maxBytes the most bytes the decoded body may have
     * @throws CloudWatchException UNREADABLE for another encoding or a broken gzip stream
     * @throws TooLarge when the decoded body has more than {@code maxBytes}
     */
    static byte[] decode(String encoding, byte[] body, long maxBytes) {
        if (encoding == null || encoding.isBlank()) {
            return body;
        }
        String[] codings = encoding.split(",");
        byte[] decoded = body;
        for (int i = codings.length - 1; i >= 0; i--) {
            String coding = codings[i].strip().toLowerCase(Locale.ROOT);
            switch (coding) {
                case "identity", "" -> {
                    // nothing to undo
                }
                case "gzip", "x-gzip" -> decoded = gunzip(decoded, maxBytes);
                default ->
                    throw CloudWatchException.unreadable("Content-Encoding " + Quotes.of(codings[i].strip())
                            + " is not supported; send the body as it is or with gzip.");
            }
        }
        return decoded;
    }

    private static byte[] gunzip(byte[] body, long maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] decoded = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (decoded.length > maxBytes) {
                throw new TooLarge();
            }
            return decoded;
        } catch (IOException e) {
            throw CloudWatchException.unreadable("The request body is not valid gzip data (Content-Encoding: gzip).");
        }
    }
}
