package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The door's guards, each with the configuration that turns it on: API keys, the in-flight limit, timeouts. */
class HttpGuardsTest {
    @TempDir
    Path dir;

    private static Map<String, String> on(int port, String... more) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("darkroom.http.port", String.valueOf(port)));
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    @Test
    void with_keys_every_request_but_health_needs_a_valid_bearer_key() throws Exception {
        int port = HttpClientSupport.freePort();
        try (RunningDarkroom ignored = RunningDarkroom.start(dir, on(port, "darkroom.http.api-keys", "k-one, k-two"))) {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            HttpResponse<byte[]> none = http.send(http.request("/v1/flows").GET().build());
            HttpResponse<byte[]> wrong = http.send(http.request("/v1/flows").header("Authorization", "Bearer k-three")
                    .GET().build());
            HttpResponse<byte[]> right = http.send(http.request("/v1/flows").header("Authorization", "Bearer k-two")
                    .GET().build());
            HttpResponse<byte[]> upload = http.send(http.request("/v1/flows/thumbnail")
                    .header("Authorization", "Bearer k-one").header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofFile(Samples.get("plain.jpg"))).build());
            HttpResponse<byte[]> health = http.send(http.request("/observe/health").GET().build());

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(HttpClientSupport.json(none).at("/code").asText()).isEqualTo("unauthorized");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(upload.statusCode()).isEqualTo(200);
            assertThat(health.statusCode()).isIn(200, 503);
        }
    }

    @Test
    void a_non_loopback_address_without_keys_refuses_to_start() {
        assertThatThrownBy(() -> RunningDarkroom.start(dir, on(HttpClientSupport.freePort(),
                "darkroom.http.host", "0.0.0.0")))
                .hasStackTraceContaining("no API keys are set");
    }

    @Test
    void past_the_in_flight_limit_requests_are_answered_busy_at_once() throws Exception {
        int port = HttpClientSupport.freePort();
        try (RunningDarkroom ignored = RunningDarkroom.start(dir, on(port, "darkroom.http.max-in-flight", "1"))) {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            String slow = transform("resize width=2500 upscale=true; blur sigma=10");
            CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return http.postRaw(slow, Samples.get("plain.jpg"), "image/jpeg");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            List<HttpResponse<byte[]>> others = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
                HttpResponse<byte[]> response = http.postRaw("/v1/flows/info", Samples.get("plain.jpg"), "image/jpeg");
                others.add(response);
                return response.statusCode() == 429 || first.isDone();
            });
            HttpResponse<byte[]> busy = others.get(others.size() - 1);

            assertThat(busy.statusCode()).isEqualTo(429);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(HttpClientSupport.json(busy).at("/code").asText()).isEqualTo("busy");
            assertThat(first.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_command_past_its_timeout_answers_504() throws Exception {
        int port = HttpClientSupport.freePort();
        try (RunningDarkroom ignored = RunningDarkroom.start(dir, on(port, "darkroom.magick.timeout-ms", "300"))) {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            String slow = transform("resize width=2500 upscale=true; blur sigma=10");
            HttpResponse<byte[]> response = http.postRaw(slow, Samples.get("plain.jpg"), "image/jpeg");

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo("timeout");
        }
    }

    @Test
    void a_body_over_the_server_cap_is_refused_while_it_is_read() throws Exception {
        int port = HttpClientSupport.freePort();
        try (RunningDarkroom ignored = RunningDarkroom.start(dir, on(port, "darkroom.limits.max-bytes", "100KiB",
                "camel.server.max-body-size", "150KiB"))) {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            // No Content-Length: the body is streamed in chunks, so only counting while reading can stop it.
            HttpResponse<byte[]> response = http.send(http.request("/v1/flows/thumbnail")
                    .header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(4 * 1024 * 1024))).build());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo("too_large");
        }
    }

    /** The path of a transform call; slow operations on an enlarged image keep ImageMagick busy on purpose. */
    private static String transform(String operations) {
        return "/v1/flows/transform?operations="
                + java.net.URLEncoder.encode(operations, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static java.io.InputStream zeros(long length) {
        return new java.io.InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(count, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
