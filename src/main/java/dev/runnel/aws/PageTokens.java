package dev.runnel.aws;

import dev.runnel.core.error.ExpiredNextTokenException;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.tokens.TokenSigner;
import java.nio.ByteBuffer;

/**
 * Signed {@code NextToken}s for paginated operations: a kind byte, the issue time and the operation's own
 * position data. Tokens expire after 300 seconds, as on Kinesis.
 */
public final class PageTokens {

    public static final long TTL_MILLIS = 300_000;

    private PageTokens() {}

    /** Makes a token of the given kind holding {@code position}. */
    public static String issue(AwsContext context, byte kind, byte[] position) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + position.length);
        buffer.put(kind).putLong(context.streams().now().toEpochMilli()).put(position);
        return context.signer().sign(buffer.array());
    }

    /**
     * The position data of a token of the given kind.
     *
     * @throws InvalidArgumentException when the token is malformed, altered, or of another operation
     * @throws ExpiredNextTokenException when it is older than 300 seconds
     */
    public static ByteBuffer open(AwsContext context, byte kind, String token) {
        TokenSigner signer = context.signer();
        byte[] bytes = signer.verify(token).orElseThrow(PageTokens::invalid);
        if (bytes.length < 9 || bytes[0] != kind) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long issuedAt = buffer.getLong();
        if (context.streams().now().toEpochMilli() - issuedAt > TTL_MILLIS) {
            throw new ExpiredNextTokenException(
                    "The NextToken has expired: pagination tokens are valid for " + TTL_MILLIS / 1000 + " seconds.");
        }
        return buffer.slice();
    }

    private static InvalidArgumentException invalid() {
        return new InvalidArgumentException("Invalid NextToken.");
    }
}
