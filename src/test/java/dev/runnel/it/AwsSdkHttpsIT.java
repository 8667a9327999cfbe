package dev.runnel.it;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.support.RawHttp;
import dev.runnel.support.RawHttp.Answer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The HTTPS port ({@code runnel.https.*}) with the certificate Runnel generated, trusted alone (no trust-all, host
 * name {@code localhost} verified): the AWS SDK's sync client over HTTP/1.1 and its async Netty client over HTTP/2
 * negotiated by ALPN run PutRecord(s), GetRecords and SubscribeToShard; the JDK's client gets HTTP/2 or HTTP/1.1 as
 * it asks; and hostile requests get the same typed answers as on the plain port, set up alike. A filter records how
 * every request arrived, so that each test checks that the server saw TLS and the intended HTTP version.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.streams.create-delay=0",
            "runnel.fan-out.create-delay=0",
            "runnel.http.max-request-size=1MB",
            "runnel.http.body-read-timeout=1s"
        })
@Import(AwsSdkHttpsIT.Arrivals.class)
class AwsSdkHttpsIT {

    private static final String TARGET = "Kinesis_20131202.";
    private static final String JSON = "application/x-amz-json-1.1";

    @LocalServerPort
    int plainPort;

    @Value("${local.runnel.https.port}")
    int httpsPort;

    @Value("${runnel.https.dir}")
    Path certificateDir;

    @Autowired
    Arrivals arrivals;

