package dev.runnel.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The SDK scenario with {@link KinesisAsyncClient} on Netty over HTTP/2 to the plain {@code http://} port, i.e.
 * h2c with prior knowledge (KCL's set-up; CBOR). The scenario is written against the synchronous interface, so
 * a proxy forwards each call to the async method of the same signature and waits for its future; a failure is
 * rethrown as the SDK exception the future completed with. The base class checks, on the server side, that
 * every request arrived as HTTP/2.0. Without h2c the calls would fail with "The channel was closed before the
 * protocol could be determined".
 */
class AwsSdkAsyncHttp2IT extends AwsSdkStreamFeaturesScenario {

    @Override
    KinesisClient createClient(URI endpoint) {
        KinesisAsyncClient async = withSystemProperty(
                "aws.cborEnabled",
                null,
                () -> KinesisAsyncClient.builder()
                        .endpointOverride(endpoint)
                        .region(REGION)
                        .credentialsProvider(dummyCredentials())
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                                .protocol(Protocol.HTTP2)
                                .http2Configuration(Http2Configuration.builder()
                                        .maxStreams(100L)
                                        .initialWindowSize(1024 * 1024)
                                        .build())
                                .connectionTimeout(Duration.ofSeconds(10)))
                        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
                        .build());
        return blocking(async);
    }

    /** A {@link KinesisClient} whose every call runs on {@code async} and waits for the result. */
    static KinesisClient blocking(KinesisAsyncClient async) {
        return (KinesisClient) Proxy.newProxyInstance(
                KinesisClient.class.getClassLoader(), new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            async.close();
                            return null;
                        }
                        case "toString" -> {
                            return "blocking(" + async + ")";
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> {
                            Method target =
                                    KinesisAsyncClient.class.getMethod(method.getName(), method.getParameterTypes());
                            Object result;
                            try {
                                result = target.invoke(async, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (!(result instanceof CompletableFuture<?> future)) {
                                return result;
                            }
                            try {
                                return future.get();
                            } catch (ExecutionException | CompletionException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    @Override
    String prefix() {
        return "sdk-h2";
    }

    @Override
    String expectedHttpProtocol() {
        return "HTTP/2.0";
    }

    @Override
    String expectedContentType() {
        return "application/x-amz-cbor-1.1";
    }
}
