package dev.runnel.aws;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * AWS event-stream messages ({@code application/vnd.amazon.eventstream}): a prelude with lengths and its CRC,
 * string headers, the payload and a CRC of the whole, framed by the AWS SDK's own event-stream library.
 */
final class EventStreamFrames {

    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreamFrames() {}

    /** An event: {@code :message-type} event, its {@code :event-type}, and a payload in the request's protocol. */
    static byte[] event(String eventType, AwsProtocol protocol, byte[] payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString(protocol.contentType()));
        return encode(headers, payload);
    }

    /** An error inside the stream: {@code :message-type} exception and its {@code :exception-type}. */
    static byte[] exception(String exceptionType, AwsProtocol protocol, byte[] payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString(protocol.contentType()));
        return encode(headers, payload);
    }

    private static byte[] encode(Map<String, HeaderValue> headers, byte[] payload) {
        ByteBuffer buffer = new Message(headers, payload).toByteBuffer();
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.remaining() == buffer.array().length) {
            return buffer.array(); // the message's own exact array: no second copy of a large payload
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
