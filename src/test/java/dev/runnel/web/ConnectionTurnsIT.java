package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connections taking turns on a real server: two request threads, sixteen keep-alive HTTP/1.1 connections sending
 * AWS PutRecord and REST DescribeStream calls as fast as they are answered, so that calls wait and connections go to
 * the back of the queue again and again. Every answer must arrive whole and right, on connections kept open.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.http.threads=per-core",
            "server.tomcat.threads.max=2",
            "runnel.streams.create-delay=0",
            "runnel.limits.enabled=false"
        })
class ConnectionTurnsIT {

    private static final int CONNECTIONS = 16;
    private static final int CALLS = 150;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    FilterRegistrationBean<ConnectionTurnFilter> turns;

    @Test
    void everyAnswerArrivesWholeWhileConnectionsTakeTurns() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> created = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/streams"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"streamName\":\"turns\",\"shardCount\":2}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);

        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                done.add(clients.submit(() -> calls(client, connection)));
            }
            int answered = 0;
            for (Future<Integer> calls : done) {
                answered += calls.get(2, TimeUnit.MINUTES);
            }
            assertThat(answered).isEqualTo(CONNECTIONS * CALLS);
        } finally {
            clients.shutdownNow();
        }
        assertThat(turns.getFilter().turnsEnded())
                .as("connections sent to the back of the queue")
                .isPositive();
    }

    private int calls(HttpClient client, int connection) throws Exception {
        for (int i = 0; i < CALLS; i++) {
            if (i % 2 == 0) {
                String key = "key-" + connection + "-" + i;
                HttpResponse<String> put = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .header("Content-Type", "application/x-amz-json-1.1")
                                .header("X-Amz-Target", "Kinesis_20131202.PutRecord")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"StreamName\":\"turns\",\"PartitionKey\":\"" + key
                                                + "\",\"Data\":\"cmVjb3Jk\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
                JsonNode answer = JSON.readTree(put.body());
                assertThat(answer.path("SequenceNumber").asString())
                        .as(put.body())
                        .isNotEmpty();
                assertThat(answer.path("ShardId").asString()).startsWith("shardId-");
            } else {
                HttpResponse<String> describe = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/streams/turns"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(describe.statusCode()).as(describe.body()).isEqualTo(200);
                assertThat(JSON.readTree(describe.body()).path("streamName").asString())
                        .as(describe.body())
                        .isEqualTo("turns");
            }
        }
        return CALLS;
    }
}
