package dev.runnel.storage.kafka;

import dev.runnel.core.error.ServiceUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes the Kafka clients of one Runnel node from {@code runnel.kafka.*}: every client gets the bootstrap servers,
 * the pass-through {@code properties} (security, SASL, TLS) and timeouts bounded by {@code request-timeout}, so a
 * call to an unreachable cluster fails within it instead of hanging. Also names topics (under the prefix) and turns
 * Kafka's failures into {@link ServiceUnavailableException}.
 *
 * <p>Thread-safe. The shared {@link #admin()} is made on first use and closed by {@link #close()}; producers and
 * consumers belong to whoever asked for them.
 */
public final class KafkaClients implements AutoCloseable {

    private final KafkaOptions settings;
    private final String nodeId;
    private Admin admin;
    private boolean closed;

    /**
     * @param settings where the cluster is and how to talk to it
     * @param nodeId names this node in client ids (Kafka's logs and quotas), e.g. {@code runnel-3f2a}
     */
    public KafkaClients(KafkaOptions settings, String nodeId) {
        this.settings = settings;
        this.nodeId = nodeId;
    }

    /** The settings these clients were made from. */
    public KafkaOptions settings() {
        return settings;
    }

    /** This node's id, as given. */
    public String nodeId() {
        return nodeId;
    }

    /** The topic named {@code prefix + name}. */
    public String topic(String name) {
        return settings.topicPrefix() + name;
    }

    /** How long one request to Kafka may take before it fails. */
    public Duration requestTimeout() {
        return settings.requestTimeout();
    }

    /** The admin client of this node, shared; made on first use. */
    public synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("the Kafka clients are closed");
        }
        if (admin == null) {
            Map<String, Object> config = common("admin");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis());
            config.putAll(settings.properties());
            admin = Admin.create(config);
        }
        return admin;
    }

    /**
     * A producer that waits for every in-sync replica ({@code acks=all}) and is idempotent, so a send is
     * acknowledged only once it is replicated and retries never duplicate or reorder a partition's records.
     *
     * @param role names the producer in its client id
     * @param overrides settings that win over the defaults; the pass-through properties win over both (tuning such as
     *     {@code linger.ms} or {@code compression.type}), except {@code acks}, idempotence and a transactional id
     */
    public KafkaProducer<byte[], byte[]> producer(String role, Map<String, Object> overrides) {
        return new KafkaProducer<>(
                producerConfig(role, overrides), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The settings of {@link #producer}. */
    Map<String, Object> producerConfig(String role, Map<String, Object> overrides) {
        Map<String, Object> config = common(role);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putAll(overrides);
        config.putAll(settings.properties());
        // What the protocol relies on, whatever the pass-through properties say.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        keep(config, overrides, ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // Kafka wants the delivery timeout to cover the linger as well as the request.
        int linger = Integer.parseInt(String.valueOf(config.get(ProducerConfig.LINGER_MS_CONFIG)));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis() + linger);
        return config;
    }

    /**
     * A consumer with no offsets of its own committed ({@code enable.auto.commit=false}), reading from the start
     * when it has no position.
     *
     * @param role names the consumer in its client id
     * @param overrides settings that win over the defaults; the pass-through properties win over both, except offset
     *     commits (always off), a {@code group.id} and an {@code isolation.level} given here
     */
    public KafkaConsumer<byte[], byte[]> consumer(String role, Map<String, Object> overrides) {
        return new KafkaConsumer<>(
                consumerConfig(role, overrides), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The settings of {@link #consumer}. */
    Map<String, Object> consumerConfig(String role, Map<String, Object> overrides) {
        Map<String, Object> config = common(role);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis());
        config.putAll(overrides);
        config.putAll(settings.properties());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        keep(config, overrides, ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        keep(config, overrides, ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    /** Puts back a setting the caller chose for correctness, should a pass-through property have replaced it. */
    private static void keep(Map<String, Object> config, Map<String, Object> overrides, String key) {
        if (overrides.containsKey(key)) {
            config.put(key, overrides.get(key));
        }
    }

    /**
     * Waits for a Kafka future within the request timeout.
     *
     * @throws ServiceUnavailableException when Kafka did not answer in time or failed
     */
    public <T> T await(Future<T> future, String what) {
        return await(future, what, cause -> null);
    }

    /**
     * Waits for a Kafka future within the request timeout, letting {@code translate} turn a failure Kafka reported into
     * the caller's typed answer (for example an unknown partition into ResourceNotFoundException).
     *
     * @param translate returns the exception to throw for a failure's cause, or null when the failure means that Kafka
     *     is unavailable
     * @throws ServiceUnavailableException when Kafka did not answer in time, or failed and {@code translate} gave null
     */
    public <T> T await(Future<T> future, String what, Function<Throwable, RuntimeException> translate) {
        try {
            return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(what, e);
        } catch (ExecutionException e) {
            RuntimeException typed = translate.apply(e.getCause());
            throw typed != null ? typed : unavailable(what, e.getCause());
        }
    }

    /**
     * The 503 a caller gets when Kafka failed {@code what} (e.g. "writing to shard 2"); the cause's message is part of
     * the answer's (Kinesis exceptions carry no cause: they are answers, not bugs).
     */
    public static ServiceUnavailableException unavailable(String what, Throwable cause) {
        return new ServiceUnavailableException("Kafka could not complete " + what + " in time: "
                + (cause == null || cause.getMessage() == null ? "no answer" : cause.getMessage()));
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, nodeId + "-" + role);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis());
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, 50);
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        config.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, 5000);
        return config;
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
