package dev.runnel.it;

import java.net.URI;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The SDK scenario with the synchronous {@link KinesisClient} in its default encoding, CBOR, over HTTP/1.1.
 * The client is built with {@code aws.cborEnabled} cleared, so that no other test class's setting leaks in.
 */
class AwsSdkCborIT extends AwsSdkStreamFeaturesScenario {

    @Override
    KinesisClient createClient(URI endpoint) {
        return syncClient(endpoint, null);
    }

    @Override
    String prefix() {
        return "sdk-cbor";
    }

    @Override
    String expectedHttpProtocol() {
        return "HTTP/1.1";
    }

    @Override
    String expectedContentType() {
        return "application/x-amz-cbor-1.1";
    }
}