    @Test
    void theSyncClientSpeaksHttp11OverTls() throws Exception {
        try (KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(https())
                .region(AwsSdkScenario.REGION)
                .credentialsProvider(AwsSdkScenario.dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(this::trustManagers))
                .build()) {
            arrivals.clear();
            kinesis.createStream(b -> b.streamName("tls-sync").shardCount(1));
            await(() -> kinesis.describeStreamSummary(b -> b.streamName("tls-sync"))
                            .streamDescriptionSummary()
                            .streamStatus()
                    == StreamStatus.ACTIVE);
            kinesis.putRecord(b -> b.streamName("tls-sync").partitionKey("1").data(SdkBytes.fromUtf8String("one")));
            kinesis.putRecords(b -> b.streamName("tls-sync")
                    .records(
                            r -> r.partitionKey("1").data(SdkBytes.fromUtf8String("two")),
                            r -> r.partitionKey("1").data(SdkBytes.fromUtf8String("three"))));
            String iterator = kinesis.getShardIterator(b -> b.streamName("tls-sync")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();

            List<Record> records =
                    kinesis.getRecords(b -> b.shardIterator(iterator)).records();

            assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("one", "two", "three");
            assertThat(arrivals.seen())
                    .isNotEmpty()
                    .allSatisfy(seen -> assertThat(seen).isEqualTo(new Arrival("https", true, "HTTP/1.1", httpsPort)));
        }
    }

    @Test
    void theAsyncClientNegotiatesHttp2ThroughAlpnAndSubscribes() throws Exception {
        try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
                .endpointOverride(https())
                .region(AwsSdkScenario.REGION)
                .credentialsProvider(AwsSdkScenario.dummyCredentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .protocolNegotiation(ProtocolNegotiation.ALPN)
                        .tlsTrustManagersProvider(this::trustManagers))
                .build()) {
            arrivals.clear();
            kinesis.createStream(b -> b.streamName("tls-h2").shardCount(1)).get();
            await(() -> kinesis.describeStreamSummary(b -> b.streamName("tls-h2"))
                            .join()
                            .streamDescriptionSummary()
                            .streamStatus()
                    == StreamStatus.ACTIVE);
            kinesis.putRecords(b -> b.streamName("tls-h2")
                            .records(
                                    r -> r.partitionKey("1").data(SdkBytes.fromUtf8String("a")),
                                    r -> r.partitionKey("1").data(SdkBytes.fromUtf8String("b"))))
                    .get();
            String iterator = kinesis.getShardIterator(b -> b.streamName("tls-h2")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .get()
                    .shardIterator();
            assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).get().records())
                    .extracting(r -> r.data().asUtf8String())
                    .containsExactly("a", "b");

            String consumerArn = kinesis.registerStreamConsumer(
                            b -> b.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/tls-h2")
                                    .consumerName("app"))
                    .get()
                    .consumer()
                    .consumerARN();
            await(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(consumerArn))
                            .join()
                            .consumerDescription()
                            .consumerStatus()
                    == ConsumerStatus.ACTIVE);
            List<String> pushed = new CopyOnWriteArrayList<>();
            var subscription = kinesis.subscribeToShard(
                    b -> b.consumerARN(consumerArn)
                            .shardId("shardId-000000000000")
                            .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)),
                    SubscribeToShardResponseHandler.builder()
                            .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                                    .onSubscribeToShardEvent((SubscribeToShardEvent event) -> event.records()
                                            .forEach(r -> pushed.add(r.data().asUtf8String())))
                                    .build())
                            .build());
            await(() -> pushed.size() >= 2);
            subscription.cancel(true);

            assertThat(pushed).containsExactly("a", "b");
            assertThat(arrivals.seen())
                    .isNotEmpty()
                    .allSatisfy(seen -> assertThat(seen).isEqualTo(new Arrival("https", true, "HTTP/2.0", httpsPort)));
        }
    }

    @Test
    void theJdkClientGetsHttp2OrHttp11OverTlsAsItAsks() throws Exception {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient http = HttpClient.newBuilder()
                    .version(version)
                    .sslContext(trusting())
                    .build();
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(https().resolve("/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.version()).isEqualTo(version);
            assertThat(health.statusCode()).isEqualTo(200);

            HttpResponse<String> streams = http.send(
                    HttpRequest.newBuilder(https().resolve("/streams")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(streams.version()).isEqualTo(version);
            assertThat(streams.statusCode()).isEqualTo(200);
            assertThat(streams.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(streams.body()).contains("\"streams\"");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient http = HttpClient.newHttpClient();
        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(https().resolve("/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void hostileRequestsGetTheSameTypedAnswersAsOnThePlainPort() throws Exception {
        RawHttp plain = new RawHttp(plainPort);
        RawHttp tls = RawHttp.overTls(httpsPort, trusting());
        Map<String, String> headers = new LinkedHashMap<>(); // in this order: the filler is read last
        headers.put("X-Amz-Target", TARGET + "ListStreams");
        headers.put("Content-Type", JSON);
        headers.put("X-Filler", "x".repeat(20_000));
        byte[] hugeHeader = RawHttp.request("POST", "/", headers, "{}".getBytes(UTF_8));
        byte[] hugeBody = RawHttp.request(
                "POST",
                "/",
                Map.of("X-Amz-Target", TARGET + "PutRecord", "Content-Type", JSON),
                ("{\"StreamName\":\"x\",\"PartitionKey\":\"1\",\"Data\":\"" + "A".repeat(1_200_000) + "\"}")
                        .getBytes(UTF_8));
        byte[] stalledBody = ("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: " + TARGET + "ListStreams\r\n"
                        + "Content-Type: " + JSON + "\r\nContent-Length: 100\r\n\r\n{")
                .getBytes(ISO_8859_1);

        for (byte[] request : List.of(hugeHeader, hugeBody, stalledBody)) {
            Answer overPlain = plain.send(request);
            Answer overTls = tls.send(request);
            assertThat(overTls.status()).as("%s", overTls).isEqualTo(overPlain.status());
            assertThat(overTls.contentType()).as("%s", overTls).isEqualTo(overPlain.contentType());
            assertThat(errorType(overTls)).as("%s", overTls).isEqualTo(errorType(overPlain));
        }
        assertThat(tls.send(hugeHeader).status()).isEqualTo(431);
        assertThat(errorType(tls.send(hugeHeader))).isEqualTo("RequestTooLarge");
        assertThat(tls.send(hugeBody).status()).isEqualTo(413);
        Answer stalled = tls.send(stalledBody);
        assertThat(stalled.status()).isEqualTo(408);
        assertThat(errorType(stalled)).isEqualTo("RequestTimeout");
        assertThat(stalled.header("x-amzn-RequestId")).isNotBlank();
    }

    /** The AWS error type of an answer, in whichever encoding it came; empty for an empty body. */
    private static String errorType(Answer answer) {
        if (answer.body().length == 0) {
            return "";
        }
        return (JSON.equals(answer.contentType()) ? answer.json() : answer.cbor())
                .path("__type")
                .asString();
    }

    private URI https() {
        return URI.create("https://localhost:" + httpsPort);
    }

    /** Trust managers that trust the generated certificate and nothing else. */
    private TrustManager[] trustManagers() {
        try (InputStream pem = Files.newInputStream(certificateDir.resolve("runnel.crt"))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(
                    "runnel", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory.getTrustManagers();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SSLContext trusting() throws java.security.GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(), null);
        return context;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** How an AWS request arrived. */
    record Arrival(String scheme, boolean secure, String protocol, int localPort) {}

    /** Records how every AWS-protocol request arrived (ahead of the AWS edge's filter). */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static final class Arrivals extends OncePerRequestFilter {

        private final Queue<Arrival> seen = new ConcurrentLinkedQueue<>();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getHeader("X-Amz-Target") != null) {
                seen.add(new Arrival(
                        request.getScheme(), request.isSecure(), request.getProtocol(), request.getLocalPort()));
            }
            chain.doFilter(request, response);
        }

        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return false;
        }

        List<Arrival> seen() {
            return List.copyOf(seen);
        }

        void clear() {
            seen.clear();
        }
    }
}
