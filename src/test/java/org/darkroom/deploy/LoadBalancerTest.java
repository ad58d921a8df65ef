package org.darkroom.deploy;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.darkroom.mcp.McpAssertions.image;
import static org.darkroom.mcp.McpAssertions.ok;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped nginx configuration (deploy/nginx/darkroom.conf) in front of two real instances in their own JVMs: an
 * instance killed with kill -9 under load costs no client an answer, one request id follows a request through nginx
 * into the instance's log, and MCP over /mcp is served by both instances alike, the API key checked behind nginx.
 *
 * <p>What a client is allowed here: one attempt per request, no retry of its own. Its answer must be 200, or 429 busy
 * (which a client would retry after Retry-After); a connection error or any other status fails the test. Retrying a
 * refused or cut-off request on the other instance is nginx's job.
 *
 * <p>Both tests share one pair, since starting two JVMs is most of their time; the kill runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancerTest {
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 20;
    /** Answers received before the first instance is killed: load is running on both by then. */
    private static final int KILL_AFTER = 16;
    private static final String THUMBNAIL = "/v1/flows/thumbnail?width=64&height=64";
    /** nginx's access line in the shipped format: status, id, the instances tried and their answers. */
    private static final Pattern ACCESS = Pattern.compile(
            "\"(\\S+) (\\S+) [^\"]*\" (\\d{3}) \\d+ id=(\\S+) upstream=(.*) upstream_status=(.*) ms=");

    @TempDir
    static Path dir;
    private static BalancedPair pair;

    /** One request as its client saw it; {@code failure} is set when no HTTP answer came at all. */
    private record Answer(String id, long sentNanos, int status, String echoedId, boolean jpeg, String failure) {
        boolean acceptable() {
            return failure == null && (status == 200 || status == 429);
        }
    }

    @BeforeAll
    static void startPair() {
        pair = BalancedPair.start(dir);
    }

    @AfterAll
    static void stopPair() throws InterruptedException {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    @Order(2)
    void an_instance_killed_mid_load_costs_no_client_its_answer_and_the_survivor_serves_on() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            byte[] photo = Files.readAllBytes(Samples.get("photo.jpg"));
            CountDownLatch answered = new CountDownLatch(KILL_AFTER);
            List<Future<List<Answer>>> runs = new ArrayList<>();
            long started = System.nanoTime();
            for (int client = 0; client < CLIENTS; client++) {
                String prefix = "lb-" + client + "-";
                runs.add(clients.submit(() -> load(pair.http(), photo, prefix, answered)));
            }
            assertThat(answered.await(30, SECONDS)).as("load running before the kill").isTrue();
            long killedAt = System.nanoTime();
            pair.first.kill();
            List<Answer> answers = new ArrayList<>();
            for (Future<List<Answer>> run : runs) {
                answers.addAll(run.get(60, SECONDS));
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(answers).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
            assertThat(answers.stream().filter(answer -> !answer.acceptable()).toList())
                    .as("answers other than 200 or 429").isEmpty();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.echoedId()).isEqualTo(answer.id()));
            List<Answer> done = answers.stream().filter(answer -> answer.status() == 200).toList();
            assertThat(done).allMatch(Answer::jpeg);
            List<Answer> doneAfterKill = done.stream().filter(answer -> answer.sentNanos() > killedAt).toList();
            assertThat(doneAfterKill).as("thumbnails made after the kill").isNotEmpty();
            // Sent after the first instance died, so the second made them: its log has each one's id.
            awaitJobLines(pair, doneAfterKill.stream().map(Answer::id).toList());

            String first = "127.0.0.1:" + pair.firstPort;
            String second = "127.0.0.1:" + pair.secondPort;
            List<Matcher> retried = access(pair, answers.size()).stream()
                    .filter(line -> line.group(5).equals(first + ", " + second)).toList();
            assertThat(retried).as("requests nginx sent to the dead instance, then to the survivor").isNotEmpty()
                    .allSatisfy(line -> assertThat(line.group(3)).isIn("200", "429"));

            System.out.printf("load balancer: %d requests by %d clients in %d ms, %d x 200, %d x 429, %d retried "
                            + "by nginx on the survivor after the kill, %d made by the survivor after the kill%n",
                    answers.size(), CLIENTS, elapsedMs, done.size(), answers.size() - done.size(),
                    retried.size(), doneAfterKill.size());

            // A client that sends no id gets nginx's, and finds it in the log of the instance that did the work.
            HttpResponse<byte[]> anonymous = pair.http().send(thumbnail(pair.http(), photo).build());
            assertThat(anonymous.statusCode()).isEqualTo(200);
            String nginxId = anonymous.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(nginxId).matches("[0-9a-f]{32}");
            awaitJobLines(pair, List.of(nginxId));

            // With no instance left, nginx answers as Darkroom does while stopping: 503 not_ready, never a 502.
            pair.second.kill();
            HttpResponse<byte[]> none = pair.http().send(thumbnail(pair.http(), photo)
                    .header("X-Request-Id", "lb-none").build());
            assertThat(none.statusCode()).isEqualTo(503);
            assertThat(none.headers().firstValue("Retry-After")).isPresent();
            assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(HttpClientSupport.json(none).path("code").asText()).isEqualTo("not_ready");
            assertThat(HttpClientSupport.json(none).path("request_id").asText()).isEqualTo("lb-none");
        } catch (AssertionError failed) {
            throw new AssertionError(failed.getMessage() + "\n" + pair.logs(), failed);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(1)
    void mcp_over_streamable_http_is_served_by_both_instances_through_nginx() throws Exception {
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get("plain.jpg")));
        McpSyncClient client = McpClients.connect(HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + pair.nginx.port()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + BalancedPair.API_KEY))
                .build(), progress -> { });
        try {
            assertThat(client.listTools().tools()).extracting(tool -> tool.name()).contains("thumbnail_image");
            for (int call = 0; call < 4; call++) {
                var result = ok(client.callTool(new CallToolRequest("thumbnail_image",
                        Map.of("data", data, "width", 32, "height", 32))));
                assertThat(image(result).mimeType()).isEqualTo("image/jpeg");
            }
        } finally {
            client.closeGracefully();
        }

        List<Matcher> mcp = access(pair, 7).stream()
                .filter(line -> line.group(1).equals("POST") && line.group(2).equals("/mcp")).toList();
        // initialize, its notification, tools/list and four calls, spread by round robin over both instances.
        assertThat(mcp).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(line -> assertThat(line.group(3)).isIn("200", "202"));
        assertThat(mcp).extracting(line -> line.group(5))
                .contains("127.0.0.1:" + pair.firstPort, "127.0.0.1:" + pair.secondPort);

        // The key is checked by the instance behind nginx: without it, nothing is served through the balancer.
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        HttpResponse<byte[]> anonymous = pair.http().send(pair.http().request("/mcp")
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(ping)).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static List<Answer> load(HttpClientSupport http, byte[] photo, String idPrefix, CountDownLatch answered) {
        List<Answer> answers = new ArrayList<>();
        for (int request = 0; request < REQUESTS_PER_CLIENT; request++) {
            String id = idPrefix + request;
            long sent = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(thumbnail(http, photo).header("X-Request-Id", id).build());
                byte[] body = response.body();
                answers.add(new Answer(id, sent, response.statusCode(),
                        response.headers().firstValue("X-Request-Id").orElse(null),
                        body.length > 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xd8, null));
            } catch (UncheckedIOException noAnswer) {
                answers.add(new Answer(id, sent, -1, null, false, String.valueOf(noAnswer.getCause())));
            }
            answered.countDown();
        }
        return answers;
    }

    private static HttpRequest.Builder thumbnail(HttpClientSupport http, byte[] photo) {
        return http.request(THUMBNAIL).header("Content-Type", "image/jpeg")
                .header("Authorization", "Bearer " + BalancedPair.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(photo));
    }

    /**
     * Waits until the second instance's log has a job line for each id: the line is written as the answer leaves,
     * so it may trail the answer by a moment.
     */
    private static void awaitJobLines(BalancedPair pair, List<String> ids) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(jobLineIds(pair.second.logText())).containsAll(ids));
    }

    /** The ids of the job lines in an instance's log ({@code door=http flow=… id=…}). */
    private static List<String> jobLineIds(String log) {
        return Pattern.compile("door=http flow=\\S+ id=(\\S+) ").matcher(log).results()
                .map(match -> match.group(1)).toList();
    }

    /**
     * nginx's access lines, once there are at least {@code answered} (nginx writes a line as its request ends, so the
     * last may trail its answer by a moment).
     */
    private static List<Matcher> access(BalancedPair pair, int answered) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pair.nginx.accessLog().size() >= answered);
        return pair.nginx.accessLog().stream().map(ACCESS::matcher).filter(Matcher::find).toList();
    }
}
